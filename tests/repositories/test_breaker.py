"""The circuit breaker's states, driven by a hand-moved clock."""

from __future__ import annotations

import asyncio

import pytest

from core.errors import ServiceUnavailable
from repositories.breaker import BreakerState, CircuitBreaker, Unavailable


def state_of(breaker: CircuitBreaker) -> BreakerState:
    """Read afresh each time (the state moves with the clock)."""
    return breaker.state


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def failing() -> int:
    raise Unavailable("down")


async def answering() -> int:
    return 42


async def test_opens_after_repeated_failures_and_closes_after_a_good_trial() -> None:
    ticks = Ticks()
    breaker = CircuitBreaker(failure_threshold=3, reset_after=5.0, clock=ticks)
    calls = 0

    async def counted() -> int:
        nonlocal calls
        calls += 1
        return await failing()

    for _ in range(3):
        with pytest.raises(ServiceUnavailable):
            await breaker.call(counted)
    assert state_of(breaker) is BreakerState.OPEN
    with pytest.raises(ServiceUnavailable):
        await breaker.call(counted)
    assert calls == 3  # refused without calling

    ticks.now = 5.0
    assert state_of(breaker) is BreakerState.HALF_OPEN
    with pytest.raises(ServiceUnavailable):
        await breaker.call(counted)  # the trial failed: open again
    assert state_of(breaker) is BreakerState.OPEN

    ticks.now = 10.0
    assert await breaker.call(answering) == 42
    assert state_of(breaker) is BreakerState.CLOSED


async def test_half_open_lets_one_trial_through_at_a_time() -> None:
    ticks = Ticks()
    breaker = CircuitBreaker(failure_threshold=1, reset_after=1.0, clock=ticks)
    with pytest.raises(ServiceUnavailable):
        await breaker.call(failing)
    ticks.now = 1.0
    release = asyncio.Event()

    async def slow() -> int:
        await release.wait()
        return 1

    trial = asyncio.ensure_future(breaker.call(slow))
    await asyncio.sleep(0)
    with pytest.raises(ServiceUnavailable):
        await breaker.call(answering)
    release.set()
    assert await trial == 1
    assert await breaker.call(answering) == 42


async def test_an_answer_that_is_an_error_still_counts_as_the_service_being_up() -> None:
    breaker = CircuitBreaker(failure_threshold=2, reset_after=1.0)

    async def refused() -> int:
        raise KeyError("a domain error, the service answered")

    with pytest.raises(ServiceUnavailable):
        await breaker.call(failing)
    with pytest.raises(KeyError):
        await breaker.call(refused)
    with pytest.raises(ServiceUnavailable):
        await breaker.call(failing)
    assert state_of(breaker) is BreakerState.CLOSED
