"""Telegram: the deployment's bot sends the message to the person's chat id."""

from __future__ import annotations

from typing import Any

import httpx

from notifications.channels.http import post_json, raise_for_retryable, unexpected
from notifications.errors import PermanentError, TransientError
from notifications.message import RenderedMessage

SERVICE = "Telegram"
TELEGRAM_API = "https://api.telegram.org"
MAX_TEXT = 4096


class TelegramChannel:
    """Calls the Bot API's sendMessage; the token comes from the secret store, never the table."""

    def __init__(
        self, *, client: httpx.AsyncClient, bot_token: str, base_url: str = TELEGRAM_API
    ) -> None:
        self._client = client
        self._url = f"{base_url.rstrip('/')}/bot{bot_token}/sendMessage"

    async def send(self, *, message: RenderedMessage, address: str) -> None:
        payload: dict[str, Any] = {
            "chat_id": address,
            "text": message.text[:MAX_TEXT],
            "link_preview_options": {"is_disabled": True},
        }
        if message.buttons:
            payload["reply_markup"] = {
                "inline_keyboard": [
                    [{"text": button.label, "callback_data": button.data}]
                    for button in message.buttons
                ]
            }
        response = await post_json(self._client, url=self._url, payload=payload, service=SERVICE)
        body = _json_or_empty(response)
        if response.status_code == 429:
            parameters = body.get("parameters")
            retry_after = parameters.get("retry_after") if isinstance(parameters, dict) else None
            if isinstance(retry_after, int | float):
                raise TransientError(
                    "RATE_LIMITED", "Telegram asked to slow down", retry_after=float(retry_after)
                )
        raise_for_retryable(response, service=SERVICE)
        if response.status_code == 200 and body.get("ok") is True:
            return
        description = str(body.get("description", ""))[:200]
        if response.status_code == 403:
            raise PermanentError("BOT_BLOCKED", f"Telegram: {description or 'forbidden'}")
        if response.status_code == 401:
            raise PermanentError("BOT_TOKEN_INVALID", "Telegram refused the deployment's bot token")
        if response.status_code == 400 and "chat not found" in description.lower():
            raise PermanentError("CHAT_NOT_FOUND", f"Telegram: {description}")
        if description:
            raise PermanentError("REJECTED", f"Telegram: {description}")
        raise unexpected(response, service=SERVICE)


def _json_or_empty(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
