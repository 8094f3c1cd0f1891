"""The deployment's Slack app and Telegram bot as the browser tests know them.

Slack's Web API and Telegram's Bot API are local servers (tests/notifications/servers.py)
served from an event loop in a thread of their own, since the browser tests are synchronous;
the stack under test is pointed at them. The tests play Slack and Telegram calling the app
with `SlackCaller` and `LocalTelegram`.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from tests.notifications.servers import TELEGRAM_OK, LocalSlack, ScriptedHttpService

SLACK_BOT_TOKEN = "xoxb-e2e-bot-token"
SLACK_SIGNING_SECRET = "e2e-slack-signing-secret-0123456789abcdef"
TELEGRAM_BOT_TOKEN = "123456:e2e-telegram-bot-token"
TELEGRAM_BOT_USERNAME = "coffee_e2e_bot"
TELEGRAM_WEBHOOK_SECRET = "e2e-telegram-webhook-secret-0123456789"


class ChatServers:
    """Local Slack Web API and Telegram Bot API servers, running until `stop`."""

    def __init__(self) -> None:
        self.slack = LocalSlack(token=SLACK_BOT_TOKEN)
        self.telegram = ScriptedHttpService(default=TELEGRAM_OK)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def _run(self, coroutine: Any) -> None:
        asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=30)

    def start(self) -> None:
        self._thread.start()
        self._run(self.slack.start())
        self._run(self.telegram.start())

    def stop(self) -> None:
        self._run(self.slack.stop())
        self._run(self.telegram.stop())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def environment(self) -> dict[str, str]:
        """The settings that point the stack's API and worker at these servers."""
        return {
            "VCOFFEE_SLACK_BOT_TOKEN": SLACK_BOT_TOKEN,
            "VCOFFEE_SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
            "VCOFFEE_SLACK_API_URL": self.slack.url,
            "VCOFFEE_TELEGRAM_BOT_TOKEN": TELEGRAM_BOT_TOKEN,
            "VCOFFEE_TELEGRAM_BOT_USERNAME": TELEGRAM_BOT_USERNAME,
            "VCOFFEE_TELEGRAM_WEBHOOK_SECRET": TELEGRAM_WEBHOOK_SECRET,
            "VCOFFEE_TELEGRAM_API_URL": self.telegram.url,
        }

    def telegram_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """What the bot sent to a chat (sendMessage bodies), oldest first."""
        return [
            received.body
            for received in list(self.telegram.received)
            if received.path.endswith("/sendMessage")
            and isinstance(received.body, dict)
            and str(received.body.get("chat_id")) == str(chat_id)
        ]
