"""Log lines are JSON and never carry an email, a name, a token or a webhook URL."""

from __future__ import annotations

import io
import json
import logging
import time
from collections.abc import Iterator

import pytest

from runtime.logging import MAX_EXCEPTION_CHARS, MAX_LOGGED_CHARS, configure_logging

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


@pytest.mark.parametrize(
    "hostile",
    [
        "A" * 1_000_000,
        "a@" * 500_000,
        "eyJ" * 300_000,
        "https://x" * 100_000,
        "code=" * 200_000,
        "a." * 500_000 + "@",
    ],
    ids=["word", "ats", "jwt-starts", "urls", "params", "dots"],
)
def test_hostile_text_is_capped_and_redacted_in_linear_time(
    captured: io.StringIO, hostile: str
) -> None:
    log = logging.getLogger("vcoffee.test")
    started = time.monotonic()
    try:
        raise ValueError(hostile)
    except ValueError:
        log.exception("refused %s", hostile, extra={"query": hostile})
    took = time.monotonic() - started
    entry = json.loads(captured.getvalue().strip())
    assert took < 0.5, f"{took:.2f} s"
    assert len(entry["message"]) <= MAX_LOGGED_CHARS + 100
    assert len(entry["query"]) <= MAX_LOGGED_CHARS + 100
    assert len(entry["exception"]) <= MAX_EXCEPTION_CHARS + 100
    assert "ValueError" in entry["exception"]


def test_an_email_at_the_cut_is_still_redacted(captured: io.StringIO) -> None:
    logging.getLogger("vcoffee.test").info("x" * (MAX_LOGGED_CHARS - 10) + " pat@example.com")
    assert "pat@example" not in captured.getvalue()
    assert json.loads(captured.getvalue())["message"].endswith("[truncated]")
