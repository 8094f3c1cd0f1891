"""One-time codes that link a person's chat to their account, as the deployment's bot sees it.

The web app asks for a code; the person opens the bot's deep link (t.me/<bot>?start=<code>)
and the bot, told of `/start <code>` through its webhook, links the chat it came from. A
code lives 15 minutes in Redis and is taken with GETDEL, so it links at most once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis

from core.errors import Conflict, NotFound
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


async def link_telegram_chat(
    repositories: Repositories, *, user_id: str, chat_id: str, username: str | None
) -> User:
    """Stores the chat as the person's Telegram address and turns Telegram on for them."""
    users = repositories.users
    handle = username if username and 4 <= len(username) <= 32 and username.isidentifier() else None
    for attempt in range(LINK_ATTEMPTS):
        user = await users.get(user_id=user_id)
        if user is None:
            raise NotFound("the person of this code is gone", fields=("code",))
        current = user.notifications
        enabled = list(current.enabled_channels)
        if Channel.TELEGRAM not in enabled:
            enabled.append(Channel.TELEGRAM)
        settings = NotificationSettings.model_validate(
            {
                **current.model_dump(),
                "telegram_chat_id": chat_id,
                "telegram_username": handle,
                "enabled_channels": enabled,
            }
        )
        try:
            return await users.update_notifications(
                user_id=user.id, settings=settings, expected_version=user.version
            )
        except Conflict:
            if attempt == LINK_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")
