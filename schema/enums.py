"""Enumerations clients branch on: channels, statuses, roles and feedback outcomes."""

from __future__ import annotations

from enum import Enum

import strawberry

from notifications.registry import Channel as Channel

# The registry's enum itself becomes the GraphQL enum, so the API lists what the registry does.
strawberry.enum(Channel, description="A way to reach a person.")


@strawberry.enum(description="Whether a person takes part in the coming rounds.")
class ParticipationStatus(Enum):
    NOT_JOINED = "not_joined"
    ACTIVE = "active"
    PAUSED = "paused"
    DEACTIVATED = "deactivated"


@strawberry.enum(description="What a person may do in this deployment.")
class Role(Enum):
    MEMBER = "member"
    ADMIN = "admin"


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
