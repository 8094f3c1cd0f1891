"""Structured JSON logs, with emails, names, tokens and webhook URLs redacted before writing."""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import IO, Any

REDACTED = "[redacted]"
# Attributes whose values are never written, whatever they hold.
SECRET_KEYS = re.compile(
    r"(email|name|token|secret|password|authorization|cookie|webhook|code|state|nonce|"
    r"verifier|phone|signal_number|chat_id)",
    re.IGNORECASE,
)
# Safe attributes that would otherwise match SECRET_KEYS.
SAFE_KEYS = frozenset({"logger", "levelname", "code", "status_code", "provider", "event"})
PATTERNS = (
    # JWTs and other dotted base64url credentials.
    re.compile(r"eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*"),
    re.compile(r"(?i)\bbearer\s+[\w.~+/=-]+"),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    # Webhook URLs carry their secret in the path.
    re.compile(r"https?://[^\s\"']*hook[^\s\"']*", re.IGNORECASE),
    re.compile(r"https?://api\.telegram\.org/bot[^\s\"']+", re.IGNORECASE),
    # Credentials in query strings: OAuth callbacks, refresh tokens.
    re.compile(r"(?i)\b(code|state|token|access_token|refresh_token|id_token|nonce)=[^&\s\"']+"),
)
STANDARD_ATTRIBUTES = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys() | {"message", "asctime"}
)


def redact_text(text: str) -> str:
    for pattern in PATTERNS:
        text = pattern.sub(_replacement, text)
    return text


def _replacement(match: re.Match[str]) -> str:
    if match.re.groups:
        return f"{match.group(1)}={REDACTED}"
    return REDACTED


def redact_value(key: str, value: Any) -> Any:
    if key not in SAFE_KEYS and SECRET_KEYS.search(key):
        return REDACTED
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {str(k): redact_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_value(key, v) for v in value]
    if isinstance(value, int | float | bool) or value is None:
        return value
    return redact_text(str(value))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the record's extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": redact_text(record.getMessage()),
        }
        for key, value in record.__dict__.items():
            if key not in STANDARD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = redact_value(key, value)
        if record.exc_info:
            entry["exception"] = redact_text(self.formatException(record.exc_info))
        return json.dumps(entry, default=str)


def configure_logging(*, level: str = "INFO", stream: IO[str] | None = None) -> None:
    """Routes every logger, uvicorn's included, through one JSON handler on stderr."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Warnings become log records too, so every line on stderr is JSON.
    logging.captureWarnings(True)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
