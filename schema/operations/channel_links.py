"""Linking the signed-in person's chat apps to their account."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers import channel_links as ops
from schema.context import Context
from schema.fields import mutation
from schema.rate_limit import limited
from schema.results import ChannelNotConfigured
from schema.telegram import TelegramLink

Info = strawberry.Info[Context, None]
TelegramLinkResult = Annotated[
    TelegramLink | ChannelNotConfigured, strawberry.union("TelegramLinkResult")
]


@strawberry.type
class ChannelLinkMutation:
    @mutation(
        extensions=limited(),
        description="A one-time link that connects my Telegram chat to the deployment's bot.",
    )
    async def link_telegram(self, info: Info) -> TelegramLinkResult:
        return await ops.link_telegram(info.context)
