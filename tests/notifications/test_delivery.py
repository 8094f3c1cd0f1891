"""Delivery tries the primary channel, retries transient failures, falls back, never doubles."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from notifications.addresses import WebhookPolicy
from notifications.channels.base import Sender
from notifications.channels.email_smtp import SmtpEmailChannel
from notifications.channels.signal import SignalChannel
from notifications.channels.slack import SlackChannel
from notifications.channels.telegram import TelegramChannel
from notifications.delivery import DEFAULT_SCHEDULE, RetryPolicy, RetrySchedule, deliver
from notifications.message import RenderedMessage
from notifications.recipients import Recipient, Route
from notifications.registry import Channel
from tests.notifications.outbox import MemoryOutbox
from tests.notifications.servers import (
    Reply,
    ScriptedHttpService,
    ScriptedSmtpServer,
    SmtpReply,
    closed_port,
)

MESSAGE = RenderedMessage(subject="Coffee", text="You meet Grace", html="<p>You meet Grace</p>")
LOCAL = WebhookPolicy(
    hosts=frozenset({"127.0.0.1"}), schemes=frozenset({"http"}), allow_private_addresses=True
)
POLICY = RetryPolicy(max_retries=3, base_delay=1.0, factor=2.0, jitter=0.0, attempt_timeout=2.0)
FAIL = Reply(status=500, body="boom")


@dataclass
class RecordedSleep:
    """Stands in for asyncio.sleep: remembers the delays asked for and returns at once."""

    delays: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await asyncio.sleep(0)


@dataclass
class Servers:
    slack: ScriptedHttpService
    telegram: ScriptedHttpService
    signal: ScriptedHttpService
    smtp: ScriptedSmtpServer
    channels: Mapping[Channel, Sender]

    def recipient(
        self, *, primary: Channel, order: tuple[Channel, ...], user_id: str = "u-ada"
    ) -> Recipient:
        addresses: dict[Channel, str] = {
            Channel.EMAIL: "ada@example.com",
            Channel.SLACK: f"{self.slack.url}/services/T/B/{user_id}",
            Channel.TELEGRAM: "123456789",
            Channel.SIGNAL: "+442079460958",
        }
        return Recipient(
            user_id=user_id,
            name="Ada",
            time_zone="UTC",
            primary=primary,
            routes=tuple(Route(channel=name, address=addresses[name]) for name in order),
        )


@pytest.fixture
async def servers(
    slack_server: ScriptedHttpService,
    telegram_server: ScriptedHttpService,
    signal_server: ScriptedHttpService,
    smtp_server: ScriptedSmtpServer,
) -> AsyncIterator[Servers]:
    async with httpx.AsyncClient(timeout=5.0) as client:
        channels: dict[Channel, Sender] = {
            Channel.EMAIL: SmtpEmailChannel(
                host="127.0.0.1", port=smtp_server.port, sender="coffee@example.com", timeout=5.0
            ),
            Channel.SLACK: SlackChannel(client=client, policy=LOCAL),
            Channel.TELEGRAM: TelegramChannel(
                client=client, bot_token="1:T", base_url=telegram_server.url
            ),
            Channel.SIGNAL: SignalChannel(
                client=client, base_url=signal_server.url, sender_number="+15550001111"
            ),
        }
        yield Servers(
            slack=slack_server,
            telegram=telegram_server,
            signal=signal_server,
            smtp=smtp_server,
            channels=channels,
        )


async def test_the_primary_channel_is_used_when_it_works(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    sleep = RecordedSleep()
    outcome = await deliver(
        match_id="m-1",
        recipient=servers.recipient(
            primary=Channel.TELEGRAM, order=(Channel.SLACK, Channel.TELEGRAM)
        ),
        message=MESSAGE,
        channels=servers.channels,
        store=outbox,
        sleep=sleep,
        policy=POLICY,
    )
    assert (outcome.status, outcome.channel) == ("sent", "telegram")
    assert len(servers.telegram.received) == 1
    assert servers.slack.received == []
    assert sleep.delays == []
    assert outbox.outcomes[("m-1", "u-ada")].status == "sent"


async def test_server_errors_are_retried_three_times_with_backoff_then_fall_back(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    servers.slack.default = FAIL
    sleep = RecordedSleep()
    outcome = await deliver(
        match_id="m-1",
        recipient=servers.recipient(primary=Channel.SLACK, order=(Channel.SIGNAL, Channel.SLACK)),
        message=MESSAGE,
        channels=servers.channels,
        store=outbox,
        sleep=sleep,
        policy=POLICY,
    )
    assert len(servers.slack.received) == 4
    assert sleep.delays == [1.0, 2.0, 4.0]
    assert (outcome.status, outcome.channel) == ("sent", "signal")
    assert [(a.channel, a.number, a.outcome, a.code) for a in outbox.attempts] == [
        ("slack", 1, "transient_failure", "SERVER_ERROR"),
        ("slack", 2, "transient_failure", "SERVER_ERROR"),
        ("slack", 3, "transient_failure", "SERVER_ERROR"),
        ("slack", 4, "transient_failure", "SERVER_ERROR"),
        ("signal", 1, "sent", None),
    ]
    assert all(attempt.at.tzinfo is not None for attempt in outbox.attempts)


async def test_a_retry_after_is_waited_exactly_and_the_retry_succeeds(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    servers.slack.then(Reply(status=429, body="rate_limited", headers={"Retry-After": "3"}))
    sleep = RecordedSleep()
    outcome = await deliver(
        match_id="m-1",
        recipient=servers.recipient(primary=Channel.SLACK, order=(Channel.SLACK, Channel.SIGNAL)),
        message=MESSAGE,
        channels=servers.channels,
        store=outbox,
        sleep=sleep,
        policy=POLICY,
    )
    assert sleep.delays == [3.0]
    assert (outcome.status, outcome.channel) == ("sent", "slack")
    assert len(servers.slack.received) == 2
    assert servers.signal.received == []


async def test_a_retry_after_beyond_the_limit_moves_to_the_next_channel(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    servers.telegram.then(
        Reply(
            status=429, body={"ok": False, "error_code": 429, "parameters": {"retry_after": 3600}}
        )
    )
    sleep = RecordedSleep()
    outcome = await deliver(
        match_id="m-1",
        recipient=servers.recipient(
            primary=Channel.TELEGRAM, order=(Channel.TELEGRAM, Channel.SIGNAL)
        ),
        message=MESSAGE,
        channels=servers.channels,
        store=outbox,
        sleep=sleep,
        policy=POLICY,
    )
    assert sleep.delays == []
    assert len(servers.telegram.received) == 1
    assert (outcome.status, outcome.channel) == ("sent", "signal")


async def test_a_permanent_failure_goes_straight_to_the_next_channel_in_order(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    servers.telegram.default = Reply(
        status=403,
        body={
            "ok": False,
            "error_code": 403,
            "description": "Forbidden: bot was blocked by the user",
        },
    )
    servers.slack.default = Reply(status=404, body="no_service")
    sleep = RecordedSleep()
    outcome = await deliver(
        match_id="m-1",
        recipient=servers.recipient(
            primary=Channel.TELEGRAM, order=(Channel.SLACK, Channel.EMAIL, Channel.TELEGRAM)
        ),
        message=MESSAGE,
        channels=servers.channels,
        store=outbox,
        sleep=sleep,
        policy=POLICY,
    )
    assert sleep.delays == []
    assert [(a.channel, a.outcome, a.code) for a in outcome.attempts] == [
        ("telegram", "permanent_failure", "BOT_BLOCKED"),
        ("slack", "permanent_failure", "WEBHOOK_INVALID"),
        ("email", "sent", None),
    ]
    assert len(servers.smtp.handler.accepted) == 1


async def test_a_hanging_service_times_out_and_is_retried(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    servers.signal.then(Reply(hang=True))
    sleep = RecordedSleep()
    policy = RetryPolicy(max_retries=3, base_delay=0.5, jitter=0.0, attempt_timeout=0.3)
    outcome = await deliver(
        match_id="m-1",
        recipient=servers.recipient(primary=Channel.SIGNAL, order=(Channel.SIGNAL,)),
        message=MESSAGE,
        channels=servers.channels,
        store=outbox,
        sleep=sleep,
        policy=policy,
    )
    assert [a.code for a in outcome.attempts] == ["TIMEOUT", None]
    assert sleep.delays == [0.5]
    assert (outcome.status, outcome.channel) == ("sent", "signal")


async def test_a_mail_server_slow_to_say_goodbye_gets_the_message_once_and_at_once(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    """The send is recorded as soon as the server accepts the message, not after QUIT.

    Waiting for QUIT kept the send unrecorded (the window in which a killed worker sends
    again) for as long as the server took, and past the attempt's time limit the accepted
    message counted as failed and went out again.
    """
    servers.smtp.handler.quit_hangs = True
    started = time.monotonic()

    outcome = await deliver(
        match_id="m-1",
        recipient=servers.recipient(primary=Channel.EMAIL, order=(Channel.EMAIL,)),
        message=MESSAGE,
        channels=servers.channels,
        store=outbox,
        sleep=RecordedSleep(),
        policy=POLICY,
    )

    assert (outcome.status, outcome.channel) == ("sent", "email")
    assert len(servers.smtp.handler.accepted) == 1
    assert time.monotonic() - started < POLICY.attempt_timeout / 2
    assert outbox.outcomes[("m-1", "u-ada")].status == "sent"


async def test_refused_connections_and_smtp_4xx_are_retried_then_everything_failed(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    servers.smtp.handler.script.extend([SmtpReply(line="451 busy")] * 10)
    channels = dict(servers.channels)
    sleep = RecordedSleep()
    async with httpx.AsyncClient() as client:
        channels[Channel.SIGNAL] = SignalChannel(
            client=client,
            base_url=f"http://127.0.0.1:{closed_port()}",
            sender_number="+15550001111",
        )
        outcome = await deliver(
            match_id="m-1",
            recipient=servers.recipient(
                primary=Channel.EMAIL, order=(Channel.EMAIL, Channel.SIGNAL)
            ),
            message=MESSAGE,
            channels=channels,
            store=outbox,
            sleep=sleep,
            policy=POLICY,
        )
    assert outcome.status == "undeliverable"
    assert outcome.channel is None
    assert servers.smtp.handler.attempts == 4
    assert [a.code for a in outcome.attempts] == ["SERVER_ERROR"] * 4 + ["CONNECTION_FAILED"] * 4
    assert sleep.delays == [1.0, 2.0, 4.0, 1.0, 2.0, 4.0]
    assert outbox.outcomes[("m-1", "u-ada")].status == "undeliverable"


async def test_channels_the_deployment_does_not_offer_are_skipped(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    channels: dict[Channel, Sender] = {Channel.SLACK: servers.channels[Channel.SLACK]}
    outcome = await deliver(
        match_id="m-1",
        recipient=servers.recipient(
            primary=Channel.SIGNAL, order=(Channel.SIGNAL, Channel.TELEGRAM, Channel.SLACK)
        ),
        message=MESSAGE,
        channels=channels,
        store=outbox,
        sleep=RecordedSleep(),
        policy=POLICY,
    )
    assert (outcome.status, outcome.channel) == ("sent", "slack")
    assert servers.signal.received == []
    assert servers.telegram.received == []


async def test_a_job_that_runs_twice_sends_once_and_reports_the_send(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    recipient = servers.recipient(primary=Channel.SLACK, order=(Channel.SLACK, Channel.TELEGRAM))
    first = await deliver(
        match_id="m-1",
        recipient=recipient,
        message=MESSAGE,
        channels=servers.channels,
        store=outbox,
        sleep=RecordedSleep(),
        policy=POLICY,
    )
    second = await deliver(
        match_id="m-1",
        recipient=recipient,
        message=MESSAGE,
        channels=servers.channels,
        store=outbox,
        sleep=RecordedSleep(),
        policy=POLICY,
    )
    assert first.status == "sent"
    # The rerun finds the send recorded: it sends nothing and reports the person as told.
    assert (second.status, second.channel, second.attempts) == ("sent", "slack", ())
    assert len(servers.slack.received) == 1
    assert servers.telegram.received == []
    assert outbox.outcomes[("m-1", "u-ada")].status == "sent"


async def test_two_copies_of_a_job_running_at_once_send_once(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    servers.signal.default = Reply(status=201, body={"timestamp": "1"}, delay=0.2)
    recipient = servers.recipient(primary=Channel.SIGNAL, order=(Channel.SIGNAL, Channel.TELEGRAM))
    outcomes = await asyncio.gather(
        *(
            deliver(
                match_id="m-1",
                recipient=recipient,
                message=MESSAGE,
                channels=servers.channels,
                store=outbox,
                sleep=RecordedSleep(),
                policy=POLICY,
            )
            for _ in range(5)
        )
    )
    assert sorted(outcome.status for outcome in outcomes) == ["already_handled"] * 4 + ["sent"]
    assert len(servers.signal.received) == 1
    assert servers.telegram.received == []


async def test_a_rerun_after_a_failed_run_tries_again_and_then_stops(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    servers.slack.default = FAIL
    recipient = servers.recipient(primary=Channel.SLACK, order=(Channel.SLACK,))
    failed = await deliver(
        match_id="m-1",
        recipient=recipient,
        message=MESSAGE,
        channels=servers.channels,
        store=outbox,
        sleep=RecordedSleep(),
        policy=POLICY,
    )
    assert failed.status == "undeliverable"
    servers.slack.default = Reply(status=200, body="ok")
    sent = await deliver(
        match_id="m-1",
        recipient=recipient,
        message=MESSAGE,
        channels=servers.channels,
        store=outbox,
        sleep=RecordedSleep(),
        policy=POLICY,
    )
    assert sent.status == "sent"
    assert len(servers.slack.received) == 5


def test_backoff_is_capped_and_jitter_only_shortens() -> None:
    policy = RetryPolicy(base_delay=1.0, factor=2.0, max_delay=5.0, jitter=0.5)
    assert [policy.delay(retry=n, retry_after=None, draw=0.0) for n in range(4)] == [
        1.0,
        2.0,
        4.0,
        5.0,
    ]
    assert policy.delay(retry=1, retry_after=None, draw=1.0) == 1.0
    assert policy.delay(retry=0, retry_after=30.0, draw=1.0) == 30.0
    assert policy.delay(retry=0, retry_after=121.0, draw=0.0) is None


@pytest.mark.parametrize("settings", [{"max_retries": -1}, {"jitter": 1.0}, {"attempt_timeout": 0}])
def test_nonsense_retry_settings_are_refused(settings: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=r"retry settings|jitter"):
        RetryPolicy(**settings)  # type: ignore[arg-type]


async def test_channels_down_for_now_are_retried_on_a_schedule_over_a_day_then_given_up(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    servers.slack.default = FAIL
    servers.smtp.handler.script.extend([SmtpReply(line="451 try later")] * 100)
    recipient = servers.recipient(primary=Channel.EMAIL, order=(Channel.EMAIL, Channel.SLACK))
    first_try = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)
    seen: list[str] = []
    for elapsed in (timedelta(0), timedelta(minutes=1), timedelta(hours=23), timedelta(hours=24)):
        outcome = await deliver(
            match_id="m-1",
            recipient=recipient,
            message=MESSAGE,
            channels=servers.channels,
            store=outbox,
            sleep=RecordedSleep(),
            policy=RetryPolicy(max_retries=1, jitter=0.0, attempt_timeout=2.0),
            clock=lambda elapsed=elapsed: first_try + elapsed,  # type: ignore[misc]
            schedule=DEFAULT_SCHEDULE,
            first_try=first_try,
        )
        seen.append(
            outcome.status
            if outcome.retry_at is None
            else f"{outcome.status} until +{outcome.retry_at - first_try}"
        )
    assert seen == [
        "deferred until +0:01:00",
        "deferred until +0:02:00",
        "deferred until +1 day, 0:00:00",
        "undeliverable",
    ]
    # Each run tried both channels twice; only the last one gave the person up.
    assert (servers.smtp.handler.attempts, len(servers.slack.received)) == (8, 8)
    assert outbox.outcomes[("m-1", "u-ada")].status == "undeliverable"


async def test_a_permanent_refusal_everywhere_is_not_retried_later(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    servers.smtp.handler.script.extend([SmtpReply(line="550 no such mailbox")] * 10)
    recipient = servers.recipient(primary=Channel.EMAIL, order=(Channel.EMAIL,))
    outcome = await deliver(
        match_id="m-1",
        recipient=recipient,
        message=MESSAGE,
        channels=servers.channels,
        store=outbox,
        sleep=RecordedSleep(),
        policy=POLICY,
        schedule=DEFAULT_SCHEDULE,
    )
    assert (outcome.status, outcome.retry_at) == ("undeliverable", None)


async def test_a_refusal_after_a_passing_failure_is_not_retried_later(
    servers: Servers, outbox: MemoryOutbox
) -> None:
    # The server was busy, then said the mailbox does not exist: its last word stands.
    servers.smtp.handler.script.extend(
        [SmtpReply(line="451 try later")] + [SmtpReply(line="550 no such mailbox")] * 10
    )
    recipient = servers.recipient(primary=Channel.EMAIL, order=(Channel.EMAIL,))
    outcome = await deliver(
        match_id="m-1",
        recipient=recipient,
        message=MESSAGE,
        channels=servers.channels,
        store=outbox,
        sleep=RecordedSleep(),
        policy=POLICY,
        schedule=DEFAULT_SCHEDULE,
    )
    assert (outcome.status, outcome.retry_at) == ("undeliverable", None)
    assert len(outcome.attempts) == 2


def test_the_schedule_follows_short_outages_closely_and_long_ones_sparsely() -> None:
    first = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)

    def wait(elapsed: timedelta) -> timedelta | None:
        found = DEFAULT_SCHEDULE.next_try(first_try=first, now=first + elapsed)
        return None if found is None else found - (first + elapsed)

    assert wait(timedelta(seconds=59)) == timedelta(seconds=1)
    assert wait(timedelta(minutes=9, seconds=30)) == timedelta(seconds=30)
    assert wait(timedelta(minutes=10)) == timedelta(minutes=5)
    assert wait(timedelta(hours=1)) == timedelta(minutes=30)
    assert wait(timedelta(hours=6)) == timedelta(hours=2)
    assert wait(timedelta(hours=24)) is None
    assert len(DEFAULT_SCHEDULE.after) == 39


def test_a_schedule_out_of_order_is_refused() -> None:
    with pytest.raises(ValueError, match="in order"):
        RetrySchedule(after=(timedelta(hours=1), timedelta(minutes=1)))
