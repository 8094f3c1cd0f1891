"""Slack's request signature (v0): HMAC-SHA256 over `v0:<timestamp>:<body>`, signing secret."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

MAX_AGE = timedelta(minutes=5)


class BadSignature(ValueError):
    """The request is not Slack's, or too old; `reason` says which."""

    code = "UNAUTHENTICATED"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def signature(*, secret: str, timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def verify(
    *, secret: str, timestamp: str | None, given: str | None, body: bytes, now: datetime
) -> None:
    """Raises BadSignature unless Slack signed this body within the last five minutes."""
    if not timestamp or not given:
        raise BadSignature("MISSING")
    try:
        sent = int(timestamp)
    except ValueError as exc:
        raise BadSignature("MALFORMED") from exc
    if abs(now.timestamp() - sent) > MAX_AGE.total_seconds():
        raise BadSignature("STALE")
    expected = signature(secret=secret, timestamp=timestamp, body=body)
    if not hmac.compare_digest(expected.encode(), given.encode()):
        raise BadSignature("FORGED")
