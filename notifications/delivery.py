"""The delivery policy: primary channel first, retries with backoff, fallback, no double sends."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from core.errors import ServiceUnavailable
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
# A send claim's lease is 30 s; a channel still answering after 10 s gets it renewed.
CLAIM_RENEW_SECONDS = 10.0
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


def _every(step: timedelta, *, after: timedelta, until: timedelta) -> list[timedelta]:
    points, at = [], after + step
    while at <= until:
        points.append(at)
        at += step
    return points


# Every minute for ten minutes, every five to the hour, every half hour to six hours, then
# every two hours to a day: a short outage is followed within a minute, a long one within a
# small share of its length, and a dead address costs 39 tries in a day.
DAY_OF_RETRIES = tuple(
    _every(timedelta(minutes=1), after=timedelta(0), until=timedelta(minutes=10))
    + _every(timedelta(minutes=5), after=timedelta(minutes=10), until=timedelta(hours=1))
    + _every(timedelta(minutes=30), after=timedelta(hours=1), until=timedelta(hours=6))
    + _every(timedelta(hours=2), after=timedelta(hours=6), until=timedelta(hours=24))
)


@dataclass(frozen=True)
class RetrySchedule:
    """When to try a person again after every channel failed for now, counted from the first try.

    Sized to real outages (a mail server down for a minute, an afternoon, a day): after the
    last point the person is undeliverable and listed for the admins.
    """

    after: tuple[timedelta, ...] = field(default_factory=lambda: DAY_OF_RETRIES)

    def __post_init__(self) -> None:
        if list(self.after) != sorted(self.after) or any(t <= timedelta(0) for t in self.after):
            raise ValueError("retry points must be positive and in order")

    def next_try(self, *, first_try: datetime, now: datetime) -> datetime | None:
        """The next point after `now`, or None when the schedule is over."""
        return next((first_try + t for t in self.after if first_try + t > now), None)


DEFAULT_SCHEDULE = RetrySchedule()
# How long to keep recording a send the channel accepted while the table is unavailable.
MARK_SENT_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)


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

    async def finish(
        self,
        *,
        status: DeliveryStatus,
        channel: Channel | None,
        retry_at: datetime | None = None,
    ) -> DeliveryOutcome:
        outcome = DeliveryOutcome(
            match_id=self.match_id,
            user_id=self.user_id,
            status=status,
            channel=channel,
            attempts=tuple(self.attempts),
            at=self.clock(),
            retry_at=retry_at,
        )
        if status != "deferred":
            await self.store.record_outcome(outcome=outcome)
        return outcome

    async def sent_before(self, recipient: Recipient) -> DeliveryOutcome | None:
        """The outcome `sent` when an earlier run already told this person (a redone job)."""
        found = await self.store.sent_channel(match_id=self.match_id, user_id=self.user_id)
        if found is None:
            return None
        channel = next((r.channel for r in recipient.routes if r.channel == found), None)
        if channel is None:
            channel = Channel(found)
        return await self.finish(status="sent", channel=channel)


@contextlib.asynccontextmanager
async def _held(
    store: DeliveryStore, *, keys: Mapping[str, str], channel: Channel, owner: str
) -> AsyncIterator[None]:
    """Renews the send claim while a slow channel answers and while its send is recorded."""

    async def beat() -> None:
        while True:
            await asyncio.sleep(CLAIM_RENEW_SECONDS)
            with contextlib.suppress(Exception):
                await store.renew(**keys, channel=channel, owner=owner)

    task = asyncio.create_task(beat())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _mark_sent(
    store: DeliveryStore,
    *,
    keys: Mapping[str, str],
    channel: Channel,
    at: datetime,
    sleep: Sleep,
) -> None:
    """Records a send the channel accepted, trying on through a short table outage.

    A send that could not be recorded at all is the one way a message goes out twice: the
    claim's lease runs out and a later run sends again. This keeps that to outages longer
    than the delays here (about half a minute).
    """
    for delay in (*MARK_SENT_DELAYS, None):
        try:
            await store.mark_sent(**keys, channel=channel, at=at)
            return
        except ServiceUnavailable:
            if delay is None:
                raise
            await sleep(delay)


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
    schedule: RetrySchedule | None = None,
    first_try: datetime | None = None,
) -> DeliveryOutcome:
    """Notify one person of one match: their primary channel, then the others, until one works.

    Every send is preceded by `store.claim`; when the claim is refused the send already
    happened (the outcome is then `sent`, so the person shows as told) or is happening
    elsewhere (`already_handled`). Channels the deployment has not configured are skipped.
    When every channel failed and one of them only for now, a `schedule` (counted from
    `first_try`, by default now) gives the outcome `deferred` with the time to try again;
    without one, or once it is over, the person is `undeliverable`.
    """
    run = _Run(match_id=match_id, user_id=recipient.user_id, store=store, clock=clock, attempts=[])
    keys = {"match_id": match_id, "user_id": recipient.user_id}
    told = await run.sent_before(recipient)
    if told is not None:
        return told
    owner = uuid.uuid4().hex
    transient = False
    for route in delivery_order(recipient=recipient):
        channel = channels.get(route.channel)
        if channel is None:
            continue
        error: DeliveryError | None = None
        for number in range(1, policy.max_retries + 2):
            if not await store.claim(**keys, channel=route.channel, owner=owner):
                await run.record(
                    channel=route.channel, number=number, error=None, already_claimed=True
                )
                told = await run.sent_before(recipient)
                if told is not None:
                    return told
                return await run.finish(status="already_handled", channel=None)
            async with _held(store, keys=keys, channel=route.channel, owner=owner):
                error = await _send_once(
                    channel=channel, route=route, message=message, limit=policy.attempt_timeout
                )
                if error is None:
                    # Recorded before anything else is awaited, with the claim still renewed:
                    # a kill between the channel's acceptance and this write sends twice.
                    await _mark_sent(
                        store, keys=keys, channel=route.channel, at=clock(), sleep=sleep
                    )
            if error is None:
                await run.record(channel=route.channel, number=number, error=None)
                return await run.finish(status="sent", channel=route.channel)
            await run.record(channel=route.channel, number=number, error=error)
            await store.release(**keys, channel=route.channel, owner=owner)
            if not isinstance(error, TransientError) or number > policy.max_retries:
                break
            wait = policy.delay(retry=number - 1, retry_after=error.retry_after, draw=draw())
            if wait is None:
                break
            await sleep(wait)
        # A channel whose last answer was a refusal is not worth trying later.
        transient = transient or isinstance(error, TransientError)
    if transient and schedule is not None:
        now = clock()
        retry_at = schedule.next_try(first_try=first_try or now, now=now)
        if retry_at is not None:
            return await run.finish(status="deferred", channel=None, retry_at=retry_at)
    return await run.finish(status="undeliverable", channel=None)
