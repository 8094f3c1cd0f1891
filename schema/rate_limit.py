"""Per-person limits on mutations, counted in Redis so every API process shares them."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.extensions import FieldExtension

from schema.context import Context
from schema.error_extension import RateLimited


@dataclass(frozen=True)
class Budget:
    """At most `calls` calls of one kind per person in each window of `seconds`."""

    name: str
    calls: int
    seconds: int


WRITES = Budget(name="writes", calls=60, seconds=60)
# Test messages reach outside services and people's phones; keep them rare.
TEST_MESSAGES = Budget(name="test-messages", calls=5, seconds=600)


async def spend(*, context: Context, budget: Budget) -> None:
    """Counts one call against the signed-in person's budget, refusing it once spent."""
    principal = context.principal
    if principal is None:
        return  # the resolver refuses signed-out callers itself
    window = int(time.time()) // budget.seconds
    key = f"vcoffee:{principal.deployment_id}:rate:{budget.name}:{principal.user_id}:{window}"
    redis = context.services.redis
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, budget.seconds + 1)
        used, _ = await pipe.execute()
    if int(used) > budget.calls:
        retry_after = budget.seconds - int(time.time()) % budget.seconds
        raise RateLimited(
            f"too many requests; try again in {retry_after} s", retry_after=retry_after
        )


class RateLimit(FieldExtension):
    """Spends from a budget before the mutation runs."""

    def __init__(self, budget: Budget = WRITES) -> None:
        self.budget = budget

    async def resolve_async(
        self,
        next_: Callable[..., Awaitable[Any]],
        source: Any,
        info: strawberry.Info[Context, None],
        **kwargs: Any,
    ) -> Any:
        await spend(context=info.context, budget=self.budget)
        return await next_(source, info, **kwargs)


def limited(budget: Budget = WRITES) -> list[FieldExtension]:
    return [RateLimit(budget)]
