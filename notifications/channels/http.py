"""Mapping HTTP responses and transport failures of chat APIs onto delivery errors."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from notifications.errors import PermanentError, TransientError


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header, given as seconds or as an HTTP date."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


async def post_json(
    client: httpx.AsyncClient, *, url: str, payload: Mapping[str, Any], service: str
) -> httpx.Response:
    """POST a JSON body; transport failures become TransientError without echoing the URL.

    The URL may carry a secret (Telegram's bot token, Slack's webhook path), so error texts
    name only the service and the failure kind.
    """
    try:
        return await client.post(url, json=dict(payload))
    except httpx.TimeoutException as exc:
        raise TransientError("TIMEOUT", f"{service} did not answer in time") from exc
    except httpx.TransportError as exc:
        raise TransientError(
            "CONNECTION_FAILED", f"{service} could not be reached ({type(exc).__name__})"
        ) from exc


def raise_for_retryable(response: httpx.Response, *, service: str) -> None:
    """Raise TransientError for 408, 429 (with Retry-After) and 5xx answers."""
    status = response.status_code
    if status == 429:
        raise TransientError(
            "RATE_LIMITED",
            f"{service} asked to slow down",
            retry_after=parse_retry_after(response.headers.get("retry-after")),
        )
    if status == 408 or status >= 500:
        raise TransientError("SERVER_ERROR", f"{service} answered HTTP {status}")


def short_body(response: httpx.Response, *, limit: int = 200) -> str:
    """The start of a response body, for error details shown to admins."""
    return response.text[:limit].strip()


def unexpected(response: httpx.Response, *, service: str) -> PermanentError:
    """An answer this channel does not know how to treat: not worth repeating."""
    return PermanentError(
        "REJECTED", f"{service} answered HTTP {response.status_code}: {short_body(response)}"
    )
