"""Admins' met rate: the figure the product exists to raise."""

from __future__ import annotations

import strawberry

from resolvers import met_rate as ops
from schema.context import Context
from schema.fields import field
from schema.met_rate import MetRateReport

Info = strawberry.Info[Context, None]


@strawberry.type
class MetRateQuery:
    @field(description="Per round and overall: matches answered and met, by intro channel.")
    async def met_rate(self, info: Info) -> MetRateReport:
        return await ops.met_rate(info.context)
