"""The reminder cron on the real table and a local SMTP server: asked once, silence pauses."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any
from urllib.parse import unquote

import pytest

from config.settings import Settings
from devtools.stack import Endpoints
from notifications.answer_links import signer_for
from notifications.registry import Channel
from repositories.bundle import Repositories
from repositories.models import PlannedGroup, RoundQuality, User
from repositories.models.common import utc_iso
from repositories.models.config import DeploymentConfig
from repositories.models.feedback import FeedbackOutcome
from repositories.models.users import ParticipationStatus
from repositories.reminder_ledger import MessageClaims, ReminderLedger
from runtime.services import Services, open_services
from tests.workers.test_notify import (
    FAST,
    ChannelServers,
    RecordedSleep,
    channel_servers,
    channel_settings,
    person,
)
from workers.notify import Delivery, open_notification_channels
from workers.reminders import ReminderReport, run_reminders, send_reminders

FIRST = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)
WEEK = timedelta(days=7)


def slot_of(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%MZ")


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
    async with contextlib.AsyncExitStack() as stack:
        context: dict[str, Any] = {"settings": settings, "stack": stack, "services": services}
        await open_notification_channels(context)
        opened: Delivery = context["delivery"]
        context["delivery"] = replace(opened, policy=FAST, sleep=RecordedSleep())
        yield context


async def round_of(repos: Repositories, at: datetime, *groups: list[User]) -> list[str]:
    slot = slot_of(at)
    owner = f"test:{slot}"
    assert await repos.rounds.claim(slot=slot, owner=owner, seed=1) is not None
    await repos.rounds.write_groups(
        slot=slot,
        owner=owner,
        groups=[PlannedGroup(members=[member.id for member in group]) for group in groups],
        input_size=sum(len(group) for group in groups),
    )
    await repos.rounds.complete(slot=slot, owner=owner, quality=RoundQuality())
    return [match.id for match in await repos.rounds.groups_of(slot=slot)]


async def remind(ctx: dict[str, Any], now: datetime) -> ReminderReport:
    return await run_reminders(ctx["services"], delivery=ctx["delivery"], now=now)


def inbox(servers: ChannelServers, user: User) -> list[EmailMessage]:
    return [message for message in servers.emails() if message["To"] == user.profile.email]


async def test_people_who_have_not_answered_are_asked_once_after_the_delay(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    ada, grace = await person(repos, "ada"), await person(repos, "grace")
    linus, barbara = await person(repos, "linus"), await person(repos, "barbara")
    first, _ = await round_of(repos, FIRST, [ada, grace], [linus, barbara])
    await repos.feedback.upsert(match_id=first, user_id=grace.id, outcome=FeedbackOutcome.MET)

    early = await remind(ctx, FIRST + timedelta(days=2, hours=23))
    assert early.reminded == []
    assert servers.smtp.handler.accepted == []

    due = await remind(ctx, FIRST + timedelta(days=3))
    assert sorted(due.reminded) == sorted([ada.id, linus.id, barbara.id])
    [message] = inbox(servers, ada)
    assert message["Subject"] == "Did you meet grace?"
    text = message.get_body(preferencelist=("plain",))
    assert text is not None
    body = text.get_content().replace("\r\n", "\n")
    links = dict(
        re.findall(r"^  (We met|Not yet|Skip next round): \S+/answer\?token=(\S+)$", body, re.M)
    )
    assert len(links) == 3
    claims = {
        label: signer_for(services.settings).read(unquote(token)) for label, token in links.items()
    }
    assert {claim.match_id for claim in claims.values()} == {first}
    assert {claim.user_id for claim in claims.values()} == {ada.id}
    assert [claims[label].answer.value for label in ("We met", "Not yet", "Skip next round")] == [
        "met",
        "not_yet",
        "skip",
    ]
    assert inbox(servers, grace) == []

    again = await remind(ctx, FIRST + timedelta(days=3, hours=1))
    assert again.reminded == []
    assert len(servers.smtp.handler.accepted) == 3


async def test_the_delay_is_the_deployments_and_zero_switches_reminders_off(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    ada, grace = await person(repos, "ada"), await person(repos, "grace")
    await round_of(repos, FIRST, [ada, grace])
    saved = await repos.config.update(
        config=DeploymentConfig(reminder_delay_days=0), expected_version=0
    )
    assert (await remind(ctx, FIRST + timedelta(days=10))).reminded == []

    await repos.config.update(
        config=DeploymentConfig(reminder_delay_days=5), expected_version=saved.version
    )
    assert (await remind(ctx, FIRST + timedelta(days=4, hours=23))).reminded == []
    assert len((await remind(ctx, FIRST + timedelta(days=5))).reminded) == 2
    assert len(servers.smtp.handler.accepted) == 2


async def test_three_unanswered_rounds_pause_the_person_who_is_told_how_to_resume(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    ada, grace = await person(repos, "ada"), await person(repos, "grace")
    for week in range(3):
        at = FIRST + week * WEEK
        [match_id] = await round_of(repos, at, [ada, grace])
        await repos.feedback.upsert(
            match_id=match_id, user_id=grace.id, outcome=FeedbackOutcome.MET
        )
        await remind(ctx, at + timedelta(days=3))
        report = await remind(ctx, at + timedelta(days=6))
        if week < 2:
            assert report.paused == []

    assert report.paused == [ada.id]
    paused = await repos.users.require(user_id=ada.id)
    assert paused.status_on(FIRST.date()) is ParticipationStatus.PAUSED
    still = await repos.users.require(user_id=grace.id)
    assert still.status_on(FIRST.date()) is ParticipationStatus.ACTIVE
    subjects = [message["Subject"] for message in inbox(servers, ada)]
    assert subjects == ["Did you meet grace?"] * 3 + ["We have paused your coffee chats"]
    notice = inbox(servers, ada)[-1].get_body(preferencelist=("plain",))
    assert notice is not None
    assert "last 3 rounds" in notice.get_content()
    assert f"{services.settings.public_url}/participation" in notice.get_content()
    assert (await repos.stats.compute()).paused == 1

    # After resuming, one more silent round is not enough to pause again.
    await repos.users.resume(user_id=ada.id)
    at = FIRST + 3 * WEEK
    await round_of(repos, at, [ada, grace])
    await remind(ctx, at + timedelta(days=3))
    assert (await remind(ctx, at + timedelta(days=6))).paused == []
    resumed = await repos.users.require(user_id=ada.id)
    assert resumed.status_on(at.date()) is ParticipationStatus.ACTIVE
    assert len(inbox(servers, ada)) == 5


async def test_an_answer_in_between_breaks_the_streak(
    ctx: dict[str, Any], services: Services
) -> None:
    repos = services.repositories
    ada, grace = await person(repos, "ada"), await person(repos, "grace")
    for week in range(4):
        at = FIRST + week * WEEK
        [match_id] = await round_of(repos, at, [ada, grace])
        await repos.feedback.upsert(
            match_id=match_id, user_id=grace.id, outcome=FeedbackOutcome.MET
        )
        if week == 1:
            await repos.feedback.upsert(
                match_id=match_id, user_id=ada.id, outcome=FeedbackOutcome.DID_NOT_MEET
            )
        report = await remind(ctx, at + timedelta(days=6))
        assert report.paused == []
    user = await repos.users.require(user_id=ada.id)
    assert user.status_on(FIRST.date()) is ParticipationStatus.ACTIVE


async def test_the_cron_job_reminds_the_members_of_a_recent_round(
    ctx: dict[str, Any], services: Services, servers: ChannelServers
) -> None:
    repos = services.repositories
    ada, grace = await person(repos, "ada"), await person(repos, "grace")
    now = datetime.now(UTC)
    await round_of(repos, (now - timedelta(days=4)).replace(second=0, microsecond=0), [ada, grace])

    assert await send_reminders(ctx) == {"reminded": 2, "paused": 0, "undeliverable": 0}
    assert await send_reminders(ctx) == {"reminded": 0, "paused": 0, "undeliverable": 0}
    assert sorted(message["To"] for message in servers.emails()) == [
        "ada@example.com",
        "grace@example.com",
    ]


async def test_a_pass_killed_while_recording_a_reminder_does_not_send_it_again(
    ctx: dict[str, Any],
    services: Services,
    servers: ChannelServers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repos = services.repositories
    ada, grace = await person(repos, "ada"), await person(repos, "grace")
    [match_id] = await round_of(repos, FIRST, [ada, grace])
    recording = asyncio.Event()
    record = MessageClaims.mark_sent

    async def killed(self: MessageClaims, **_: object) -> None:
        # The worker dies once the mail server accepted, while the table's record is written.
        recording.set()
        await asyncio.Event().wait()

    monkeypatch.setattr(MessageClaims, "mark_sent", killed)
    cut = asyncio.create_task(remind(ctx, FIRST + timedelta(days=3)))
    await asyncio.wait_for(recording.wait(), timeout=10)
    cut.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await cut
    told = [message["To"] for message in servers.emails()]
    assert len(told) == 1
    monkeypatch.setattr(MessageClaims, "mark_sent", record)
    first = ada if told == [ada.profile.email] else grace
    # The dead worker's claim lapses, as it has by the next pass an hour later.
    await repos.gateway.update(
        repos.gateway.keys.reminder_claim(match_id, first.id, Channel.EMAIL.value),
        update="SET lease_until = :past",
        values={":past": utc_iso(datetime.now(UTC) - timedelta(hours=1))},
    )

    await remind(ctx, FIRST + timedelta(days=3, minutes=5))

    assert sorted(message["To"] for message in servers.emails()) == sorted(
        [ada.profile.email, grace.profile.email]
    )
    ledger = ReminderLedger(gateway=repos.gateway)
    assert await ledger.reminders.status(reference=match_id, user_id=first.id) == "sent"
