"""Linking a person's chat apps: the one-time deep link of the deployment's Telegram bot."""

from __future__ import annotations

from notifications.link_codes import issue_code
from notifications.registry import Channel
from resolvers.people import active_user
from schema.chat_links import SlackLinkCode, TelegramLink
from schema.context import Context
from schema.results import ChannelNotConfigured


async def link_telegram(context: Context) -> TelegramLink | ChannelNotConfigured:
    user = await active_user(context)
    settings = context.services.settings
    config = await context.services.repositories.config.get()
    offered = config.channels.get(Channel.TELEGRAM)
    if not settings.telegram_bot_username or settings.telegram_webhook_secret is None:
        return ChannelNotConfigured(
            channel=Channel.TELEGRAM, message="this deployment has no Telegram bot"
        )
    if offered is None or not offered.enabled:
        return ChannelNotConfigured(
            channel=Channel.TELEGRAM, message="this deployment does not send on telegram"
        )
    code = await issue_code(
        context.services.redis,
        deployment_id=settings.deployment_id,
        channel=Channel.TELEGRAM,
        user_id=user.id,
    )
    return TelegramLink(
        url=f"https://t.me/{settings.telegram_bot_username}?start={code.code}",
        expires_at=code.expires_at,
        bot_username=settings.telegram_bot_username,
    )


async def link_slack(context: Context) -> SlackLinkCode | ChannelNotConfigured:
    user = await active_user(context)
    settings = context.services.settings
    config = await context.services.repositories.config.get()
    offered = config.channels.get(Channel.SLACK)
    if settings.slack_bot_token is None or offered is None or not offered.enabled:
        return ChannelNotConfigured(
            channel=Channel.SLACK, message="this deployment has no Slack app"
        )
    code = await issue_code(
        context.services.redis,
        deployment_id=settings.deployment_id,
        channel=Channel.SLACK,
        user_id=user.id,
    )
    return SlackLinkCode(command=f"/coffee connect {code.code}", expires_at=code.expires_at)
