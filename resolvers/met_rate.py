"""The met rate, read for admins and mapped to its GraphQL types."""

from __future__ import annotations

from repositories.models.met_rate import MetRate as MetRateModel
from schema.context import Context
from schema.met_rate import ChannelMetRate, MetRate, MetRateReport


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def met_rate_of(figures: MetRateModel) -> MetRate:
    return MetRate(
        slot=figures.slot,
        matches=figures.matches,
        answered=figures.answered,
        met=figures.met,
        answered_share=_share(figures.answered, figures.matches),
        met_share=_share(figures.met, figures.matches),
        by_channel=[
            ChannelMetRate(
                channel=row.channel,
                introduced=row.introduced,
                answered=row.answered,
                met=row.met,
                answered_share=_share(row.answered, row.introduced),
                met_share=_share(row.met, row.introduced),
            )
            for row in figures.by_channel
        ],
    )


async def met_rate(context: Context) -> MetRateReport:
    context.require_admin()
    report = await context.services.repositories.met_rate.report()
    return MetRateReport(
        overall=met_rate_of(report.overall), rounds=[met_rate_of(r) for r in report.rounds]
    )
