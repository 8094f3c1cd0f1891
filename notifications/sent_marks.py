"""A mark in Redis that a channel accepted a message, set at the acceptance, read before a send.

The table's record of a send (`DeliveryStore.mark_sent`) is one conditional write; a worker
killed while it is under way leaves the claim to lapse, and the next run sends again. A Redis
SET leaves the process within about a millisecond of the acceptance, so the mark narrows that
window to one round trip to Redis; a later run that finds it sends nothing and completes the
table's record. The table stays the record: a mark that could not be set or read (Redis away)
only leaves the window as wide as the table's write.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

from redis.asyncio import Redis
from redis.exceptions import RedisError

from core.errors import NotFound
from notifications.ports import Attempt, DeliveryOutcome, DeliveryStore
from notifications.registry import Channel

logger = logging.getLogger(__name__)

# Longer than a job is retried (a day) and than any queued job lives (two days).
MARK_LIFETIME = timedelta(days=3)
# A Redis slower than this is not waited for (the table's write follows): the window then
# grows by this much at most.
MARK_TIMEOUT_SECONDS = 0.5


class SentMarks:
    """The marks of one deployment, one per (match, member): the channel that was accepted.

    Messages other than the introduction (reminders, pause notices) keep theirs under a kind of
    their own, since they are about the same matches; introductions keep the keys of earlier
    releases.
    """

    def __init__(self, *, redis: Redis, deployment_id: str, kind: str | None = None) -> None:
        self._redis = redis
        self._prefix = f"vcoffee:{deployment_id}:sent:" + (f"{kind}:" if kind else "")

    def key(self, *, match_id: str, user_id: str) -> str:
        return f"{self._prefix}{match_id}:{user_id}"

    async def mark(self, *, match_id: str, user_id: str, channel: Channel, at: datetime) -> None:
        """Never raises: the message is out, whatever Redis answers."""
        async with _bounded("set"):
            await self._redis.set(
                self.key(match_id=match_id, user_id=user_id),
                f"{channel.value} {at.isoformat()}".encode(),
                ex=int(MARK_LIFETIME.total_seconds()),
            )

    async def sent(self, *, match_id: str, user_id: str) -> tuple[Channel, datetime] | None:
        """The channel that accepted the message, and when; None when unmarked or unreadable."""
        found: bytes | None = None
        async with _bounded("read"):
            found = await self._redis.get(self.key(match_id=match_id, user_id=user_id))
        if found is None:
            return None
        channel, _, at = found.decode().partition(" ")
        return Channel(channel), datetime.fromisoformat(at)


@contextlib.asynccontextmanager
async def _bounded(what: str) -> AsyncIterator[None]:
    """Gives Redis MARK_TIMEOUT_SECONDS; failing or slower, the mark is left out with a warning."""
    try:
        async with asyncio.timeout(MARK_TIMEOUT_SECONDS):
            yield
    except (RedisError, OSError, TimeoutError) as error:
        logger.warning("a sent mark could not be %s: %r", what, error)


class MarkedStore:
    """A DeliveryStore whose record of a send is also marked in Redis, at once."""

    def __init__(self, *, store: DeliveryStore, marks: SentMarks) -> None:
        self._store = store
        self._marks = marks

    async def claim(self, *, match_id: str, user_id: str, channel: Channel, owner: str) -> bool:
        return await self._store.claim(
            match_id=match_id, user_id=user_id, channel=channel, owner=owner
        )

    async def renew(self, *, match_id: str, user_id: str, channel: Channel, owner: str) -> bool:
        return await self._store.renew(
            match_id=match_id, user_id=user_id, channel=channel, owner=owner
        )

    async def release(self, *, match_id: str, user_id: str, channel: Channel, owner: str) -> None:
        await self._store.release(match_id=match_id, user_id=user_id, channel=channel, owner=owner)

    async def mark_sent(
        self, *, match_id: str, user_id: str, channel: Channel, at: datetime
    ) -> None:
        # The mark first: once it landed (one round trip) a kill no longer sends twice.
        await self._marks.mark(match_id=match_id, user_id=user_id, channel=channel, at=at)
        await self._store.mark_sent(match_id=match_id, user_id=user_id, channel=channel, at=at)

    async def sent_channel(self, *, match_id: str, user_id: str) -> str | None:
        """The table's record; else a mark of a run killed before its record landed, which is
        then completed in the table (the claim it was sent under is still there)."""
        recorded = await self._store.sent_channel(match_id=match_id, user_id=user_id)
        if recorded is not None:
            return recorded
        marked = await self._marks.sent(match_id=match_id, user_id=user_id)
        if marked is None:
            return None
        channel, at = marked
        logger.warning(
            "a send accepted before its worker stopped is recorded from its mark",
            extra={"match_id": match_id, "channel": channel.value},
        )
        with contextlib.suppress(NotFound):
            await self._store.mark_sent(match_id=match_id, user_id=user_id, channel=channel, at=at)
        return channel.value

    async def record_attempt(self, *, attempt: Attempt) -> None:
        await self._store.record_attempt(attempt=attempt)

    async def record_outcome(self, *, outcome: DeliveryOutcome) -> None:
        await self._store.record_outcome(outcome=outcome)
