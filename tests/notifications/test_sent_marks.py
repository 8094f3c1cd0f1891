"""A worker killed while the table records a send it made: the mark in Redis keeps the next run
from sending again, and the table's record is completed from it."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import httpx
import pytest
from redis.asyncio import Redis

from notifications.addresses import WebhookPolicy
from notifications.channels.slack import SlackChannel
from notifications.delivery import RetryPolicy, deliver
from notifications.message import RenderedMessage
from notifications.recipients import Recipient, Route
from notifications.registry import Channel
from notifications.sent_marks import MarkedStore, SentMarks
from repositories.bundle import Repositories
from repositories.cursor import CursorCodec
from repositories.leases import DEFAULT_LEASE
from repositories.outbox import NotificationOutbox
from tests.notifications.servers import ScriptedHttpService, closed_port
from tests.repositories.conftest import (
    CURSOR_SECRET,
    Clock,
    build,
    completed_round,
    register_active,
)

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient

MESSAGE = RenderedMessage(subject="Coffee", text="You meet Grace", html="<p>You meet Grace</p>")
POLICY = RetryPolicy(max_retries=0, jitter=0.0, attempt_timeout=5.0)
LOCAL = WebhookPolicy(
    hosts=frozenset({"127.0.0.1"}), schemes=frozenset({"http"}), allow_private_addresses=True
)


class KilledWhileRecording(NotificationOutbox):
    """The outbox of a worker killed once the channel accepted: its record never lands."""

    recording: asyncio.Event

    async def mark_sent(self, *, match_id: str, user_id: str, channel: str, at: datetime) -> None:
        self.recording.set()
        await asyncio.Event().wait()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def repos(dynamodb: DynamoDBClient, table: str, clock: Clock) -> Repositories:
    return build(dynamodb, table, clock)


@pytest.fixture
async def slack(slack_server: ScriptedHttpService) -> AsyncIterator[SlackChannel]:
    async with httpx.AsyncClient(timeout=5.0) as client:
        yield SlackChannel(client=client, policy=LOCAL)


@dataclass(frozen=True)
class Told:
    """Ada, of a match of a finished round, told on Slack."""

    match_id: str
    recipient: Recipient


@pytest.fixture
async def told(repos: Repositories, slack_server: ScriptedHttpService) -> Told:
    ada, grace = await register_active(repos, "ada"), await register_active(repos, "grace")
    [match_id] = await completed_round(repos, "2030-06-03", [[ada.id, grace.id]])
    route = Route(channel=Channel.SLACK, address=f"{slack_server.url}/services/T/B/ada")
    recipient = Recipient(
        user_id=ada.id, name="Ada", time_zone="UTC", primary=Channel.SLACK, routes=(route,)
    )
    return Told(match_id=match_id, recipient=recipient)


async def killed_after_the_acceptance(
    repos: Repositories, *, told: Told, slack: SlackChannel, marks: SentMarks
) -> None:
    dying = KilledWhileRecording(
        gateway=repos.gateway,
        cursors=CursorCodec(secret=CURSOR_SECRET, keys=repos.gateway.keys),
        matches=repos.matches,
    )
    dying.recording = asyncio.Event()
    run = asyncio.create_task(
        deliver(
            match_id=told.match_id,
            recipient=told.recipient,
            message=MESSAGE,
            channels={Channel.SLACK: slack},
            store=MarkedStore(store=dying, marks=marks),
            policy=POLICY,
        )
    )
    await dying.recording.wait()
    run.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await run


async def redone(repos: Repositories, *, told: Told, slack: SlackChannel, marks: SentMarks) -> str:
    outcome = await deliver(
        match_id=told.match_id,
        recipient=told.recipient,
        message=MESSAGE,
        channels={Channel.SLACK: slack},
        store=MarkedStore(store=repos.outbox, marks=marks),
        policy=POLICY,
    )
    return outcome.status


async def test_a_job_redone_after_a_kill_during_the_record_sends_nothing_and_records_it(
    repos: Repositories,
    clock: Clock,
    redis: Redis,
    slack_server: ScriptedHttpService,
    slack: SlackChannel,
    told: Told,
) -> None:
    marks = SentMarks(redis=redis, deployment_id=f"sent-marks-{uuid.uuid4().hex[:8]}")
    keys = {"match_id": told.match_id, "user_id": told.recipient.user_id}
    await killed_after_the_acceptance(repos, told=told, slack=slack, marks=marks)
    assert len(slack_server.received) == 1
    assert await repos.outbox.sent_channel(**keys) is None

    clock.advance(DEFAULT_LEASE + timedelta(seconds=1))  # the dead worker's claim lapsed
    status = await redone(repos, told=told, slack=slack, marks=marks)

    assert status == "sent"
    assert len(slack_server.received) == 1
    assert await repos.outbox.sent_channel(**keys) == "slack"
    await redis.delete(marks.key(**keys))


async def test_with_redis_away_at_the_acceptance_a_kill_during_the_record_still_sends_twice(
    repos: Repositories,
    clock: Clock,
    slack_server: ScriptedHttpService,
    slack: SlackChannel,
    told: Told,
) -> None:
    """What is left of the window: the mark needs Redis, and the table stays the record."""
    async with Redis.from_url(f"redis://127.0.0.1:{closed_port()}/0") as away:
        marks = SentMarks(redis=away, deployment_id="team-a")
        await killed_after_the_acceptance(repos, told=told, slack=slack, marks=marks)
        clock.advance(DEFAULT_LEASE + timedelta(seconds=1))
        status = await redone(repos, told=told, slack=slack, marks=marks)

    assert status == "sent"
    assert len(slack_server.received) == 2
