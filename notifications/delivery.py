"""The delivery policy: primary channel first, retries with backoff, fallback, no double sends."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from notifications.channels.base import Sender
from notifications.errors import DeliveryError, PermanentError, TransientError
from notifications.message import RenderedMessage
from notifications.ports import (
    Attempt,
    AttemptOutcome,
    DeliveryOutcome,
    DeliveryStatus,
    DeliveryStore,
)
from notifications.recipients import Recipient, Route, delivery_order
from notifications.registry import Channel

logger = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try one channel before moving to the next.

    Delays before retries are base_delay * factor**n (n = 0, 1, 2 …) capped at max_delay,
    shortened by up to `jitter` (a fraction) so that many jobs failing together do not
    retry together. A Retry-After from the service is waited exactly, unless it is longer
    than max_retry_after: then the channel is given up for now in favour of the next one.
    """

    max_retries: int = 3
    base_delay: float = 1.0
    factor: float = 2.0
    max_delay: float = 60.0
    max_retry_after: float = 120.0
    attempt_timeout: float = 30.0
    jitter: float = 0.1

    def __post_init__(self) -> None:
        if self.max_retries < 0 or self.base_delay < 0 or self.attempt_timeout <= 0:
            raise ValueError("retry settings must be non-negative and the timeout positive")
        if not 0 <= self.jitter < 1:
            raise ValueError("jitter is a fraction in [0, 1)")

    def delay(self, *, retry: int, retry_after: float | None, draw: float) -> float | None:
        """Seconds to wait before retry number `retry` (0-based), or None to stop retrying."""
        if retry_after is not None:
            return retry_after if retry_after <= self.max_retry_after else None
        backoff = min(self.base_delay * self.factor**retry, self.max_delay)
        return backoff * (1 - self.jitter * draw)


DEFAULT_POLICY = RetryPolicy()


@dataclass
class _Run:
    """The attempts of one delivery, in order."""

    match_id: str
    user_id: str
    store: DeliveryStore
    clock: Clock
    attempts: list[Attempt]

    async def record(
        self,
        *,
        channel: Channel,
        number: int,
        error: DeliveryError | None,
        already_claimed: bool = False,
    ) -> None:
        outcome: AttemptOutcome
        if already_claimed:
            outcome = "already_claimed"
        elif error is None:
            outcome = "sent"
        elif isinstance(error, TransientError):
            outcome = "transient_failure"
        else:
            outcome = "permanent_failure"
        attempt = Attempt(
            match_id=self.match_id,
            user_id=self.user_id,
            channel=channel,
            number=number,
            outcome=outcome,
            at=self.clock(),
            code=error.code if error else None,
            detail=error.message if error else None,
        )
        self.attempts.append(attempt)
        await self.store.record_attempt(attempt=attempt)

    async def finish(self, *, status: DeliveryStatus, channel: Channel | None) -> DeliveryOutcome:
        outcome = DeliveryOutcome(
            match_id=self.match_id,
            user_id=self.user_id,
            status=status,
            channel=channel,
            attempts=tuple(self.attempts),
            at=self.clock(),
        )
        await self.store.record_outcome(outcome=outcome)
        return outcome


async def _send_once(
    *, channel: Sender, route: Route, message: RenderedMessage, limit: float
) -> DeliveryError | None:
    try:
        async with asyncio.timeout(limit):
            await channel.send(message=message, address=route.address)
    except DeliveryError as exc:
        return exc
    except TimeoutError:
        return TransientError("TIMEOUT", f"no answer within {limit:g} s")
    except Exception:
        # A defect in one channel must not keep the person from hearing on the next one.
        logger.exception("channel %s failed unexpectedly", route.channel)
        return PermanentError("INTERNAL", "the channel failed unexpectedly")
    return None


async def deliver(
    *,
    match_id: str,
    recipient: Recipient,
    message: RenderedMessage,
    channels: Mapping[Channel, Sender],
    store: DeliveryStore,
    sleep: Sleep = asyncio.sleep,
    policy: RetryPolicy = DEFAULT_POLICY,
    clock: Clock = utc_now,
    draw: Callable[[], float] = random.random,
) -> DeliveryOutcome:
    """Notify one person of one match: their primary channel, then the others, until one works.

    Every send is preceded by `store.claim`; when the claim is refused the send already
    happened (or is happening) elsewhere and this run stops without sending anything.
    Channels the deployment has not configured are skipped.
    """
    run = _Run(match_id=match_id, user_id=recipient.user_id, store=store, clock=clock, attempts=[])
    keys = {"match_id": match_id, "user_id": recipient.user_id}
    for route in delivery_order(recipient=recipient):
        channel = channels.get(route.channel)
        if channel is None:
            continue
        for number in range(1, policy.max_retries + 2):
            if not await store.claim(**keys, channel=route.channel):
                await run.record(
                    channel=route.channel, number=number, error=None, already_claimed=True
                )
                return await run.finish(status="already_handled", channel=None)
            error = await _send_once(
                channel=channel, route=route, message=message, limit=policy.attempt_timeout
            )
            if error is None:
                await store.mark_sent(**keys, channel=route.channel, at=clock())
                await run.record(channel=route.channel, number=number, error=None)
                return await run.finish(status="sent", channel=route.channel)
            await run.record(channel=route.channel, number=number, error=error)
            await store.release(**keys, channel=route.channel)
            if not isinstance(error, TransientError) or number > policy.max_retries:
                break
            wait = policy.delay(retry=number - 1, retry_after=error.retry_after, draw=draw())
            if wait is None:
                break
            await sleep(wait)
    return await run.finish(status="undeliverable", channel=None)
