"""Admins: rounds with their quality, a dry run, running one now and its live progress."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from resolvers import rounds as ops
from schema.context import Context
from schema.fields import field, mutation, subscription
from schema.rate_limit import limited
from schema.results import RunRoundResult
from schema.rounds import RoundPage, RoundPreview, RoundProgress

Info = strawberry.Info[Context, None]


@strawberry.type
class RoundQuery:
    @field(description="Admins: rounds, newest first.")
    async def rounds(self, info: Info, first: int = 20, after: str | None = None) -> RoundPage:
        return await ops.rounds(info.context, first=first, after=after)


@strawberry.type
class RoundMutation:
    @mutation(
        extensions=limited(), description="Admins: the groups a round at `slot` would form now."
    )
    async def preview_round(self, info: Info, slot: str) -> RoundPreview:
        return await ops.preview_round(info.context, slot=slot)

    @mutation(extensions=limited(), description="Admins: run the round at `slot` now.")
    async def run_round_now(self, info: Info, slot: str) -> RunRoundResult:
        return await ops.run_round_now(info.context, slot=slot)


@strawberry.type
class RoundSubscription:
    @subscription(description="Admins: progress of rounds as they are written.")
    async def round_progress(self, info: Info) -> AsyncGenerator[RoundProgress, None]:
        async for progress in ops.round_progress(info.context):
            yield progress
