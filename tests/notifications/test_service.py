"""The per-(match, person) job body and the settings page's test send, end to end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

from notifications.channels.base import Sender
from notifications.channels.telegram import TelegramChannel
from notifications.content import MatchNotice, Partner, render_match_message, sample_notice
from notifications.delivery import RetryPolicy
from notifications.recipients import Recipient, Route
from notifications.registry import Channel
from notifications.service import MatchDelivery, notification_job_id, notify_member
from notifications.templates import TemplateSet
from notifications.trial_send import marked_as_test, send_test
from tests.notifications.outbox import MemoryOutbox
from tests.notifications.servers import Reply, ScriptedHttpService

POLICY = RetryPolicy(jitter=0.0, base_delay=0.0)


@dataclass
class Matches:
    """Match facts held in memory, as the data layer's MatchSource would return them."""

    deliveries: dict[tuple[str, str], MatchDelivery]
    templates: TemplateSet | None = None

    async def load_match_delivery(self, *, match_id: str, user_id: str) -> MatchDelivery | None:
        return self.deliveries.get((match_id, user_id))

    async def match_templates(self) -> TemplateSet | None:
        return self.templates


def ada(*, chat_id: str = "42") -> Recipient:
    return Recipient(
        user_id="u-ada",
        name="Ada",
        time_zone="Europe/Paris",
        primary=Channel.TELEGRAM,
        routes=(Route(channel=Channel.TELEGRAM, address=chat_id),),
    )


def notice() -> MatchNotice:
    return MatchNotice(
        match_id="m-9",
        deployment_name="Acme",
        reader_name="Ada",
        reader_topics=("chess",),
        reader_time_zone="Europe/Paris",
        partners=(Partner(name="Grace", topics=("chess",)),),
        suggested_start=datetime(2030, 6, 3, 8, 0, tzinfo=UTC),
        duration=timedelta(minutes=20),
        conversation_starter="Best opening?",
        match_url="https://coffee.example.com/matches/m-9",
    )


async def test_notify_member_renders_the_deployment_template_and_sends_once(
    telegram_server: ScriptedHttpService, http_client: httpx.AsyncClient, outbox: MemoryOutbox
) -> None:
    channels: dict[Channel, Sender] = {
        Channel.TELEGRAM: TelegramChannel(
            client=http_client, bot_token="1:T", base_url=telegram_server.url
        )
    }
    matches = Matches(
        deliveries={("m-9", "u-ada"): MatchDelivery(recipient=ada(), notice=notice())},
        templates=TemplateSet(
            subject="s", text="{{ partner_names }} @ {{ suggested_time }}", html="h"
        ),
    )
    for _ in range(2):
        await notify_member(
            match_id="m-9",
            user_id="u-ada",
            source=matches,
            store=outbox,
            channels=channels,
            policy=POLICY,
        )
    [request] = telegram_server.received
    assert request.body["text"] == "Grace @ Monday 3 June 2030, 10:00 CEST (Europe/Paris)"
    assert outbox.outcomes[("m-9", "u-ada")].status == "sent"
    assert (
        await notify_member(
            match_id="gone",
            user_id="u-ada",
            source=matches,
            store=outbox,
            channels=channels,
            policy=POLICY,
        )
        is None
    )
    assert notification_job_id(match_id="m-9", user_id="u-ada") == "notify:m-9:u-ada"


async def test_a_test_send_uses_the_real_channel_and_reports_attempts(
    telegram_server: ScriptedHttpService, http_client: httpx.AsyncClient
) -> None:
    telegram_server.then(Reply(status=502, body={"ok": False}))
    channels: dict[Channel, Sender] = {
        Channel.TELEGRAM: TelegramChannel(
            client=http_client, bot_token="1:T", base_url=telegram_server.url
        )
    }
    delays: list[float] = []

    async def sleep(seconds: float) -> None:
        delays.append(seconds)

    outcome = await send_test(
        recipient=ada(), channels=channels, templates=None, only=Channel.TELEGRAM, sleep=sleep
    )
    assert (outcome.status, outcome.channel) == ("sent", "telegram")
    assert [attempt.outcome for attempt in outcome.attempts] == ["transient_failure", "sent"]
    [delay] = delays
    assert 0.45 <= delay <= 0.5  # the test-send policy: 0.5 s, shortened by up to 10 % jitter
    text = telegram_server.received[-1].body["text"]
    assert "Hi Ada" in text
    assert text.startswith("This is a test message from Virtual Coffee."), text
    assert "You have not been matched" in text


async def test_a_test_message_says_so_in_its_subject_and_carries_no_invite() -> None:
    real = await render_match_message(
        notice=sample_notice(reader_name="Ada"), templates=None, stamp=datetime.now(UTC)
    )
    marked = marked_as_test(real)
    assert marked.subject == "[Test] " + real.subject
    assert "This is a test message from Virtual Coffee." in marked.html
    assert real.attachments
    assert marked.attachments == ()
