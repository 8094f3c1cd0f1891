"""The Slack app introduces each match once, in one conversation holding all its members."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from redis.asyncio import Redis

from notifications.channels.base import Sender
from notifications.channels.email_smtp import SmtpEmailChannel
from notifications.channels.slack_app import SlackApi, SlackAppChannel
from notifications.channels.telegram import TelegramChannel
from notifications.content import MatchNotice, Partner
from notifications.delivery import RetryPolicy
from notifications.intro_ledger import RedisIntroLedger
from notifications.recipients import Recipient, Route
from notifications.registry import Channel
from notifications.service import MatchDelivery, notify_member
from notifications.templates import TemplateSet
from tests.notifications.outbox import MemoryOutbox
from tests.notifications.servers import (
    LocalSlack,
    Reply,
    ScriptedHttpService,
    ScriptedSmtpServer,
)

START = datetime(2030, 1, 15, 10, 0, tzinfo=UTC)
POLICY = RetryPolicy(max_retries=4, base_delay=0.01, max_delay=0.05, max_retry_after=5.0)
PRIMARIES = (Channel.SLACK, Channel.EMAIL, Channel.TELEGRAM)


def person(index: int) -> Partner:
    return Partner(
        name=f"Person {index}",
        topics=("jazz",) if index % 2 else ("chess",),
        time_zone=("Europe/Berlin", "Asia/Tokyo", "UTC")[index % 3],
        email=f"person{index}@example.com",
        user_id=f"u{index:02d}",
        title="Engineer" if index % 2 else None,
    )


class Round:
    """15 pairs: the first of each on Slack, the second on Slack, email or Telegram."""

    def __init__(self) -> None:
        self.deliveries: dict[tuple[str, str], MatchDelivery] = {}
        for pair in range(15):
            match_id = f"2030-01-15_{pair:04d}"
            members = (person(2 * pair), person(2 * pair + 1))
            for reader, partner, primary in (
                (members[0], members[1], Channel.SLACK),
                (members[1], members[0], PRIMARIES[pair % 3]),
            ):
                assert reader.user_id is not None
                assert reader.email is not None
                routes = [Route(channel=Channel.EMAIL, address=reader.email)]
                if primary is Channel.SLACK:
                    routes.insert(0, Route(channel=Channel.SLACK, address=reader.email))
                if primary is Channel.TELEGRAM:
                    routes.insert(0, Route(channel=Channel.TELEGRAM, address="1000"))
                notice = MatchNotice(
                    match_id=match_id,
                    deployment_name="Acme Coffee",
                    reader_name=reader.name,
                    reader_topics=reader.topics,
                    reader_time_zone=reader.time_zone,
                    partners=(partner,),
                    suggested_start=START,
                    duration=timedelta(minutes=30),
                    conversation_starter="What are you reading?",
                    match_url="https://coffee.example.com/match",
                    reader_email=reader.email,
                    reader_id=reader.user_id,
                    reader_profile=reader,
                )
                recipient = Recipient(
                    user_id=reader.user_id,
                    name=reader.name,
                    time_zone=reader.time_zone,
                    primary=primary,
                    routes=tuple(routes),
                )
                self.deliveries[(match_id, reader.user_id)] = MatchDelivery(
                    recipient=recipient, notice=notice
                )

    async def load_match_delivery(self, *, match_id: str, user_id: str) -> MatchDelivery | None:
        return self.deliveries.get((match_id, user_id))

    async def match_templates(self) -> TemplateSet | None:
        return None


@pytest.fixture
async def slack() -> AsyncIterator[LocalSlack]:
    server = LocalSlack()
    await server.start()
    yield server
    await server.stop()


async def test_a_round_of_30_gets_one_conversation_per_match_with_all_its_members(
    slack: LocalSlack,
    redis: Redis,
    smtp_server: ScriptedSmtpServer,
    telegram_server: ScriptedHttpService,
) -> None:
    for index in range(30):
        slack.member(f"person{index}@example.com")
    # Slack slows the app down and fails once; the retry policy waits and tries again.
    slack.fail(
        "chat.postMessage", Reply(status=429, body={"ok": False}, headers={"Retry-After": "1"})
    )
    slack.fail("conversations.open", Reply(status=503, body={"ok": False}))
    slack.fail("users.lookupByEmail", Reply(status=200, body={"ok": False, "error": "ratelimited"}))
    matches = Round()
    outbox = MemoryOutbox()
    waited: list[float] = []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)
        await asyncio.sleep(0.01)

    ledger = RedisIntroLedger(redis=redis, deployment_id=f"test-{datetime.now(UTC).timestamp()}")
    async with httpx.AsyncClient(timeout=5) as client:
        channels: dict[Channel, Sender] = {
            Channel.SLACK: SlackAppChannel(
                api=SlackApi(client=client, token=slack.token, base_url=slack.url), ledger=ledger
            ),
            Channel.EMAIL: SmtpEmailChannel(
                host="127.0.0.1", port=smtp_server.port, sender="coffee@example.com"
            ),
            Channel.TELEGRAM: TelegramChannel(
                client=client, bot_token="1:t", base_url=telegram_server.url
            ),
        }
        outcomes = await asyncio.gather(
            *(
                notify_member(
                    match_id=match_id,
                    user_id=user_id,
                    source=matches,
                    store=outbox,
                    channels=channels,
                    sleep=sleep,
                    policy=POLICY,
                )
                for match_id, user_id in matches.deliveries
            )
        )
    assert all(outcome is not None and outcome.status == "sent" for outcome in outcomes)
    sent_on = Counter(outcome.channel for outcome in outcomes if outcome is not None)
    assert sent_on == {Channel.SLACK: 20, Channel.EMAIL: 5, Channel.TELEGRAM: 5}

    # One post per match, each into the conversation of exactly that match's two members.
    assert len(slack.posts) == 15
    posted_to = [slack.conversations[post["channel"]] for post in slack.posts]
    expected = {
        tuple(
            sorted(
                (
                    slack.members[f"person{2 * p}@example.com"],
                    slack.members[f"person{2 * p + 1}@example.com"],
                )
            )
        )
        for p in range(15)
    }
    assert set(posted_to) == expected
    assert len(posted_to) == len(set(posted_to))
    # The 429's Retry-After was waited exactly.
    assert 1.0 in waited

    post = slack.posts[0]
    [actions] = [block for block in post["blocks"] if block["type"] == "actions"]
    assert [button["text"]["text"] for button in actions["elements"]] == [
        "We met",
        "Not yet",
        "Skip next round",
    ]
    intro = "\n".join(
        block["text"]["text"] for block in post["blocks"] if block["type"] == "section"
    )
    for member in posted_to[0]:
        assert f"<@{member}>" in intro
    assert "30 minutes" in intro
    assert "<!date^" in intro


async def test_someone_slack_does_not_know_falls_back_to_email(
    slack: LocalSlack, redis: Redis, smtp_server: ScriptedSmtpServer
) -> None:
    slack.member("person1@example.com")  # person0 is not in the workspace
    matches = Round()
    outbox = MemoryOutbox()
    ledger = RedisIntroLedger(redis=redis, deployment_id=f"test-{datetime.now(UTC).timestamp()}")
    async with httpx.AsyncClient(timeout=5) as client:
        channels: dict[Channel, Sender] = {
            Channel.SLACK: SlackAppChannel(
                api=SlackApi(client=client, token=slack.token, base_url=slack.url), ledger=ledger
            ),
            Channel.EMAIL: SmtpEmailChannel(
                host="127.0.0.1", port=smtp_server.port, sender="coffee@example.com"
            ),
        }
        outcome = await notify_member(
            match_id="2030-01-15_0000",
            user_id="u00",
            source=matches,
            store=outbox,
            channels=channels,
            policy=POLICY,
        )
    assert outcome is not None
    assert outcome.channel is Channel.EMAIL
    assert outcome.attempts[0].code == "NOT_ON_SLACK"
    assert slack.posts == []


async def test_a_conversation_slack_cannot_find_falls_back_and_can_be_posted_later(
    slack: LocalSlack, redis: Redis, smtp_server: ScriptedSmtpServer
) -> None:
    for index in (0, 1):
        slack.member(f"person{index}@example.com")
    slack.fail(
        "chat.postMessage", Reply(status=200, body={"ok": False, "error": "channel_not_found"})
    )
    matches = Round()
    ledger = RedisIntroLedger(redis=redis, deployment_id=f"test-{datetime.now(UTC).timestamp()}")
    async with httpx.AsyncClient(timeout=5) as client:
        channels: dict[Channel, Sender] = {
            Channel.SLACK: SlackAppChannel(
                api=SlackApi(client=client, token=slack.token, base_url=slack.url), ledger=ledger
            ),
            Channel.EMAIL: SmtpEmailChannel(
                host="127.0.0.1", port=smtp_server.port, sender="coffee@example.com"
            ),
        }
        first = await notify_member(
            match_id="2030-01-15_0000",
            user_id="u00",
            source=matches,
            store=MemoryOutbox(),
            channels=channels,
            policy=POLICY,
        )
        assert first is not None
        assert first.channel is Channel.EMAIL
        assert first.attempts[0].code == "CHANNEL_NOT_FOUND"
        assert slack.posts == []
        # The failed post left no claim behind: the partner's job introduces the match.
        second = await notify_member(
            match_id="2030-01-15_0000",
            user_id="u01",
            source=matches,
            store=MemoryOutbox(),
            channels={Channel.SLACK: channels[Channel.SLACK]},
            policy=POLICY,
        )
    assert second is not None
    assert second.channel is Channel.SLACK
    assert len(slack.posts) == 1
