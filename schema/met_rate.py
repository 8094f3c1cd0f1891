"""The met rate as admins read it: per round and overall, and by the channel of the intro."""

from __future__ import annotations

import strawberry

from schema.enums import Channel


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
