"""The deployment's chat bots as the web app offers them: one-time links and codes."""

from __future__ import annotations

from datetime import datetime

import strawberry


@strawberry.type(description="Open this link in Telegram to link your chat; it works once.")
class TelegramLink:
    url: str = strawberry.field(description="https://t.me/<bot>?start=<one-time code>")
    expires_at: datetime
    bot_username: str


@strawberry.type(
    description="Type this command in Slack to link your Slack account; it works once."
)
class SlackLinkCode:
    command: str = strawberry.field(description="/coffee connect <one-time code>")
    expires_at: datetime
