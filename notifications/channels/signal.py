"""Signal: a message sent through the deployment's signal-cli REST API (POST /v2/send)."""

from __future__ import annotations

import httpx

from notifications.channels.http import post_json, raise_for_retryable, unexpected
from notifications.errors import PermanentError, TransientError
from notifications.message import RenderedMessage

SERVICE = "Signal"


class SignalChannel:
    """Sends from the deployment's registered number to the person's E.164 number."""

    def __init__(self, *, client: httpx.AsyncClient, base_url: str, sender_number: str) -> None:
        self._client = client
        self._url = f"{base_url.rstrip('/')}/v2/send"
        self._sender = sender_number

    async def send(self, *, message: RenderedMessage, address: str) -> None:
        payload = {"message": message.text, "number": self._sender, "recipients": [address]}
        response = await post_json(self._client, url=self._url, payload=payload, service=SERVICE)
        raise_for_retryable(response, service=SERVICE)
        if response.status_code in (200, 201):
            return
        error = _error_text(response)
        lowered = error.lower()
        # signal-cli reports its own upstream throttling and outages as 400 with a text.
        if "rate limit" in lowered or "429" in lowered:
            raise TransientError("RATE_LIMITED", f"Signal: {error}")
        if "unregistered" in lowered or "not registered" in lowered:
            raise PermanentError("NOT_ON_SIGNAL", "Signal: the number is not registered")
        if response.status_code == 400 and error:
            raise PermanentError("REJECTED", f"Signal: {error}")
        raise unexpected(response, service=SERVICE)


def _error_text(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200].strip()
    if isinstance(body, dict):
        return str(body.get("error", ""))[:200]
    return ""
