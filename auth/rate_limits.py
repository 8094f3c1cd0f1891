"""Budgets of calls per client address and per person, counted in Redis across API processes.

Each budget allows `calls` in fixed windows of `seconds`; a call past it is refused with
RATE_LIMITED and the seconds until the window ends, which HTTP answers carry as Retry-After.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from redis.asyncio import Redis
from starlette.datastructures import Headers
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse

from config.settings import Settings
from core.errors import RateLimited


@dataclass(frozen=True)
class Budget:
    """At most `calls` calls of one kind per subject in each window of `seconds`."""

    name: str
    calls: int
    seconds: int


@dataclass(frozen=True)
class Budgets:
    """The budgets of one instance, sized by its settings."""

    client_requests: Budget
    person_requests: Budget
    sign_in_starts: Budget
    sign_in_callbacks: Budget
    refreshes: Budget
    person_refreshes: Budget

    @classmethod
    def of(cls, settings: Settings) -> Budgets:
        return cls(
            client_requests=Budget("client-requests", settings.client_requests_per_minute, 60),
            person_requests=Budget("person-requests", settings.person_requests_per_minute, 60),
            sign_in_starts=Budget("sign-in-starts", settings.sign_ins_per_minute, 60),
            sign_in_callbacks=Budget("sign-in-callbacks", settings.sign_ins_per_minute, 60),
            refreshes=Budget("refreshes", settings.refreshes_per_minute, 60),
            person_refreshes=Budget("person-refreshes", settings.refreshes_per_minute, 60),
        )


# Refused sign-ins are audited up to this many per client address; more are only counted.
AUDITED_REFUSALS = Budget(name="audited-sign-in-refusals", calls=10, seconds=600)


def rate_key(*, deployment_id: str, budget: Budget, subject: str) -> str:
    """The counter of `subject`'s calls in the current window of `budget`."""
    window = int(time.time()) // budget.seconds
    return f"vcoffee:{deployment_id}:rate:{budget.name}:{subject}:{window}"


def refusal(budget: Budget) -> RateLimited:
    retry_after = budget.seconds - int(time.time()) % budget.seconds
    return RateLimited(f"too many requests; try again in {retry_after} s", retry_after=retry_after)


async def spend(*, redis: Redis, deployment_id: str, budget: Budget, subject: str) -> None:
    """Counts one call of `subject` against `budget`, refusing it once the budget is spent."""
    if not await try_spend(
        redis=redis, deployment_id=deployment_id, budget=budget, subject=subject
    ):
        raise refusal(budget)


async def try_spend(*, redis: Redis, deployment_id: str, budget: Budget, subject: str) -> bool:
    """Counts one call; False once the window's budget is spent."""
    key = rate_key(deployment_id=deployment_id, budget=budget, subject=subject)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, budget.seconds + 1)
        used, _ = await pipe.execute()
    return int(used) <= budget.calls


def client_address(connection: HTTPConnection, *, trusted_proxy: bool) -> str:
    """The address a request came from: the peer's, or what a trusted proxy says it saw.

    A proxy appends the address it received the request from to X-Forwarded-For, so the last
    entry is the one the trusted proxy vouches for; earlier ones are the client's own claims.
    """
    if trusted_proxy:
        forwarded = Headers(scope=connection.scope).get("x-forwarded-for", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last[:64]
    client = connection.client
    return client.host if client is not None else "unknown"


def rate_limited_response(error: RateLimited, body: object) -> JSONResponse:
    return JSONResponse(
        body,
        status_code=429,
        headers={"retry-after": str(error.retry_after), "cache-control": "no-store"},
    )
