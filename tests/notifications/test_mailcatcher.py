"""The local mail catcher keeps what the app sends, for the admin to list and open."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from devtools.mailbox import list_messages, mailbox_dir, read_message
from notifications.channels.email_smtp import SmtpEmailChannel
from notifications.content import render_match_message, sample_notice
from notifications.errors import PermanentError
from tests.notifications.servers import closed_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def catcher(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    port = closed_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "devtools.mailcatcher",
            "--port",
            str(port),
            "--root",
            str(tmp_path),
            "--deployment-id",
            "team-a",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield port, mailbox_dir(root=tmp_path, deployment_id="team-a")
    finally:
        process.terminate()
        process.wait(timeout=10)


async def wait_listening(port: int) -> None:
    for _ in range(100):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        writer.close()
        await writer.wait_closed()
        return
    raise AssertionError("the mail catcher did not start")


async def test_sent_mail_is_listed_and_readable(catcher: tuple[int, Path]) -> None:
    port, directory = catcher
    await wait_listening(port)
    channel = SmtpEmailChannel(host="127.0.0.1", port=port, sender="coffee@example.com")
    message = await render_match_message(
        notice=sample_notice(), templates=None, stamp=datetime(2030, 1, 1, tzinfo=UTC)
    )
    await channel.send(message=message, address="ada@example.com")
    await channel.send(message=message, address="grace@example.com")
    caught = list_messages(directory=directory)
    assert [entry.recipients for entry in caught] == [("grace@example.com",), ("ada@example.com",)]
    assert caught[0].subject == "Your coffee chat with Grace"
    assert caught[0].sender == "coffee@example.com"
    raw = read_message(directory=directory, message_id=caught[1].message_id)
    parts = message_from_bytes(raw, policy=policy.default).walk()
    invite = next(part for part in parts if part.get_content_type() == "text/calendar")
    assert b"BEGIN:VCALENDAR" in invite.get_payload(decode=True)


def test_message_ids_cannot_reach_outside_the_mailbox(tmp_path: Path) -> None:
    (tmp_path / "secret.eml").write_text("x")
    directory = mailbox_dir(root=tmp_path, deployment_id="team-a")
    for bad in ("../secret", "20300101T000000000000Z-" + "0" * 32, ""):
        with pytest.raises(KeyError):
            read_message(directory=directory, message_id=bad)
    assert list_messages(directory=directory) == []


def test_deployment_ids_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="deployment id"):
        mailbox_dir(root=tmp_path, deployment_id="../other")


async def test_a_recipient_in_the_invalid_domain_is_refused_for_good(
    catcher: tuple[int, Path],
) -> None:
    port, directory = catcher
    await wait_listening(port)
    channel = SmtpEmailChannel(host="127.0.0.1", port=port, sender="coffee@example.com")
    message = await render_match_message(
        notice=sample_notice(), templates=None, stamp=datetime(2030, 1, 1, tzinfo=UTC)
    )
    with pytest.raises(PermanentError):
        await channel.send(message=message, address="nova@nowhere.invalid")
    await channel.send(message=message, address="ada@invalid.example.com")
    assert [entry.recipients for entry in list_messages(directory=directory)] == [
        ("ada@invalid.example.com",)
    ]
