"""The notification job on the real table, queue and local channel servers: told once, or marked."""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import uuid
import warnings
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from arq import Retry
from arq.worker import Worker
from pydantic import ValidationError

from config.settings import Settings
from devtools.stack import Endpoints
from notifications.delivery import RetryPolicy
from repositories.bundle import Repositories
from repositories.models import Identity, PlannedGroup, Profile, RoundQuality, User
from repositories.models.config import ChannelConfig, DeploymentConfig
from repositories.models.matches import MemberDelivery
from repositories.models.outbox import ClaimState
from repositories.models.users import Channel, NotificationSettings, Preferences
from runtime.resources import dynamodb_client
from runtime.services import Services, arq_redis_settings, open_services, queue_name
from tests.conftest import make_settings
from tests.notifications.servers import (
    SIGNAL_OK,
    TELEGRAM_OK,
    Reply,
    ScriptedHttpService,
    ScriptedSmtpServer,
    SmtpReply,
    closed_port,
)
from workers.main import on_shutdown, on_startup
from workers.notify import Delivery, enqueue_pending, notify_member, open_notification_channels
from workers.rounds import run_round

SLOT = "2030-06-03T08:00Z"
START = datetime(2030, 6, 3, 8, 0, tzinfo=UTC)
# Retries without waiting; timeouts generous, since these tests are about claims and order.
FAST = RetryPolicy(max_retries=3, base_delay=1.0, factor=2.0, jitter=0.0, attempt_timeout=20.0)
EVERY_CHANNEL = DeploymentConfig(
    channels={name: ChannelConfig(enabled=True) for name in Channel},
)


@dataclass
class RecordedSleep:
    """Stands in for asyncio.sleep in the retry policy: keeps the delays, returns at once."""

    delays: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await asyncio.sleep(0)


@dataclass
class ChannelServers:
    telegram: ScriptedHttpService
    signal: ScriptedHttpService
    smtp: ScriptedSmtpServer

    def emails(self) -> list[EmailMessage]:
        parsed = [
            email.message_from_bytes(envelope.original_content or b"", policy=email.policy.default)
            for envelope in self.smtp.handler.accepted
        ]
        return [message for message in parsed if isinstance(message, EmailMessage)]


@contextlib.asynccontextmanager
async def channel_servers() -> AsyncIterator[ChannelServers]:
    """Local Telegram, Signal and SMTP servers answering as each test scripts them."""
    telegram = ScriptedHttpService(default=TELEGRAM_OK)
    signal = ScriptedHttpService(default=SIGNAL_OK)
    smtp = ScriptedSmtpServer()
    for server in (telegram, signal, smtp):
        await server.start()
    try:
        yield ChannelServers(telegram=telegram, signal=signal, smtp=smtp)
    finally:
        for server in (telegram, signal, smtp):
            await server.stop()


def channel_settings(endpoints: Endpoints, servers: ChannelServers) -> Settings:
    """An instance whose channels are the local servers, with a deployment of its own.

    Its own deployment id gives it its own arq queue, so no other test's jobs run here.
    """
    return make_settings(
        endpoints,
        deployment_id=f"notify-{uuid.uuid4().hex[:8]}",
        smtp_host="127.0.0.1",
        smtp_port=servers.smtp.port,
        smtp_sender="coffee@example.com",
        telegram_api_url=servers.telegram.url,
        telegram_bot_token="123:secret-token",
        signal_api_url=servers.signal.url,
        signal_sender_number="+15550001111",
        notification_timeout_seconds=15.0,
    )


@pytest.fixture
async def servers() -> AsyncIterator[ChannelServers]:
    async with channel_servers() as started:
        yield started


@pytest.fixture
def settings(endpoints: Endpoints, servers: ChannelServers) -> Settings:
    return channel_settings(endpoints, servers)


@pytest.fixture
async def services(settings: Settings, table: str) -> AsyncIterator[Services]:
    async with open_services(settings) as opened:
        yield opened


