"""Matches (the groups of a round) and a person's history of them."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from core.enums import MatchStatus as MatchStatus
from core.errors import BadUserInput
from repositories.keys import Keys
from repositories.models.common import UtcDatetime, data_of
from repositories.models.rounds import ROUND_SLOT

MATCH_ID = re.compile(rf"({ROUND_SLOT.pattern})_(\d{{4,6}})")


def match_id_of(slot: str, index: int) -> str:
    """A match id names its round and position, so the match is read by key, not by index."""
    return f"{slot}_{index:04d}"


def parse_match_id(match_id: str) -> tuple[str, int]:
    matched = MATCH_ID.fullmatch(match_id)
    if matched is None:
        raise BadUserInput(f"{match_id!r} is not a match id", fields=("match_id",))
    return matched.group(1), int(matched.group(4))


class MemberDelivery(StrEnum):
    """How notifying one member about the match went."""

    PENDING = "pending"
    SENT = "sent"
    UNDELIVERABLE = "undeliverable"


class Match(BaseModel):
    """A group of people who meet once, in one round; status follows the latest feedback."""

    model_config = ConfigDict(frozen=True)

    id: str
    slot: str
    index: int
    participants: list[str]
    scheduled_date: date
    suggested_start: UtcDatetime | None = None
    suggested_end: UtcDatetime | None = None
    status: MatchStatus = MatchStatus.SCHEDULED
    deliveries: dict[str, MemberDelivery] = Field(default_factory=dict)
    created_at: UtcDatetime

    def to_item(self, keys: Keys) -> dict[str, Any]:
        pk, sk = keys.group(self.slot, self.index)
        return {
            "PK": pk,
            "SK": sk,
            "GSI2PK": keys.match(self.id),
            "GSI2SK": keys.group_of_match(),
            "type": "match",
            **self.model_dump(mode="json", exclude_none=True),
        }

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> Match:
        return cls.model_validate(data_of(item))

    def history_entry(self) -> HistoryEntry:
        return HistoryEntry(
            match_id=self.id,
            slot=self.slot,
            scheduled_date=self.scheduled_date,
            participants=self.participants,
            suggested_start=self.suggested_start,
            suggested_end=self.suggested_end,
        )


class HistoryEntry(BaseModel):
    """A match as it appears in one member's history (a copy made when the round was written)."""

    model_config = ConfigDict(frozen=True)

    match_id: str
    slot: str
    scheduled_date: date
    participants: list[str]
    suggested_start: UtcDatetime | None = None
    suggested_end: UtcDatetime | None = None

    def to_item(self, keys: Keys, *, user_id: str) -> dict[str, Any]:
        pk, sk = keys.membership(user_id, self.slot, self.match_id)
        return {
            "PK": pk,
            "SK": sk,
            "type": "membership",
            **self.model_dump(mode="json", exclude_none=True),
        }

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> HistoryEntry:
        return cls.model_validate(data_of(item))
