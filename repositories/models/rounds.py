"""Matching rounds (one per scheduled slot) and the groups a round plans to write."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.enums import RoundStatus as RoundStatus
from core.errors import BadUserInput
from repositories.keys import Keys
from repositories.models.common import UtcDatetime, data_of

ROUND_SLOT = re.compile(r"(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}Z)?")
# One transaction holds a group, one history item per member and the round's fence.
MAX_GROUP_MEMBERS = 98


def require_slot(slot: str) -> str:
    """A slot is the round's scheduled date, or date and UTC time: 2026-11-30T09:00Z."""
    matched = ROUND_SLOT.fullmatch(slot)
    if matched is None:
        raise BadUserInput(
            f"round slot {slot!r} is not YYYY-MM-DD or YYYY-MM-DDTHH:MMZ", fields=("slot",)
        )
    try:
        date.fromisoformat(matched.group(1))
    except ValueError:
        message = f"round slot {slot!r} is not a calendar date"
        raise BadUserInput(message, fields=("slot",)) from None
    return slot


def slot_date(slot: str) -> date:
    return date.fromisoformat(slot[:10])


class RoundQuality(BaseModel):
    """The matcher's figures for a round's groups."""

    model_config = ConfigDict(frozen=True)

    repeats: int = Field(default=0, ge=0)
    groups_without_common_window: int = Field(default=0, ge=0)
    cross_team_share: float | None = Field(default=None, ge=0, le=1)
    unmatched: int = Field(default=0, ge=0)


class MatchRound(BaseModel):
    """One round; `owner` holds the claim until `lease_until`, after which another may take it."""

    model_config = ConfigDict(frozen=True)

    slot: str
    status: RoundStatus
    seed: int
    owner: str | None = None
    attempts: int = 1
    # Claims taken from another holder whose lease ran out; items of earlier releases have none.
    takeovers: int = 0
    claimed_at: UtcDatetime
    lease_until: UtcDatetime
    input_size: int | None = None
    group_count: int | None = None
    pair_count: int | None = None
    plan_digest: str | None = None
    quality: RoundQuality | None = None
    error: str | None = None
    finished_at: UtcDatetime | None = None

    @property
    def scheduled_date(self) -> date:
        return slot_date(self.slot)

    def to_item(self, keys: Keys) -> dict[str, Any]:
        pk, sk = keys.round(self.slot)
        return {
            "PK": pk,
            "SK": sk,
            "GSI1PK": keys.rounds_index(),
            "GSI1SK": self.slot,
            "type": "round",
            **self.model_dump(mode="json", exclude_none=True),
        }

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> MatchRound:
        return cls.model_validate(data_of(item))


class PlannedGroup(BaseModel):
    """A group the matcher formed, with the meeting time it suggests (None: no common window)."""

    model_config = ConfigDict(frozen=True)

    members: list[str] = Field(min_length=1, max_length=MAX_GROUP_MEMBERS)
    suggested_start: UtcDatetime | None = None
    suggested_end: UtcDatetime | None = None

    @field_validator("members")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value) or any(not member for member in value):
            raise ValueError("a group lists each member once, by a non-empty id")
        return value


class RoundGroups(BaseModel):
    """The groups of one finished round, as the matcher reads history."""

    model_config = ConfigDict(frozen=True)

    slot: str
    groups: list[list[str]]
