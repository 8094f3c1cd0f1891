"""Pieces shared by the domain models: pages of results and input validation with codes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, AwareDatetime, BaseModel, ValidationError

from core.errors import BadUserInput

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

# Item attributes that are keys, not data: dropped before a model reads an item.
KEY_ATTRIBUTES = frozenset({"PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK"})


def _to_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


# Aware only, and normalised to UTC so stored text sorts in time order.
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_to_utc)]


class Page(BaseModel, Generic[T]):
    """One page of a listing; pass `cursor` back to get the next one (None: no more).

    Parametrise it once, at module level (`HistoryPage = Page[HistoryEntry]`): pydantic holds
    parametrised classes only weakly, so `Page[X](...)` inside a call builds the class again,
    a millisecond or more, whenever the collector has freed it.
    """

    items: list[T]
    cursor: str | None = None


def utc_now() -> datetime:
    return datetime.now(UTC)


def utc_iso(moment: datetime) -> str:
    """The stored form of a moment: UTC, ISO-8601, microseconds, so it sorts as text."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored; pass an aware datetime")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def data_of(item: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in item.items() if name not in KEY_ATTRIBUTES}


def validated(model: type[M], data: Any) -> M:
    """`model` built from client input; a violation becomes BAD_USER_INPUT naming the fields."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = error.errors(include_url=False)
        fields = tuple(".".join(str(part) for part in problem["loc"]) for problem in problems)
        message = "; ".join(
            f"{field}: {problem['msg']}" if field else problem["msg"]
            for field, problem in zip(fields, problems, strict=True)
        )
        raise BadUserInput(message, fields=fields) from None


def require_limit(limit: int, *, maximum: int = 100) -> int:
    if not 1 <= limit <= maximum:
        raise BadUserInput(f"limit must be between 1 and {maximum}", fields=("limit",))
    return limit
