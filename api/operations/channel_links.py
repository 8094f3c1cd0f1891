"""Linking the signed-in person's chat apps to their account."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers import channel_links as ops
from schema.chat_links import SlackLinkCode, TelegramLink
from schema.context import Context
from schema.fields import mutation
from schema.rate_limit import limited
from schema.results import ChannelNotConfigured

Info = strawberry.Info[Context, None]
SlackLinkResult = Annotated[
    SlackLinkCode | ChannelNotConfigured, strawberry.union("SlackLinkResult")
]
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

    @mutation(
        extensions=limited(),
        description="A one-time code that links my Slack account when the app is given it "
        "(for people Slack's email lookup does not find).",
    )
    async def link_slack(self, info: Info) -> SlackLinkResult:
        return await ops.link_slack(info.context)