@pytest.fixture
async def ctx(settings: Settings, services: Services) -> AsyncIterator[dict[str, Any]]:
    """What the worker's on_startup builds, with the real channels and a recorded sleep."""
    async with contextlib.AsyncExitStack() as stack:
        context: dict[str, Any] = {"settings": settings, "stack": stack, "services": services}
        await open_notification_channels(context)
        opened: Delivery = context["delivery"]
        context["delivery"] = replace(opened, policy=FAST, sleep=RecordedSleep())
        await services.repositories.config.update(config=EVERY_CHANNEL, expected_version=0)
        yield context


async def person(
    repos: Repositories,
    name: str,
    *,
    channels: tuple[Channel, ...] = (Channel.EMAIL,),
    zone: str = "UTC",
) -> User:
    """A member who joined, with `channels` enabled, the first one primary."""
    user = await repos.users.register(
        identity=Identity(issuer="https://sso.example.com", subject=f"sub-{name}"),
        profile=Profile(name=name, email=f"{name}@example.com"),
    )
    user = await repos.users.join(user_id=user.id)
    user = await repos.users.update_preferences(
        user_id=user.id,
        preferences=Preferences(timezone=zone, topics=["chess", "jazz"]),
        expected_version=user.version,
    )
    return await repos.users.update_notifications(
        user_id=user.id,
        settings=NotificationSettings(
            enabled_channels=list(channels),
            primary_channel=channels[0],
            telegram_chat_id="123456789" if Channel.TELEGRAM in channels else None,
            signal_number="+442079460958" if Channel.SIGNAL in channels else None,
        ),
        expected_version=user.version,
    )


async def matched(repos: Repositories, *groups: list[User], slot: str = SLOT) -> list[str]:
    """A completed round of `groups` with a suggested time; returns the match ids."""
    owner = f"test:{slot}"
    assert await repos.rounds.claim(slot=slot, owner=owner, seed=1) is not None
    await repos.rounds.write_groups(
        slot=slot,
        owner=owner,
        groups=[
            PlannedGroup(
                members=[member.id for member in group],
                suggested_start=START,
                suggested_end=START + timedelta(minutes=30),
            )
            for group in groups
        ],
        input_size=sum(len(group) for group in groups),
    )
    await repos.rounds.complete(slot=slot, owner=owner, quality=RoundQuality())
    return [match.id for match in await repos.rounds.groups_of(slot=slot)]


async def delivery_of(repos: Repositories, match_id: str, user: User) -> MemberDelivery:
    match = await repos.matches.get(match_id=match_id)
    assert match is not None
    return match.deliveries[user.id]


def job(services: Services, match_id: str, user: User) -> dict[str, str]:
    return {
        "deployment_id": services.settings.deployment_id,
        "match_id": match_id,
        "user_id": user.id,
    }


