"""The settings page's "send me a test": the real render-and-deliver path on a sample match."""

from __future__ import annotations

import asyncio
import html
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Literal, TypedDict

from core.ids import new_id
from notifications.channels.base import Sender
from notifications.content import render_match_message, sample_notice
from notifications.delivery import Clock, RetryPolicy, Sleep, deliver, utc_now
from notifications.message import RenderedMessage
from notifications.ports import Attempt, DeliveryOutcome
from notifications.recipients import Recipient
from notifications.registry import Channel
from notifications.templates import TemplateSet

TEST_SUBJECT_PREFIX = "[Test] "
TEST_NOTE = (
    "This is a test message from Virtual Coffee. It shows how your match messages look on"
    " this channel. You have not been matched: the names, time and link below are examples."
)


def marked_as_test(message: RenderedMessage) -> RenderedMessage:
    """The sample message said to be a test in its subject and first line, with no invite."""
    return replace(
        message,
        subject=TEST_SUBJECT_PREFIX + message.subject,
        text=f"{TEST_NOTE}\n\n{message.text}",
        html=f"<p><strong>{html.escape(TEST_NOTE)}</strong></p>\n{message.html}",
        attachments=(),
    )


# The worker job that sends a test message, and what it answers: the API queues it by name.
TEST_SEND_JOB = "send_test_notification"

SendStatus = Literal["sent", "not_configured", "failed"]


class SendOutcome(TypedDict):
    """What the job returns to the API: plain data, so any process can read it."""

    status: SendStatus
    message: str


def outcome(status: SendStatus, message: str) -> SendOutcome:
    return {"status": status, "message": message}


def send_job_id(*, deployment_id: str, request_id: str) -> str:
    return f"{TEST_SEND_JOB}:{deployment_id}:{request_id}"


# A test send should answer while the admin waits: fewer, shorter retries.
TEST_SEND_POLICY = RetryPolicy(
    max_retries=1, base_delay=0.5, max_retry_after=5.0, attempt_timeout=10.0
)


class OneOffLedger:
    """Claims and attempts of a single test send, kept in memory and returned to the page.

    A test send has no match to protect from a second run, so it stays out of the outbox.
    """

    def __init__(self) -> None:
        self._sent: set[Channel] = set()
        self.attempts: list[Attempt] = []

    async def claim(self, *, match_id: str, user_id: str, channel: Channel, owner: str) -> bool:
        return channel not in self._sent

    async def renew(self, *, match_id: str, user_id: str, channel: Channel, owner: str) -> bool:
        return channel not in self._sent

    async def release(self, *, match_id: str, user_id: str, channel: Channel, owner: str) -> None:
        return None

    async def sent_channel(self, *, match_id: str, user_id: str) -> str | None:
        return next(iter(self._sent), None)

    async def mark_sent(
        self, *, match_id: str, user_id: str, channel: Channel, at: datetime
    ) -> None:
        self._sent.add(channel)

    async def record_attempt(self, *, attempt: Attempt) -> None:
        self.attempts.append(attempt)

    async def record_outcome(self, *, outcome: DeliveryOutcome) -> None:
        return None


async def send_test(
    *,
    recipient: Recipient,
    channels: Mapping[Channel, Sender],
    templates: TemplateSet | None,
    only: Channel | None = None,
    sleep: Sleep = asyncio.sleep,
    policy: RetryPolicy = TEST_SEND_POLICY,
    clock: Clock = utc_now,
) -> DeliveryOutcome:
    """Send the sample match message to the person, on one channel or with normal fallback."""
    if only is not None:
        recipient = replace(
            recipient,
            primary=only,
            routes=tuple(route for route in recipient.routes if route.channel == only),
        )
    notice = sample_notice(reader_name=recipient.name, time_zone=recipient.time_zone)
    message = marked_as_test(
        await render_match_message(notice=notice, templates=templates, stamp=clock())
    )
    return await deliver(
        match_id=f"test-{new_id()}",
        recipient=recipient,
        message=message,
        channels=channels,
        store=OneOffLedger(),
        sleep=sleep,
        policy=policy,
        clock=clock,
    )
