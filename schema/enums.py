"""Enumerations clients branch on: channels, statuses, roles and feedback outcomes."""

from __future__ import annotations

from enum import Enum

import strawberry

from core.enums import Role as Role


@strawberry.enum(description="A way to reach a person.")
class Channel(Enum):
    EMAIL = "email"
    SLACK = "slack"
    TELEGRAM = "telegram"
    SIGNAL = "signal"


@strawberry.enum(description="Whether a person takes part in the coming rounds.")
class ParticipationStatus(Enum):
    NOT_JOINED = "not_joined"
    ACTIVE = "active"
    PAUSED = "paused"
    DEACTIVATED = "deactivated"


# The stored role, published as it is: one declaration in core.
strawberry.enum(Role, description="What a person may do in this deployment.")


@strawberry.enum(description="What happened to a match, as its members reported.")
class MatchStatus(Enum):
    SCHEDULED = "scheduled"
    MET = "met"
    DID_NOT_MEET = "did_not_meet"
    RESCHEDULED = "rescheduled"


@strawberry.enum(description="One member's account of a match.")
class FeedbackOutcome(Enum):
    MET = "met"
    DID_NOT_MEET = "did_not_meet"
    RESCHEDULED = "rescheduled"


@strawberry.enum(description="Where a round is in its life.")
class RoundStatus(Enum):
    QUEUED = "queued"
    CLAIMED = "claimed"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    SKIPPED = "skipped"
