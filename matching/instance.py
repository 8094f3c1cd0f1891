"""Round instance and match result models, and parsing of an instance with coded errors."""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from matching.slots import SLOT_PATTERN

_FORBID = ConfigDict(extra="forbid", frozen=True)


class InstanceError(ValueError):
    """An instance that breaks the matching contract; `code` is stable, the message is one line."""

    def __init__(self, code: str, message: str) -> None:
        one_line = " ".join(message.split())
        super().__init__(f"{code}: {one_line}")
        self.code = code
        self.detail = one_line


@lru_cache(maxsize=1024)
def zone_named(name: str) -> ZoneInfo:
    """Return the IANA zone `name`, raising a coded pydantic error when it does not exist."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise PydanticCustomError(
            "unknown_timezone", "unknown time zone {name}", {"name": repr(name)}
        ) from None


class Participant(BaseModel):
    """One person taking part in the round."""

    model_config = _FORBID

    id: StrictStr = Field(min_length=1)
    timezone: StrictStr = "UTC"
    availability: tuple[StrictStr, ...] = ()
    topics: tuple[StrictStr, ...] = ()
    team: StrictStr | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        zone_named(value)
        return value

    @field_validator("availability")
    @classmethod
    def _well_formed_slots(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for slot in value:
            if not SLOT_PATTERN.fullmatch(slot):
                raise PydanticCustomError(
                    "malformed_slot",
                    "slot {slot} is not of the form ddd-HH (mon..sun, 00..23)",
                    {"slot": repr(slot)},
                )
        return value


class HistoryRound(BaseModel):
    """The groups of one earlier round."""

    model_config = _FORBID

    round: date
    groups: tuple[tuple[StrictStr, ...], ...]


class Instance(BaseModel):
    """Everything the matcher needs to form the groups of one round."""

    model_config = _FORBID

    round: date
    group_size: StrictInt
    seed: StrictInt = 0
    repeat_window: StrictInt = Field(default=0, ge=0)
    prefer_cross_team: StrictBool = False
    participants: tuple[Participant, ...]
    history: tuple[HistoryRound, ...] = ()
    blocks: tuple[Annotated[tuple[StrictStr, StrictStr], Field()], ...] = ()

    @field_validator("group_size")
    @classmethod
    def _group_size_at_least_two(cls, value: int) -> int:
        if value < 2:
            raise PydanticCustomError(
                "bad_group_size", "group_size must be at least 2, got {value}", {"value": value}
            )
        return value

    @model_validator(mode="after")
    def _unique_ids_and_sane_blocks(self) -> Instance:
        seen: set[str] = set()
        for person in self.participants:
            if person.id in seen:
                raise PydanticCustomError(
                    "duplicate_id",
                    "participant id {id} appears more than once",
                    {"id": repr(person.id)},
                )
            seen.add(person.id)
        for first, second in self.blocks:
            if first == second:
                raise PydanticCustomError(
                    "bad_block",
                    "block [{id}, {id}] names the same person twice",
                    {"id": repr(first)},
                )
        return self


class Quality(BaseModel):
    """Quality figures of the groups of a round."""

    model_config = ConfigDict(frozen=True)

    repeats: int
    groups_without_common_window: int
    cross_team_share: float | None
    unmatched: int


class SuggestedTime(BaseModel):
    """A group's earliest common window (30 minutes or more) in the week from the round date."""

    model_config = ConfigDict(frozen=True)

    start: datetime
    end: datetime
    local: dict[str, datetime]


class MatchResult(BaseModel):
    """Groups of a round; `suggested_times[i]` belongs to `groups[i]` (None: no common window)."""

    model_config = ConfigDict(frozen=True)

    groups: list[list[str]]
    unmatched: list[str]
    quality: Quality
    suggested_times: list[SuggestedTime | None]


_CODE_OF_PYDANTIC_TYPE = {
    "extra_forbidden": "unknown_field",
    "missing": "missing_field",
}
_OWN_CODES = {"unknown_timezone", "malformed_slot", "bad_group_size", "duplicate_id", "bad_block"}


def _instance_error(error: ValidationError) -> InstanceError:
    first = error.errors(include_url=False)[0]
    kind = first["type"]
    code = kind if kind in _OWN_CODES else _CODE_OF_PYDANTIC_TYPE.get(kind, "invalid_field")
    where = ".".join(str(part) for part in first["loc"])
    message = first["msg"]
    if kind == "extra_forbidden":
        message = "unknown field"
    return InstanceError(code, f"{where}: {message}" if where else message)


def parse_instance(raw: str | bytes | dict[str, Any]) -> Instance:
    """Parse and validate an instance from JSON text or a decoded mapping."""
    if isinstance(raw, str | bytes):
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise InstanceError("bad_json", f"not valid JSON ({error})") from None
    else:
        data = raw
    if not isinstance(data, dict):
        raise InstanceError("bad_json", "the instance must be a JSON object")
    try:
        return Instance.model_validate(data)
    except ValidationError as error:
        raise _instance_error(error) from None
