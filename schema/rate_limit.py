"""Per-person limits on mutations, counted in Redis so every API process shares them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from starlette.responses import Response
from strawberry.extensions import FieldExtension

from auth.rate_limits import Budget, spend
from core.errors import RateLimited
from schema.context import Context

__all__ = ["TEST_MESSAGES", "WRITES", "Budget", "RateLimit", "limited", "spend_from"]

WRITES = Budget(name="writes", calls=60, seconds=60)
# Test messages reach outside services and people's phones; keep them rare.
TEST_MESSAGES = Budget(name="test-messages", calls=5, seconds=600)


async def spend_from(*, context: Context, budget: Budget) -> None:
    """Counts one call against the signed-in person's budget, refusing it once spent.

    A refusal also makes the HTTP answer 429 with Retry-After.
    """
    principal = context.principal
    if principal is None:
        return  # the resolver refuses signed-out callers itself
    try:
        await spend(
            redis=context.services.redis,
            deployment_id=principal.deployment_id,
            budget=budget,
            subject=principal.user_id,
        )
    except RateLimited as limited:
        if isinstance(context.response, Response):
            context.response.status_code = 429
            context.response.headers["retry-after"] = str(limited.retry_after)
        raise


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
        await spend_from(context=info.context, budget=self.budget)
        return await next_(source, info, **kwargs)


def limited(budget: Budget = WRITES) -> list[FieldExtension]:
    return [RateLimit(budget)]
