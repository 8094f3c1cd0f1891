"""Ends the sockets of a process whose token expired or whose session was ended.

A timer per socket closes it when its token expires; one task per process asks Redis, in one
pipeline every `every` seconds, which of the open sockets' sessions were ended. A socket costs
a timer and a set entry, not a task polling Redis of its own.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from auth.principal import Principal

logger = logging.getLogger(__name__)

# Sessions asked about per pipeline.
CHECK_BATCH = 1000


@dataclass(eq=False)
class Watched:
    principal: Principal
    close: Callable[[], Coroutine[Any, Any, None]]
    timer: asyncio.TimerHandle | None = None


class SessionWatch:
    def __init__(
        self, *, ended_sessions: Callable[[list[str]], Awaitable[set[str]]], every: float
    ) -> None:
        self._ended_sessions = ended_sessions
        self._every = every
        self._watched: set[Watched] = set()
        self._closing: set[asyncio.Task[None]] = set()
        self._task: asyncio.Task[None] | None = None

    def watch(
        self, principal: Principal, close: Callable[[], Coroutine[Any, Any, None]]
    ) -> Watched:
        """Closes with `close` once the principal's token expires or its session ends."""
        watched = Watched(principal=principal, close=close)
        loop = asyncio.get_running_loop()
        left = (principal.expires_at - datetime.now(UTC)).total_seconds()
        watched.timer = loop.call_later(max(0.0, left), self._end, watched)
        self._watched.add(watched)
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="session-watch")
        return watched

    def forget(self, watched: Watched) -> None:
        if watched.timer is not None:
            watched.timer.cancel()
        self._watched.discard(watched)

    @property
    def count(self) -> int:
        return len(self._watched)

    def _end(self, watched: Watched) -> None:
        if watched not in self._watched:
            return
        self.forget(watched)
        closing = asyncio.create_task(watched.close())
        self._closing.add(closing)
        closing.add_done_callback(self._closing.discard)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._every)
            if not self._watched:
                self._task = None  # the next socket starts it again
                return
            try:
                await self._check()
            except Exception:
                # Redis away: sockets keep running until their tokens expire (their timers).
                logger.warning("could not check the sessions of open sockets", exc_info=True)

    async def _check(self) -> None:
        watched = [each for each in self._watched if each.principal.session_id]
        for start in range(0, len(watched), CHECK_BATCH):
            chunk = watched[start : start + CHECK_BATCH]
            ended = await self._ended_sessions([str(each.principal.session_id) for each in chunk])
            for each in chunk:
                if each.principal.session_id in ended:
                    self._end(each)
