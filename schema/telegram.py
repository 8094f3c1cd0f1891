"""The deployment's Telegram bot as the web app offers it: a one-time deep link."""

from __future__ import annotations

from datetime import datetime

import strawberry


@strawberry.type(description="Open this link in Telegram to link your chat; it works once.")
class TelegramLink:
    url: str = strawberry.field(description="https://t.me/<bot>?start=<one-time code>")
    expires_at: datetime
    bot_username: str
