"""Types of rounds: their quality figures, a dry-run preview and live progress."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema.enums import RoundStatus
from schema.matches import SuggestedTime
from schema.people import Person


@strawberry.type(description="How good the groups of a round are.")
class RoundQuality:
    repeats: int = strawberry.field(description="Pairs who met in a recent round again.")
    groups_without_common_window: int
    cross_team_share: float | None = strawberry.field(
        description="Share of pairs from different teams; null when teams are not used."
    )
    unmatched: int


@strawberry.type(description="One matching round of the deployment.")
class Round:
    slot: str
    status: RoundStatus
    participants: int | None
    groups: int | None
    quality: RoundQuality | None
    started_at: datetime
    finished_at: datetime | None


@strawberry.type(description="One page of rounds, newest first.")
class RoundPage:
    items: list[Round]
    next_cursor: str | None


@strawberry.type(description="A group a round would form.")
class PreviewGroup:
    members: list[Person]
    suggested_time: SuggestedTime | None


@strawberry.type(description="The groups a round would form now; nothing is written.")
class RoundPreview:
    slot: str
    groups: list[PreviewGroup]
    unmatched: list[Person]
    quality: RoundQuality


@strawberry.type(description="Live progress of a round being written.")
class RoundProgress:
    slot: str
    status: RoundStatus
    groups_written: int
    groups_total: int