async def test_a_job_that_runs_twice_tells_the_person_once_on_their_primary_channel(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    ada = await person(
        repos, "ada", channels=(Channel.TELEGRAM, Channel.EMAIL), zone="Europe/Paris"
    )
    grace = await person(repos, "grace")
    [match_id] = await matched(repos, [ada, grace])

    first = await notify_member(ctx, **job(services, match_id, ada))
    second = await notify_member(ctx, **job(services, match_id, ada))

    # The second run sends nothing and reports the send the first one made.
    assert (first, second) == ("sent:telegram", "sent:telegram")
    [request] = servers.telegram.received
    assert request.path == "/bot123:secret-token/sendMessage"
    assert request.body["chat_id"] == "123456789"
    text = request.body["text"]
    assert "grace" in text
    assert "Monday 3 June 2030, 10:00 CEST (Europe/Paris)" in text
    assert servers.smtp.handler.accepted == []
    assert await delivery_of(repos, match_id, ada) is MemberDelivery.SENT
    assert await delivery_of(repos, match_id, grace) is MemberDelivery.PENDING
    claim = await repos.outbox.get_claim(match_id=match_id, user_id=ada.id, channel="telegram")
    assert claim is not None
    assert claim.state is ClaimState.SENT
    record = await repos.outbox.delivery(match_id=match_id, user_id=ada.id)
    assert record is not None
    assert record.status.value == "sent"


async def test_five_copies_of_a_job_running_at_once_send_one_message(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    # The channel answers slowly enough that every copy starts while the first holds the send,
    # even when the machine is busy (0.3 s was once too short under heavy load).
    servers.signal.default = replace(SIGNAL_OK, delay=2.0)
    ada = await person(repos, "ada", channels=(Channel.SIGNAL, Channel.TELEGRAM, Channel.EMAIL))
    grace = await person(repos, "grace")
    [match_id] = await matched(repos, [ada, grace])

    results = await asyncio.gather(
        *(notify_member(ctx, **job(services, match_id, ada)) for _ in range(5)),
        return_exceptions=True,
    )

    # The copies that found the send held by a live run look again after its lease.
    assert [r for r in results if not isinstance(r, Retry)] == ["sent:signal"]
    assert [r.defer_score for r in results if isinstance(r, Retry)] == [10_000] * 4
    assert len(servers.signal.received) == 1
    assert servers.telegram.received == []
    assert servers.smtp.handler.accepted == []
    assert await delivery_of(repos, match_id, ada) is MemberDelivery.SENT
    record = await repos.outbox.delivery(match_id=match_id, user_id=ada.id)
    assert record is not None
    assert record.status.value == "sent"


async def test_a_failing_primary_is_retried_then_the_other_channels_are_tried_in_order(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    servers.telegram.default = Reply(status=502, body={"ok": False})
    servers.signal.then(Reply(status=400, body={"error": "User +44... is not registered"}))
    ada = await person(repos, "ada", channels=(Channel.TELEGRAM, Channel.SIGNAL, Channel.EMAIL))
    grace = await person(repos, "grace")
    [match_id] = await matched(repos, [ada, grace])

    result = await notify_member(ctx, **job(services, match_id, ada))

    assert result == "sent:email"
    assert len(servers.telegram.received) == 4  # the first try and three retries
    assert ctx["delivery"].sleep.delays == [1.0, 2.0, 4.0]
    assert len(servers.signal.received) == 1  # a permanent refusal is not retried
    [message] = servers.emails()
    assert message["To"] == "ada@example.com"
    assert message["Subject"] == "Your coffee chat with grace"
    assert [part.get_filename() for part in message.walk() if part.get_filename()] == [
        "coffee-chat.ics"
    ]
    attempts = sorted(
        await repos.outbox.attempts_for(match_id=match_id, user_id=ada.id),
        key=lambda attempt: attempt.at,
    )
    assert [(a.channel.value, a.outcome.value) for a in attempts] == [
        ("telegram", "transient_failure"),
        ("telegram", "transient_failure"),
        ("telegram", "transient_failure"),
        ("telegram", "transient_failure"),
        ("signal", "permanent_failure"),
        ("email", "sent"),
    ]
    assert await delivery_of(repos, match_id, ada) is MemberDelivery.SENT


async def test_when_every_channel_fails_the_person_is_marked_for_the_admin(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    servers.telegram.then(Reply(status=403, body={"ok": False, "description": "bot blocked"}))
    servers.signal.then(Reply(status=400, body={"error": "unregistered user"}))
    servers.smtp.handler.script.append(SmtpReply(line="550 No such mailbox"))
    ada = await person(repos, "ada", channels=(Channel.TELEGRAM, Channel.SIGNAL, Channel.EMAIL))
    grace = await person(repos, "grace")
    [match_id] = await matched(repos, [ada, grace])

    result = await notify_member(ctx, **job(services, match_id, ada))

    assert result == "undeliverable"
    assert await delivery_of(repos, match_id, ada) is MemberDelivery.UNDELIVERABLE
    stats = await repos.stats.compute()
    assert (stats.undeliverable, stats.notification_failures) == (1, 3)
    page = await repos.outbox.undeliverable()
    assert [(record.match_id, record.user_id) for record in page.items] == [(match_id, ada.id)]
    # A later run of the same job (the sweep, a retry) tries again rather than giving up.
    assert await notify_member(ctx, **job(services, match_id, ada)) == "sent:telegram"
    assert await delivery_of(repos, match_id, ada) is MemberDelivery.SENT


async def test_channels_the_deployment_has_not_switched_on_are_skipped(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    await repos.config.update(
        config=DeploymentConfig(channels={Channel.EMAIL: ChannelConfig(enabled=True)}),
        expected_version=1,
    )
    ada = await person(repos, "ada", channels=(Channel.TELEGRAM, Channel.EMAIL))
    grace = await person(repos, "grace")
    [match_id] = await matched(repos, [ada, grace])

    assert await notify_member(ctx, **job(services, match_id, ada)) == "sent:email"
    assert servers.telegram.received == []
    assert len(servers.smtp.handler.accepted) == 1


async def test_a_job_of_another_deployment_is_refused_and_nothing_is_touched(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    ada = await person(repos, "ada", channels=(Channel.TELEGRAM,))
    grace = await person(repos, "grace")
    [match_id] = await matched(repos, [ada, grace])

    result = await notify_member(ctx, deployment_id="team-b", match_id=match_id, user_id=ada.id)

    assert result == "refused:other-deployment"
    assert servers.telegram.received == []
    assert (
        await repos.outbox.get_claim(match_id=match_id, user_id=ada.id, channel="telegram") is None
    )
    assert await delivery_of(repos, match_id, ada) is MemberDelivery.PENDING


async def test_a_malformed_match_id_is_refused_with_its_code(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    ada = await person(services.repositories, "ada", channels=(Channel.TELEGRAM,))
    result = await notify_member(
        ctx,
        deployment_id=services.settings.deployment_id,
        match_id="../../etc",
        user_id=ada.id,
    )
    assert result == "refused:BAD_USER_INPUT"
    assert servers.telegram.received == []


async def test_a_person_no_longer_in_the_match_is_not_written_to(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    ada, grace = await person(repos, "ada"), await person(repos, "grace")
    linus = await person(repos, "linus")
    [match_id] = await matched(repos, [ada, grace])
    await repos.personal_data.delete(user_id=grace.id)

    assert await notify_member(ctx, **job(services, match_id, linus)) == "gone"
    assert await notify_member(ctx, **job(services, match_id, grace)) == "gone"
    assert await notify_member(ctx, **job(services, match_id, ada)) == "sent:email"
    assert len(servers.smtp.handler.accepted) == 1


async def test_the_sweep_requeues_only_members_still_waiting(
    ctx: dict[str, Any], services: Services
) -> None:
    repos = services.repositories
    ada, grace = await person(repos, "ada"), await person(repos, "grace")
    [match_id] = await matched(repos, [ada, grace])
    assert await notify_member(ctx, **job(services, match_id, ada)) == "sent:email"
    later = datetime.now(UTC) + timedelta(minutes=11)
    queue = queue_name(services.settings)
    try:
        assert await enqueue_pending(services, now=datetime.now(UTC)) == 0  # still in grace
        assert await enqueue_pending(services, now=later) == 1
        assert await enqueue_pending(services, now=later) == 0  # already queued
        [queued] = await services.queue.queued_jobs(queue_name=queue)
        assert queued.kwargs == job(services, match_id, grace)
        assert await enqueue_pending(services, now=later + timedelta(days=3)) == 0
    finally:
        await services.queue.delete(queue, f"arq:job:notify:{match_id}:{grace.id}")


async def test_a_rerun_finding_the_send_recorded_marks_the_person_told_and_the_sweep_stops(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    ada, grace = await person(repos, "ada"), await person(repos, "grace")
    [match_id] = await matched(repos, [ada, grace])
    # A job sent the mail and recorded the send, then its worker was killed before it
    # recorded the outcome: the person still shows as pending.
    key = {"match_id": match_id, "user_id": ada.id, "channel": "email"}
    assert await repos.outbox.claim(**key, owner="killed-job")
    await repos.outbox.mark_sent(**key, at=datetime.now(UTC))
    assert await delivery_of(repos, match_id, ada) is MemberDelivery.PENDING

    assert await notify_member(ctx, **job(services, match_id, ada)) == "sent:email"

    assert servers.smtp.handler.accepted == []
    assert await delivery_of(repos, match_id, ada) is MemberDelivery.SENT
    record = await repos.outbox.delivery(match_id=match_id, user_id=ada.id)
    assert record is not None
    assert record.status.value == "sent"
    queue = queue_name(services.settings)
    try:
        await enqueue_pending(services, now=datetime.now(UTC) + timedelta(minutes=11))
        queued = {(j.kwargs["user_id"]) for j in await services.queue.queued_jobs(queue_name=queue)}
        assert queued == {grace.id}
    finally:
        await services.queue.delete(queue, f"arq:job:notify:{match_id}:{grace.id}")


async def test_a_mail_outage_defers_the_job_and_the_mail_arrives_once_the_server_is_back(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    ada, grace = await person(repos, "ada"), await person(repos, "grace")
    [match_id] = await matched(repos, [ada, grace])
    servers.smtp.handler.script.extend([SmtpReply(line="421 down for maintenance")] * 4)

    ctx["job_try"] = 1
    with pytest.raises(Retry) as retried:
        await notify_member(ctx, **job(services, match_id, ada))

    # Tried in the run, then deferred to the schedule's first point, a minute after.
    assert 50_000 <= (retried.value.defer_score or 0) <= 60_000
    assert servers.smtp.handler.accepted == []
    assert await delivery_of(repos, match_id, ada) is MemberDelivery.PENDING
    ctx["job_try"] = 2
    assert await notify_member(ctx, **job(services, match_id, ada)) == "sent:email"
    assert len(servers.smtp.handler.accepted) == 1
    assert await delivery_of(repos, match_id, ada) is MemberDelivery.SENT


async def test_after_a_day_of_failures_the_person_is_listed_as_undeliverable(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    ada, grace = await person(repos, "ada"), await person(repos, "grace")
    [match_id] = await matched(repos, [ada, grace])
    servers.smtp.handler.script.extend([SmtpReply(line="451 try again later")] * 12)
    started = datetime.now(UTC)
    with pytest.raises(Retry):
        await notify_member(ctx, **job(services, match_id, ada))
    delivery: Delivery = ctx["delivery"]
    ctx["delivery"] = replace(delivery, clock=lambda: started + timedelta(hours=21))
    with pytest.raises(Retry) as retried:
        await notify_member(ctx, **job(services, match_id, ada))
    # The schedule's point at 22 h after the first try, an hour later.
    assert 59 * 60_000 <= (retried.value.defer_score or 0) <= 60 * 60_000 + 1000
    ctx["delivery"] = replace(delivery, clock=lambda: started + timedelta(hours=24, seconds=1))

    assert await notify_member(ctx, **job(services, match_id, ada)) == "undeliverable"

    assert servers.smtp.handler.accepted == []
    assert await delivery_of(repos, match_id, ada) is MemberDelivery.UNDELIVERABLE
    page = await repos.outbox.undeliverable()
    assert [(r.match_id, r.user_id) for r in page.items] == [(match_id, ada.id)]


async def test_a_round_run_by_a_real_worker_notifies_every_member(
    settings: Settings, services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    await repos.config.update(config=EVERY_CHANNEL, expected_version=0)
    ada = await person(repos, "ada", channels=(Channel.TELEGRAM, Channel.EMAIL))
    grace, linus = await person(repos, "grace"), await person(repos, "linus")
    await services.queue.enqueue_job(
        "run_round", deployment_id=settings.deployment_id, slot=SLOT, requested_by=None
    )
    worker = Worker(
        functions=[run_round, notify_member],
        burst=True,
        redis_settings=arq_redis_settings(settings),
        queue_name=queue_name(settings),
        on_startup=on_startup,
        on_shutdown=on_shutdown,
        ctx={"settings": settings},
        keep_result=60,
        poll_delay=0.1,
        handle_signals=False,
    )
    try:
        await asyncio.wait_for(worker.main(), timeout=60)
    finally:
        with warnings.catch_warnings():
            # arq closes its pool with redis' deprecated close(); the warning is arq's.
            warnings.simplefilter("ignore", DeprecationWarning)
            await worker.close()

    assert (worker.jobs_complete, worker.jobs_failed) == (4, 0)  # the round and three members
    [(match_id, members)] = [
        (m.id, m.participants) for m in await repos.rounds.groups_of(slot=SLOT)
    ]
    assert sorted(members) == sorted(person.id for person in (ada, grace, linus))
    match = await repos.matches.get(match_id=match_id)
    assert match is not None
    assert set(match.deliveries.values()) == {MemberDelivery.SENT}
    assert len(servers.telegram.received) == 1
    assert sorted(message["To"] for message in servers.emails()) == [
        "grace@example.com",
        "linus@example.com",
    ]


async def test_a_job_that_finds_the_table_down_is_retried_later_and_sends_nothing(
    ctx: dict[str, Any], services: Services, servers: ChannelServers, endpoints: Endpoints
) -> None:
    repos = services.repositories
    ada, grace = await person(repos, "ada"), await person(repos, "grace")
    [match_id] = await matched(repos, [ada, grace])
    down = make_settings(
        endpoints,
        deployment_id=services.settings.deployment_id,
        table_name=services.settings.table_name,
        dynamodb_endpoint=f"http://127.0.0.1:{closed_port()}",
    )
    async with dynamodb_client(down) as unreachable:
        outage = Repositories.create(
            client=unreachable,
            table_name=down.table_name,
            deployment_id=down.deployment_id,
            cursor_secret=b"cursor-secret-for-tests-0123456789",
            transaction_limit=10,
        )
        ctx["services"] = replace(services, repositories=outage)
        ctx["job_try"] = 2
        with pytest.raises(Retry) as retried:
            await notify_member(ctx, **job(services, match_id, ada))

    assert retried.value.defer_score == 10_000  # the second try waits 10 s
    assert servers.smtp.handler.accepted == []
    ctx["services"] = services
    assert await notify_member(ctx, **job(services, match_id, ada)) == "sent:email"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"smtp_host": "smtp.example.com"}, "VCOFFEE_SMTP_HOST is set without VCOFFEE_SMTP_SENDER"),
        ({"ses_enabled": True}, "VCOFFEE_SES_ENABLED is set without VCOFFEE_SES_SENDER"),
        (
            {"signal_api_url": "http://signal:8080"},
            "VCOFFEE_SIGNAL_API_URL is set without VCOFFEE_SIGNAL_SENDER_NUMBER",
        ),
        ({"signal_sender_number": "0800 123"}, "signal_sender_number"),
        ({"notification_timeout_seconds": 0}, "notification_timeout_seconds"),
    ],
)
def test_an_instance_with_a_channel_half_configured_refuses_to_start(
    endpoints: Endpoints, given: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        make_settings(endpoints, **given)


async def test_a_whole_round_notified_twice_over_at_once_sends_one_message_each(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    people = [await person(repos, f"p{index:02d}") for index in range(24)]
    match_ids = await matched(repos, *(people[index : index + 2] for index in range(0, 24, 2)))
    jobs = [
        job(services, match_id, member)
        for match_id, pair in zip(
            match_ids, (people[i : i + 2] for i in range(0, 24, 2)), strict=True
        )
        for member in pair
    ]

    results = await asyncio.gather(
        *(notify_member(ctx, **kwargs) for kwargs in jobs + jobs), return_exceptions=True
    )

    # A twin either finds the send recorded (sent) or held by the other (looks again later).
    assert all(isinstance(r, Retry) or r == "sent:email" for r in results)
    assert sum(r == "sent:email" for r in results) >= 24
    assert sorted(message["To"] for message in servers.emails()) == sorted(
        member.profile.email for member in people
    )
    for match in await repos.rounds.groups_of(slot=SLOT):
        assert set(match.deliveries.values()) == {MemberDelivery.SENT}
