"""The notification outbox: one sender per (match, person, channel), attempts and outcomes."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from core.enums import Channel
from core.errors import BadUserInput
from repositories.bundle import Repositories
from repositories.models import ClaimState, MemberDelivery
from repositories.table import TTL_ATTRIBUTE
from tests.repositories.conftest import Clock, completed_round

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


@dataclass(frozen=True)
class Attempt:
    match_id: str
    user_id: str
    channel: str
    number: int
    outcome: str
    at: datetime
    code: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class Outcome:
    match_id: str
    user_id: str
    status: str
    channel: str | None
    attempts: tuple[Attempt, ...]
    at: datetime


async def test_concurrent_claims_let_exactly_one_sender_through(repos: Repositories) -> None:
    (match_id,) = await completed_round(repos, "2026-11-30", [["ada", "bob"]])

    claims = await asyncio.gather(
        *(
            repos.outbox.claim(
                match_id=match_id, user_id="ada", channel=Channel.EMAIL, owner=f"run-{n}"
            )
            for n in range(8)
        )
    )

    assert claims.count(True) == 1
    assert await repos.outbox.claim(
        match_id=match_id, user_id="ada", channel=Channel.SLACK, owner="x"
    )
    assert await repos.outbox.claim(
        match_id=match_id, user_id="bob", channel=Channel.EMAIL, owner="x"
    )


async def test_a_released_or_abandoned_claim_can_be_taken_and_a_sent_one_never(
    repos: Repositories, clock: Clock
) -> None:
    (match_id,) = await completed_round(repos, "2026-11-30", [["ada", "bob"]])
    key = {"match_id": match_id, "user_id": "ada", "channel": "email"}

    assert await repos.outbox.claim(**key, owner="first")
    await repos.outbox.release(**key, owner="first")
    assert await repos.outbox.claim(**key, owner="second")
    assert not await repos.outbox.claim(**key, owner="third")
    clock.advance(timedelta(seconds=29))  # the holder lives and renews its lease
    assert await repos.outbox.renew(**key, owner="second")
    clock.advance(timedelta(seconds=29))
    assert not await repos.outbox.claim(**key, owner="third")
    clock.advance(timedelta(seconds=31))  # the holder died: its short lease ran out
    assert await repos.outbox.claim(**key, owner="fourth")
    assert not await repos.outbox.renew(**key, owner="second")
    await repos.outbox.mark_sent(**key, at=clock.now)
    await repos.outbox.release(**key, owner="fourth")
    clock.advance(timedelta(hours=1))

    assert not await repos.outbox.claim(**key, owner="fifth")
    assert await repos.outbox.sent_channel(match_id=match_id, user_id="ada") == "email"
    claim = await repos.outbox.get_claim(**key)
    assert claim is not None
    assert claim.state is ClaimState.SENT
    assert claim.claims == 3
    assert claim.owner == "fourth"


async def test_attempts_are_logged_with_an_expiry(
    repos: Repositories, clock: Clock, dynamodb: DynamoDBClient, table: str
) -> None:
    (match_id,) = await completed_round(repos, "2026-11-30", [["ada", "bob"]])
    for number, outcome in enumerate(["transient_failure", "sent"], start=1):
        await repos.outbox.record_attempt(
            attempt=Attempt(match_id, "ada", "slack", number, outcome, clock.now, code="E1")
        )

    attempts = await repos.outbox.attempts_for(match_id=match_id, user_id="ada")

    assert [a.outcome.value for a in attempts] == ["transient_failure", "sent"]
    raw = await dynamodb.scan(
        TableName=table,
        FilterExpression="#t = :t",
        ExpressionAttributeNames={"#t": "type"},
        ExpressionAttributeValues={":t": {"S": "attempt"}},
    )
    expiries = {int(item[TTL_ATTRIBUTE]["N"]) for item in raw["Items"]}
    assert expiries == {int((clock.now + timedelta(days=180)).timestamp())}


async def test_outcomes_mark_the_match_and_never_undo_a_send(
    repos: Repositories, clock: Clock
) -> None:
    (match_id,) = await completed_round(repos, "2026-11-30", [["ada", "bob"]])

    await repos.outbox.record_outcome(
        outcome=Outcome(match_id, "ada", "sent", "email", (), clock.now)
    )
    clock.advance(timedelta(minutes=5))
    await repos.outbox.record_outcome(
        outcome=Outcome(match_id, "ada", "already_handled", None, (), clock.now)
    )
    await repos.outbox.record_outcome(
        outcome=Outcome(match_id, "bob", "undeliverable", None, (), clock.now)
    )

    kept = await repos.outbox.delivery(match_id=match_id, user_id="ada")
    assert kept is not None
    assert kept.status.value == "sent"
    match = await repos.matches.get(match_id=match_id)
    assert match is not None
    assert match.deliveries == {"ada": MemberDelivery.SENT, "bob": MemberDelivery.UNDELIVERABLE}
    undeliverable = await repos.outbox.undeliverable()
    assert [(r.match_id, r.user_id) for r in undeliverable.items] == [(match_id, "bob")]


async def test_an_unknown_channel_is_refused(repos: Repositories) -> None:
    (match_id,) = await completed_round(repos, "2026-11-30", [["ada", "bob"]])
    with pytest.raises(BadUserInput) as refused:
        await repos.outbox.claim(
            match_id=match_id,
            user_id="ada",
            channel="pigeon",
            owner="x",
        )
    assert refused.value.fields == ("channel",)


async def test_delivery_drives_the_outbox_through_its_port(
    repos: Repositories, clock: Clock
) -> None:
    from notifications import ports

    (match_id,) = await completed_round(repos, "2026-11-30", [["ada", "bob"]])
    store: ports.DeliveryStore = repos.outbox
    attempt = ports.Attempt(match_id, "bob", Channel.TELEGRAM, 1, "sent", clock.now)

    assert await store.claim(match_id=match_id, user_id="bob", channel=Channel.TELEGRAM, owner="x")
    await store.record_attempt(attempt=attempt)
    await store.mark_sent(match_id=match_id, user_id="bob", channel=Channel.TELEGRAM, at=clock.now)
    await store.record_outcome(
        outcome=ports.DeliveryOutcome(
            match_id, "bob", "sent", Channel.TELEGRAM, (attempt,), clock.now
        )
    )

    assert not await store.claim(
        match_id=match_id, user_id="bob", channel=Channel.TELEGRAM, owner="y"
    )
    match = await repos.matches.get(match_id=match_id)
    assert match is not None
    assert match.deliveries["bob"] is MemberDelivery.SENT
