"""Linking a person's chat accounts to theirs, and the one-time codes that prove who they are.

The web app asks for a code; the person opens the bot's deep link (t.me/<bot>?start=<code>)
or types `/coffee connect <code>` in Slack, and the bot links the account it came from. A
code lives 15 minutes in Redis and is taken with GETDEL, so it links at most once.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from redis.asyncio import Redis

from core.errors import Conflict, NotFound
from notifications.channels.slack_app import SlackMember
from notifications.registry import Channel
from repositories.bundle import Repositories
from repositories.models.users import NotificationSettings, User

CODE_LIFETIME = timedelta(minutes=15)
LINK_ATTEMPTS = 3


@dataclass(frozen=True)
class LinkCode:
    code: str
    expires_at: datetime


def code_key(*, deployment_id: str, channel: Channel, code: str) -> str:
    return f"vcoffee:{deployment_id}:link:{channel.value}:{code}"


async def issue_code(
    redis: Redis, *, deployment_id: str, channel: Channel, user_id: str
) -> LinkCode:
    code = secrets.token_urlsafe(16)
    key = code_key(deployment_id=deployment_id, channel=channel, code=code)
    await redis.set(key, user_id.encode(), ex=int(CODE_LIFETIME.total_seconds()))
    return LinkCode(code=code, expires_at=datetime.now(UTC) + CODE_LIFETIME)


async def take_code(redis: Redis, *, deployment_id: str, channel: Channel, code: str) -> str | None:
    """The user the code was issued to, once; None for an unknown, used or expired code."""
    if not code or len(code) > 64 or not code.replace("-", "").replace("_", "").isalnum():
        return None
    key = code_key(deployment_id=deployment_id, channel=channel, code=code)
    value = await redis.getdel(key)
    return None if value is None else bytes(value).decode()


async def _update_settings(
    repositories: Repositories,
    *,
    user_id: str,
    change: Callable[[NotificationSettings], dict[str, Any]],
) -> User:
    """The person's notification settings with `change` applied, retried on a concurrent write."""
    users = repositories.users
    for attempt in range(LINK_ATTEMPTS):
        user = await users.get(user_id=user_id)
        if user is None:
            raise NotFound("the person of this code is gone", fields=("code",))
        current = user.notifications
        settings = NotificationSettings.model_validate({**current.model_dump(), **change(current)})
        try:
            return await users.update_notifications(
                user_id=user.id, settings=settings, expected_version=user.version
            )
        except Conflict:
            if attempt == LINK_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


async def link_telegram_chat(
    repositories: Repositories, *, user_id: str, chat_id: str, username: str | None
) -> User:
    """Stores the chat as the person's Telegram address and turns Telegram on for them."""
    handle = username if username and 4 <= len(username) <= 32 and username.isidentifier() else None

    def change(current: NotificationSettings) -> dict[str, Any]:
        enabled = list(current.enabled_channels)
        if Channel.TELEGRAM not in enabled:
            enabled.append(Channel.TELEGRAM)
        return {
            "telegram_chat_id": chat_id,
            "telegram_username": handle,
            "enabled_channels": enabled,
        }

    return await _update_settings(repositories, user_id=user_id, change=change)


def slack_fields(member: SlackMember) -> dict[str, str | None]:
    """The notification settings that keep a Slack member, all replaced together."""
    return {
        "slack_user_id": member.user_id,
        "slack_team_id": member.team_id,
        "slack_name": member.name,
    }


async def link_slack_member(
    repositories: Repositories, *, user_id: str, member: SlackMember
) -> User:
    """Stores the Slack member as the person's (their id, workspace and the name Slack shows)
    and turns Slack on for them, as linking Telegram does."""

    def change(current: NotificationSettings) -> dict[str, Any]:
        enabled = list(current.enabled_channels)
        if Channel.SLACK not in enabled:
            enabled.append(Channel.SLACK)
        return {**slack_fields(member), "enabled_channels": enabled}

    return await _update_settings(repositories, user_id=user_id, change=change)


def lacks_slack_details(user: User, member: SlackMember) -> bool:
    """Whether Slack just told us more of this person's linked member than we keep."""
    settings = user.notifications
    if settings.slack_user_id != member.user_id:
        return False
    return (settings.slack_team_id is None and member.team_id is not None) or (
        settings.slack_name is None and member.name is not None
    )


async def fill_slack_member(repositories: Repositories, *, user: User, member: SlackMember) -> None:
    """Completes a link the previous release made with the member id alone.

    Best effort: a concurrent change of the person's settings wins, and the next command or
    button press from them fills the details then.
    """
    if not lacks_slack_details(user, member):
        return
    settings = user.notifications
    details = {
        "slack_team_id": settings.slack_team_id or member.team_id,
        "slack_name": settings.slack_name or member.name,
    }
    filled = NotificationSettings.model_validate({**settings.model_dump(), **details})
    with contextlib.suppress(Conflict):
        await repositories.users.update_notifications(
            user_id=user.id, settings=filled, expected_version=user.version
        )
