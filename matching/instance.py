"""Round instance and match result models, and parsing of an instance with coded errors."""

from __future__ import annotations

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

from matching.slots import is_slot

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
        if all(map(is_slot, value)):
            # One pass in C for the usual case; the loop below only names the first bad slot.
            return value
        for slot in value:
            if not is_slot(slot):
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


class Plan(BaseModel):
    """Rounds planned ahead for a population: a repeat-free schedule over numbered points.

    `points[p]` is the person at point p (None: nobody yet); `rounds` are the rounds not yet
    played, next first, each a list of groups of point numbers.
    """

    model_config = _FORBID

    group_size: StrictInt
    construction: StrictStr
    points: tuple[StrictStr | None, ...]
    rounds: tuple[tuple[tuple[StrictInt, ...], ...], ...]

    @model_validator(mode="after")
    def _points_in_range(self) -> Plan:
        count = len(self.points)
        for number, groups in enumerate(self.rounds):
            seen: set[int] = set()
            for members in groups:
                for point in members:
                    if not 0 <= point < count or point in seen:
                        raise PydanticCustomError(
                            "bad_plan",
                            "round {number} of the plan names point {point} twice or out of range",
                            {"number": number, "point": point},
                        )
                    seen.add(point)
        named = [person for person in self.points if person is not None]
        if len(named) != len(set(named)):
            raise PydanticCustomError("bad_plan", "the plan holds a person at two points", {})
        return self


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
    plan: Plan | None = None
    plan_ahead: StrictBool = False

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
    plan: Plan | None = None


_CODE_OF_PYDANTIC_TYPE = {
    "extra_forbidden": "unknown_field",
    "missing": "missing_field",
}
_OWN_CODES = {
    "unknown_timezone",
    "malformed_slot",
    "bad_group_size",
    "duplicate_id",
    "bad_block",
    "bad_plan",
}


def _instance_error(error: ValidationError) -> InstanceError:
    first = error.errors(include_url=False)[0]
    kind = first["type"]
    if kind == "json_invalid":
        return InstanceError("bad_json", f"not valid JSON ({first['msg']})")
    if kind in {"model_type", "model_attributes_type"} and not first["loc"]:
        return InstanceError("bad_json", "the instance must be a JSON object")
    code = kind if kind in _OWN_CODES else _CODE_OF_PYDANTIC_TYPE.get(kind, "invalid_field")
    where = ".".join(str(part) for part in first["loc"])
    message = first["msg"]
    if kind == "extra_forbidden":
        message = "unknown field"
    return InstanceError(code, f"{where}: {message}" if where else message)


def parse_instance(raw: str | bytes | dict[str, Any]) -> Instance:
    """Parse and validate an instance from JSON text or a decoded mapping.

    JSON text is parsed by pydantic itself, which reads 100,000 people several times faster
    than decoding to Python objects first.
    """
    if not isinstance(raw, str | bytes | dict):
        raise InstanceError("bad_json", "the instance must be a JSON object")
    try:
        if isinstance(raw, dict):
            return Instance.model_validate(raw)
        return Instance.model_validate_json(raw)
    except ValidationError as error:
        raise _instance_error(error) from None
