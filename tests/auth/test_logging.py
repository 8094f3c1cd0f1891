"""Log lines are JSON and never carry an email, a name, a token or a webhook URL."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from runtime.logging import configure_logging

WEBHOOK = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX"
JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    configure_logging(level="INFO", stream=stream)
    yield stream
    root.handlers[:], level = saved
    root.setLevel(level)
    logging.captureWarnings(False)


def test_messages_and_extras_are_redacted(captured: io.StringIO) -> None:
    log = logging.getLogger("vcoffee.test")
    log.info(
        "sent to %s via %s with %s",
        "pat@example.com",
        WEBHOOK,
        f"Bearer {JWT}",
        extra={
            "email": "pat@example.com",
            "display_name": "Pat Doe",
            "refresh_token": "abc",
            "slack_webhook": WEBHOOK,
            "user_id": "u-1",
            "code": "FORBIDDEN",
            "url": "/auth/callback/local?code=secret-code&state=secret-state",
        },
    )
    line = captured.getvalue().strip()
    entry = json.loads(line)
    for secret in ("pat@example.com", "Pat Doe", WEBHOOK, JWT, "secret-code", "secret-state"):
        assert secret not in line
    assert entry["user_id"] == "u-1"
    assert entry["code"] == "FORBIDDEN"
    assert entry["level"] == "INFO"
    assert entry["message"].startswith("sent to [redacted] via [redacted]")


def test_exceptions_are_redacted_too(captured: io.StringIO) -> None:
    try:
        raise ValueError("no such person: pat@example.com")
    except ValueError:
        logging.getLogger("vcoffee.test").exception("failed")
    entry = json.loads(captured.getvalue().strip())
    assert "pat@example.com" not in entry["exception"]
    assert "ValueError" in entry["exception"]
