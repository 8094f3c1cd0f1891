"""Admins' met rate: the figure the product exists to raise."""

from __future__ import annotations

import strawberry

from schema.context import Context
from schema.fields import field
from schema.met_rate import MetRateReport, report_of

Info = strawberry.Info[Context, None]


@strawberry.type
class MetRateQuery:
    @field(description="Per round and overall: matches answered and met, by intro channel.")
    async def met_rate(self, info: Info) -> MetRateReport:
        info.context.require_admin()
        return report_of(await info.context.repositories.met_rate.report())
