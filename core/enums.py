"""Enums that several layers share; the stored models and the GraphQL schema both use these."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MEMBER = "member"
    ADMIN = "admin"


class Channel(StrEnum):
    """A way to reach a person; notifications/registry.py holds each one's facts."""

    EMAIL = "email"
    SLACK = "slack"
    TELEGRAM = "telegram"
    SIGNAL = "signal"


class ParticipationStatus(StrEnum):
    NOT_JOINED = "not_joined"
    ACTIVE = "active"
    PAUSED = "paused"
    DEACTIVATED = "deactivated"


class MatchStatus(StrEnum):
    SCHEDULED = "scheduled"
    MET = "met"
    DID_NOT_MEET = "did_not_meet"
    RESCHEDULED = "rescheduled"


class FeedbackOutcome(StrEnum):
    MET = "met"
    DID_NOT_MEET = "did_not_meet"
    RESCHEDULED = "rescheduled"


class RoundStatus(StrEnum):
    # Asked for and waiting for a worker; a stored round is never in this state.
    QUEUED = "queued"
    CLAIMED = "claimed"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    SKIPPED = "skipped"
