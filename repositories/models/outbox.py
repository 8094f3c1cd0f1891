"""The notification outbox: who holds the right to send, every attempt, and each final outcome."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from repositories.keys import Keys
from repositories.models.common import UtcDatetime, data_of, utc_iso
from repositories.models.users import Channel


class ClaimState(StrEnum):
    CLAIMED = "claimed"
    RELEASED = "released"
    SENT = "sent"


class AttemptOutcome(StrEnum):
    SENT = "sent"
    TRANSIENT_FAILURE = "transient_failure"
    PERMANENT_FAILURE = "permanent_failure"
    ALREADY_CLAIMED = "already_claimed"


FAILED_OUTCOMES = (AttemptOutcome.TRANSIENT_FAILURE, AttemptOutcome.PERMANENT_FAILURE)


class DeliveryStatus(StrEnum):
    SENT = "sent"
    ALREADY_HANDLED = "already_handled"
    UNDELIVERABLE = "undeliverable"


class NotificationClaim(BaseModel):
    model_config = ConfigDict(frozen=True)

    match_id: str
    user_id: str
    channel: Channel
    state: ClaimState
    claimed_at: UtcDatetime
    sent_at: UtcDatetime | None = None
    claims: int = 1
    # Absent on claims written before leases were renewed by their holder.
    owner: str | None = None
    lease_until: UtcDatetime | None = None

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> NotificationClaim:
        return cls.model_validate(data_of(item))


class DeliveryAttempt(BaseModel):
    """One try to send on one channel."""

    model_config = ConfigDict(frozen=True)

    match_id: str
    user_id: str
    channel: Channel
    number: int = Field(ge=1)
    outcome: AttemptOutcome
    at: UtcDatetime
    code: str | None = Field(default=None, max_length=100)
    detail: str | None = Field(default=None, max_length=1000)

    def to_item(self, keys: Keys, *, expires_at: int) -> dict[str, Any]:
        at = utc_iso(self.at)
        pk, sk = keys.notification_attempt(
            self.match_id, self.user_id, self.channel.value, at, self.number
        )
        return {
            "PK": pk,
            "SK": sk,
            "GSI1PK": keys.attempts_index(),
            "GSI1SK": keys.attempt_sort_key(
                self.outcome.value, at, self.match_id, self.user_id, self.channel.value
            ),
            "type": "attempt",
            "expires_at": expires_at,
            **self.model_dump(mode="json", exclude_none=True),
        }

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> DeliveryAttempt:
        return cls.model_validate(data_of(item))


class DeliveryRecord(BaseModel):
    """How notifying one member about one match ended."""

    model_config = ConfigDict(frozen=True)

    match_id: str
    user_id: str
    status: DeliveryStatus
    channel: Channel | None = None
    attempts: int = 0
    at: UtcDatetime

    def to_item(self, keys: Keys) -> dict[str, Any]:
        pk, sk = keys.delivery_outcome(self.match_id, self.user_id)
        return {
            "PK": pk,
            "SK": sk,
            "GSI1PK": keys.deliveries_index(),
            "GSI1SK": keys.delivery_sort_key(
                self.status.value, utc_iso(self.at), self.match_id, self.user_id
            ),
            "type": "delivery",
            **self.model_dump(mode="json", exclude_none=True),
        }

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> DeliveryRecord:
        return cls.model_validate(data_of(item))
