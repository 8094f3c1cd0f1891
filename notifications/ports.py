"""What delivery needs from storage (the outbox), as Protocols the data layer implements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from notifications.registry import Channel

AttemptOutcome = Literal["sent", "transient_failure", "permanent_failure", "already_claimed"]
DeliveryStatus = Literal["sent", "already_handled", "undeliverable", "deferred"]


@dataclass(frozen=True)
class Attempt:
    """One try to send on one channel; every try is recorded, successful or not."""

    match_id: str
    user_id: str
    channel: Channel
    number: int
    outcome: AttemptOutcome
    at: datetime
    code: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class DeliveryOutcome:
    """How notifying one person about one match ended, with every attempt made."""

    match_id: str
    user_id: str
    status: DeliveryStatus
    channel: Channel | None
    attempts: tuple[Attempt, ...]
    at: datetime
    # For `deferred`: when to try every channel again.
    retry_at: datetime | None = None


class DeliveryStore(Protocol):
    """The outbox for one deployment: claims that prevent double sends and the attempt log.

    Keys are (match_id, user_id, channel). A job can run twice (arq is at-least-once) and two
    workers may run the same job at once, so `claim` must be a single conditional write
    (DynamoDB: PutItem/UpdateItem with a ConditionExpression); never read-then-write.
    """

    async def claim(self, *, match_id: str, user_id: str, channel: Channel, owner: str) -> bool:
        """Take the right to send now for `owner`; False when the caller must not send.

        Succeeds when there is no claim, when the last claim was released after a failed
        attempt, or when the last claim's lease ran out (its holder died between claiming
        and finishing). Fails when the send is marked sent or another holder's claim is
        still live. Delivery calls this before every single send.
        """
        ...

    async def renew(self, *, match_id: str, user_id: str, channel: Channel, owner: str) -> bool:
        """Extend `owner`'s lease while it sends; False when the claim is no longer its own."""
        ...

    async def release(self, *, match_id: str, user_id: str, channel: Channel, owner: str) -> None:
        """Give the claim back after a failed attempt, so a retry or a later job may claim."""
        ...

    async def mark_sent(
        self, *, match_id: str, user_id: str, channel: Channel, at: datetime
    ) -> None:
        """Turn the claim into a permanent record that this send happened; claims then fail."""
        ...

    async def sent_channel(self, *, match_id: str, user_id: str) -> str | None:
        """The channel this person was already told on about `match_id`, if any."""
        ...

    async def record_attempt(self, *, attempt: Attempt) -> None:
        """Append one attempt to the log shown to admins (channel, outcome, time, code)."""
        ...

    async def record_outcome(self, *, outcome: DeliveryOutcome) -> None:
        """Store the final result per match member: sent (and how) or undeliverable.

        An `undeliverable` outcome marks the person so admins see it in the stats; a `sent`
        one (also found by a job run again after the send) marks them told. An
        `already_handled` outcome must not overwrite an earlier `sent`.
        """
        ...
