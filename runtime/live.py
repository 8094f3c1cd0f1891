"""One Redis pub/sub connection per process, fanned out to bounded queues, one per subscriber.

Every live subscription of the process shares the hub's connection: a channel is subscribed in
Redis while at least one listener wants it. A listener whose queue is full is dropped at once
(its owner closes the socket) rather than buffered without bound. When Redis goes away the hub
reconnects with backoff, subscribes again to every channel still wanted and gives each listener
a `Gap`, since events published meanwhile are lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

QUEUE_SIZE = 64
# Channels per SUBSCRIBE command when subscribing again after a reconnect.
RESUBSCRIBE_BATCH = 1000
LOST = (RedisConnectionError, RedisTimeoutError, OSError)


@dataclass(frozen=True)
class Gap:
    """Events published since `lost_at` may not have reached this listener."""

    lost_at: datetime


class ListenerTooSlow(Exception):
    """The listener's queue filled up; it was dropped and will receive nothing more."""


@dataclass(frozen=True)
class Backoff:
    """Delays between reconnect attempts: doubling from `first` up to `longest`, with jitter."""

    first: float = 0.1
    longest: float = 5.0

    def delay(self, attempt: int) -> float:
        ceiling = min(self.longest, self.first * 2**attempt)
        return random.uniform(ceiling / 2, ceiling)


class Listener:
    """One subscriber's bounded queue of raw messages (and gaps) from one channel."""

    def __init__(self, *, channel: str, size: int, on_overflow: Callable[[], None]) -> None:
        self.channel = channel
        self._queue: asyncio.Queue[bytes | Gap] = asyncio.Queue(maxsize=size)
        self._on_overflow = on_overflow
        self._gap_queued = False
        self.dropped = False

    def offer(self, item: bytes | Gap) -> bool:
        """Queues `item`; False (and the listener dropped) when the queue is full."""
        if self.dropped:
            return False
        if isinstance(item, Gap):
            if self._gap_queued:
                return True
            self._gap_queued = True
        try:
            self._queue.put_nowait(item)
        except asyncio.QueueFull:
            self.dropped = True
            # A full queue means its reader is busy elsewhere, not waiting on it: drop what
            # it holds now, and `next` tells the reader once it comes back.
            self._queue = asyncio.Queue(maxsize=1)
            self._on_overflow()
            return False
        return True

    async def next(self) -> bytes | Gap:
        """The next message; raises ListenerTooSlow once the listener was dropped."""
        if self.dropped:
            raise ListenerTooSlow
        item = await self._queue.get()
        if isinstance(item, Gap):
            self._gap_queued = False
        return item


class EventHub:
    """The process's single pub/sub connection and the listeners it feeds."""

    def __init__(
        self, *, redis: Redis, queue_size: int = QUEUE_SIZE, backoff: Backoff = Backoff()
    ) -> None:
        self._redis = redis
        self._queue_size = queue_size
        self._backoff = backoff
        self._listeners: dict[str, set[Listener]] = {}
        self._pubsub: PubSub | None = None
        self._task: asyncio.Task[None] | None = None
        self._connected = asyncio.Event()
        self.reconnects = 0

    @property
    def listener_count(self) -> int:
        return sum(len(listeners) for listeners in self._listeners.values())

    @contextlib.asynccontextmanager
    async def listen(
        self, channel: str, *, on_overflow: Callable[[], None]
    ) -> AsyncIterator[Listener]:
        """A listener on `channel` for the duration of the block."""
        listener = Listener(channel=channel, size=self._queue_size, on_overflow=on_overflow)
        listeners = self._listeners.setdefault(channel, set())
        first = not listeners
        listeners.add(listener)
        try:
            self._start()
            if first:
                await self._subscribe(channel)
            yield listener
        finally:
            listeners.discard(listener)
            if not listeners and self._listeners.get(channel) is listeners:
                del self._listeners[channel]
                await self._unsubscribe(channel)

    async def connected(self) -> None:
        """Returns once the hub's connection is up (starting the hub if need be)."""
        self._start()
        await self._connected.wait()

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="live-events")

    async def _subscribe(self, channel: str) -> None:
        pubsub = self._pubsub
        if pubsub is None:
            return  # the reconnect subscribes to every wanted channel
        try:
            await pubsub.subscribe(channel)
        except LOST:
            logger.info("live events: subscribing waits for the reconnect")

    async def _unsubscribe(self, channel: str) -> None:
        pubsub = self._pubsub
        if pubsub is None:
            return
        with contextlib.suppress(*LOST):
            await pubsub.unsubscribe(channel)

    async def _run(self) -> None:
        attempt = 0
        lost_at: datetime | None = None
        while True:
            pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
            try:
                await self._connect(pubsub)
                if lost_at is not None:
                    self.reconnects += 1
                    logger.warning("live events: Redis is back; listeners told of the gap")
                    self._tell_gap(lost_at)
                    lost_at = None
                attempt = 0
                await self._read(pubsub)
            except LOST:
                if lost_at is None:
                    lost_at = datetime.now(UTC)
                    logger.warning("live events: Redis connection lost; reconnecting")
            finally:
                self._pubsub = None
                self._connected.clear()
                with contextlib.suppress(*LOST):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]
            await asyncio.sleep(self._backoff.delay(attempt))
            attempt += 1

    async def _connect(self, pubsub: PubSub) -> None:
        # A PING first, so the connection exists before any channel is wanted.
        await pubsub.ping()
        self._pubsub = pubsub
        wanted = list(self._listeners)
        for start in range(0, len(wanted), RESUBSCRIBE_BATCH):
            await pubsub.subscribe(*wanted[start : start + RESUBSCRIBE_BATCH])
        self._connected.set()

    async def _read(self, pubsub: PubSub) -> None:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=None)
            if message is None or message.get("type") != "message":
                continue
            channel = message["channel"]
            name = channel.decode() if isinstance(channel, bytes) else str(channel)
            data = message["data"]
            self._deliver(name, data if isinstance(data, bytes) else str(data).encode())

    def _deliver(self, channel: str, data: bytes) -> None:
        listeners = self._listeners.get(channel)
        if not listeners:
            return
        for listener in list(listeners):
            if not listener.offer(data):
                listeners.discard(listener)

    def _tell_gap(self, lost_at: datetime) -> None:
        gap = Gap(lost_at=lost_at)
        for listeners in self._listeners.values():
            for listener in list(listeners):
                if not listener.offer(gap):
                    listeners.discard(listener)
