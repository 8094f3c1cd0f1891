"""A circuit breaker: after repeated unavailability, fail fast until a trial call succeeds."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import TypeVar

from core.errors import ServiceUnavailable

T = TypeVar("T")


class Unavailable(Exception):
    """Raised inside a guarded call when the dependency did not answer; counts as a failure."""


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    """Shared by every repository of a process, so one outage is noticed once, not per caller.

    Closed: calls pass; `failure_threshold` consecutive failures open it. Open: calls fail at
    once with SERVICE_UNAVAILABLE for `reset_after` seconds. Then one trial call passes (half
    open): success closes the breaker, failure opens it again.
    """

    def __init__(
        self,
        *,
        name: str = "DynamoDB",
        failure_threshold: int = 5,
        reset_after: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1 or reset_after <= 0:
            raise ValueError("failure_threshold must be >= 1 and reset_after > 0")
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._trial: asyncio.Lock = asyncio.Lock()

    @property
    def state(self) -> BreakerState:
        if self._opened_at is None:
            return BreakerState.CLOSED
        if self._clock() - self._opened_at >= self.reset_after:
            return BreakerState.HALF_OPEN
        return BreakerState.OPEN

    async def call(self, operation: Callable[[], Awaitable[T]]) -> T:
        state = self.state
        if state is BreakerState.OPEN:
            raise self._refusal()
        if state is BreakerState.HALF_OPEN:
            # Only one trial at a time; the others are refused rather than queued.
            if self._trial.locked():
                raise self._refusal()
            async with self._trial:
                return await self._attempt(operation)
        return await self._attempt(operation)

    async def _attempt(self, operation: Callable[[], Awaitable[T]]) -> T:
        try:
            result = await operation()
        except Unavailable as error:
            self._record_failure()
            raise ServiceUnavailable(f"{self.name} is not answering; try again shortly") from error
        except Exception:
            # An error answer (a failed condition, a validation error) shows the service is up.
            self._record_success()
            raise
        self._record_success()
        return result

    def _record_success(self) -> None:
        self._failures = 0
        self._opened_at = None

    def _record_failure(self) -> None:
        self._failures += 1
        if self._opened_at is not None or self._failures >= self.failure_threshold:
            self._opened_at = self._clock()

    def _refusal(self) -> ServiceUnavailable:
        return ServiceUnavailable(
            f"{self.name} is unavailable; requests are paused for up to {self.reset_after:g}s"
        )
