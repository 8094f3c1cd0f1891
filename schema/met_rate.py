"""The met rate as admins read it: per round and overall, and by the channel of the intro."""

from __future__ import annotations

import strawberry

from repositories.models.met_rate import MetRate as MetRateModel
from repositories.models.met_rate import MetRateReport as MetRateReportModel
from schema.enums import Channel


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@strawberry.type(description="Members introduced on one channel, and how many answered or met.")
class ChannelMetRate:
    channel: Channel
    introduced: int
    answered: int
    met: int
    answered_share: float | None = strawberry.field(description="Of those introduced.")
    met_share: float | None = strawberry.field(description="Of those introduced.")


@strawberry.type(
    description="Of a round's matches (or all rounds'), how many were answered and met."
)
class MetRate:
    slot: str | None = strawberry.field(description="The round; null for all rounds together.")
    matches: int
    answered: int
    met: int
    answered_share: float | None = strawberry.field(description="Of all matches.")
    met_share: float | None = strawberry.field(description="Of all matches: the met rate.")
    by_channel: list[ChannelMetRate]


@strawberry.type(description="The met rate, overall and per completed round (newest first).")
class MetRateReport:
    overall: MetRate
    rounds: list[MetRate]


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


def report_of(report: MetRateReportModel) -> MetRateReport:
    return MetRateReport(
        overall=met_rate_of(report.overall), rounds=[met_rate_of(r) for r in report.rounds]
    )
