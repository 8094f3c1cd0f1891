"""Structured JSON logs, with emails, names, tokens and webhook URLs redacted before writing.

Log lines often quote what an outsider sent (a query, an address, a header), so redaction must
cost time linear in a bounded length: every string is cut to a few kilobytes first, and each
pattern is written so that no match attempt can backtrack over text another attempt scanned.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import IO, Any

from pythonjsonlogger.json import JsonFormatter

REDACTED = "[redacted]"
# Longer strings are cut before any pattern sees them; a log line quotes, it does not archive.
MAX_LOGGED_CHARS = 4096
# A traceback keeps its last lines, where the error is.
MAX_EXCEPTION_CHARS = 16384
TRUNCATED = "…[truncated]"
# Attributes whose values are never written, whatever they hold.
SECRET_KEYS = re.compile(
    r"(email|name|token|secret|password|authorization|cookie|webhook|code|state|nonce|"
    r"verifier|phone|signal_number|chat_id)",
    re.IGNORECASE,
)
# Safe attributes that would otherwise match SECRET_KEYS.
SAFE_KEYS = frozenset({"logger", "level", "code", "status_code", "provider", "event"})
# Each pattern starts where no character of its own first run stands before it, and its runs
# are possessive: a failed attempt is never retried from inside the run it just scanned.
PATTERNS = (
    # JWTs and other dotted base64url credentials.
    re.compile(r"(?<![\w-])eyJ[\w-]{5,}+\.[\w-]++\.[\w-]*+"),
    re.compile(r"(?i)\bbearer\s++[\w.~+/=-]++"),
    re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++"),
    # URLs are matched whole, then judged: webhook URLs carry their secret in the path.
    re.compile(r"(?i)\bhttps?://[^\s\"']++"),
    # Credentials in query strings: OAuth callbacks, refresh tokens.
    re.compile(r"(?i)\b(code|state|token|access_token|refresh_token|id_token|nonce)=[^&\s\"']++"),
)
SECRET_URL = re.compile(r"hook|api\.telegram\.org/bot", re.IGNORECASE)


def capped(text: str, *, limit: int = MAX_LOGGED_CHARS, keep_end: bool = False) -> str:
    if len(text) <= limit:
        return text
    if keep_end:
        return TRUNCATED + text[-limit:]
    return text[:limit] + TRUNCATED


def redact_text(text: str, *, limit: int = MAX_LOGGED_CHARS, keep_end: bool = False) -> str:
    text = capped(text, limit=limit, keep_end=keep_end)
    for pattern in PATTERNS:
        text = pattern.sub(_replacement, text)
    return text


def _replacement(match: re.Match[str]) -> str:
    if match.re.groups:
        return f"{match.group(1)}={REDACTED}"
    found = match.group(0)
    if found[:4].lower() == "http" and not SECRET_URL.search(found):
        return found
    return REDACTED


def redact_traceback(text: str) -> str:
    """Each line cut like any string, then the last lines kept: the error is at the end."""
    lines = "\n".join(capped(line) for line in text.splitlines())
    return redact_text(lines, limit=MAX_EXCEPTION_CHARS, keep_end=True)


def redact_value(key: str, value: Any) -> Any:
    if key not in SAFE_KEYS and SECRET_KEYS.search(capped(key, limit=200)):
        return REDACTED
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {str(k): redact_value(str(k), v) for k, v in list(value.items())[:100]}
    if isinstance(value, list | tuple):
        return [redact_value(key, v) for v in value[:100]]
    if isinstance(value, int | float | bool) or value is None:
        return value
    return redact_text(str(value))


class RedactingJsonFormatter(JsonFormatter):
    """One JSON object per line: time, level, logger, message and the record's extras."""

    def __init__(self) -> None:
        super().__init__(
            ["levelname", "name", "message"],
            rename_fields={"levelname": "level", "name": "logger", "exc_info": "exception"},
            timestamp="time",
        )

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        redacted: dict[str, Any] = {}
        for key, value in log_data.items():
            if key == "message" and isinstance(value, str):
                redacted[key] = redact_text(value)
            elif key in ("exception", "stack_info") and isinstance(value, str):
                redacted[key] = redact_traceback(value)
            elif key in ("time", "level", "logger"):
                redacted[key] = value
            else:
                redacted[key] = redact_value(key, value)
        return redacted


def configure_logging(*, level: str = "INFO", stream: IO[str] | None = None) -> None:
    """Routes every logger, uvicorn's included, through one JSON handler on stderr."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(RedactingJsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Warnings become log records too, so every line on stderr is JSON.
    logging.captureWarnings(True)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
