"""The met rate: of the matches made, how many were answered and how many met."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from core.enums import Channel


class ChannelMetRate(BaseModel):
    """Members introduced on one channel: how many answered, how many said they met."""

    model_config = ConfigDict(frozen=True)

    channel: Channel
    introduced: int
    answered: int
    met: int


class MetRate(BaseModel):
    """Matches of one round (or of all rounds, `slot` None): answered and met, and by channel."""

    model_config = ConfigDict(frozen=True)

    slot: str | None
    matches: int
    answered: int  # matches with at least one member's answer
    met: int  # matches where a member said they met
    by_channel: list[ChannelMetRate]


class MetRateReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    overall: MetRate
    rounds: list[MetRate]  # newest first
