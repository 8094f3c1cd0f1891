"""The mail catcher's store: one .eml file per message, in a folder per deployment."""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.parser import BytesHeaderParser
from pathlib import Path

_MESSAGE_ID = re.compile(r"^\d{8}T\d{12}Z-[0-9a-f]{32}$")


@dataclass(frozen=True)
class CaughtMessage:
    """A message the local catcher received, as the admin's outbox view lists it."""

    message_id: str
    received_at: datetime
    sender: str
    recipients: tuple[str, ...]
    subject: str


def mailbox_dir(*, root: Path, deployment_id: str) -> Path:
    """Where the catcher of one deployment keeps its messages."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", deployment_id):
        raise ValueError("deployment id must be lower-case letters, digits and dashes")
    return root / deployment_id


def store_message(
    *, directory: Path, data: bytes, sender: str, recipients: list[str], now: datetime
) -> str:
    """Write one message atomically (a reader never sees half a file) and return its id."""
    directory.mkdir(parents=True, exist_ok=True)
    message_id = f"{now.astimezone(UTC):%Y%m%dT%H%M%S%f}Z-{uuid.uuid4().hex}"
    envelope = (f"X-Envelope-From: {sender}\r\nX-Envelope-To: {', '.join(recipients)}\r\n").encode()
    partial = directory / f".{message_id}.tmp"
    partial.write_bytes(envelope + data)
    os.replace(partial, directory / f"{message_id}.eml")
    return message_id


def list_messages(*, directory: Path, limit: int = 100) -> list[CaughtMessage]:
    """The newest messages first."""
    if not directory.is_dir():
        return []
    files = sorted(directory.glob("*.eml"), reverse=True)[:limit]
    parser = BytesHeaderParser(policy=policy.default)
    caught = []
    for path in files:
        with path.open("rb") as handle:
            headers = parser.parse(handle)
        stamp = path.stem.split("-", 1)[0]
        caught.append(
            CaughtMessage(
                message_id=path.stem,
                received_at=datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC),
                sender=str(headers.get("X-Envelope-From", "")),
                recipients=tuple(
                    part.strip()
                    for part in str(headers.get("X-Envelope-To", "")).split(",")
                    if part.strip()
                ),
                subject=str(headers.get("Subject", "")),
            )
        )
    return caught


def read_message(*, directory: Path, message_id: str) -> bytes:
    """The raw message; the id is checked so it cannot name a file outside the folder."""
    if not _MESSAGE_ID.fullmatch(message_id):
        raise KeyError(message_id)
    path = directory / f"{message_id}.eml"
    if not path.is_file():
        raise KeyError(message_id)
    return path.read_bytes()
