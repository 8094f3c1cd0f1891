"""Claims stored by the previous release (no owner, no lease_until) load and expire correctly.

The previous release wrote send claims as {state, claimed_at} and let them be taken over
10 minutes after `claimed_at`; rounds carried a 15-minute `lease_until`. No key changed.
"""

from __future__ import annotations

from datetime import timedelta

from repositories.bundle import Repositories
from repositories.models import ClaimState
from repositories.models.common import utc_iso
from repositories.reminder_ledger import ReminderLedger
from tests.repositories.conftest import Clock, completed_round


async def put_old_claim(repos: Repositories, key: tuple[str, str], **fields: object) -> None:
    pk, sk = key
    await repos.gateway.put({"PK": pk, "SK": sk, **fields})


async def test_an_old_send_claim_loads_and_is_taken_over_once_its_holder_is_gone(
    repos: Repositories, clock: Clock
) -> None:
    (match_id,) = await completed_round(repos, "2026-11-30", [["ada", "bob"]])
    keys = repos.gateway.keys
    # Exactly as the previous release's NotificationOutbox.claim wrote it.
    await put_old_claim(
        repos,
        keys.notification_claim(match_id, "ada", "email"),
        state="claimed",
        claimed_at=utc_iso(clock.now),
        match_id=match_id,
        user_id="ada",
        channel="email",
        type="claim",
        claims=1,
    )
    await put_old_claim(
        repos,
        keys.notification_claim(match_id, "bob", "slack"),
        state="sent",
        claimed_at=utc_iso(clock.now),
        sent_at=utc_iso(clock.now),
        match_id=match_id,
        user_id="bob",
        channel="slack",
        type="claim",
        claims=2,
    )
    old = await repos.outbox.get_claim(match_id=match_id, user_id="ada", channel="email")
    assert old is not None
    assert (old.state, old.owner, old.lease_until) == (ClaimState.CLAIMED, None, None)

    key = {"match_id": match_id, "user_id": "ada", "channel": "email"}
    assert not await repos.outbox.claim(**key, owner="new-release")  # its holder may be alive
    clock.advance(timedelta(seconds=31))
    assert await repos.outbox.claim(**key, owner="new-release")
    taken = await repos.outbox.get_claim(**key)
    assert taken is not None
    assert (taken.owner, taken.claims) == ("new-release", 2)
    assert taken.lease_until == clock.now + timedelta(seconds=30)

    assert await repos.outbox.sent_channel(match_id=match_id, user_id="bob") == "slack"
    assert not await repos.outbox.claim(
        match_id=match_id, user_id="bob", channel="slack", owner="new-release"
    )


async def test_an_old_reminder_claim_expires_and_a_sent_one_stays_sent(
    repos: Repositories, clock: Clock
) -> None:
    (match_id,) = await completed_round(repos, "2026-11-30", [["ada", "bob"]])
    keys = repos.gateway.keys
    ledger = ReminderLedger(gateway=repos.gateway)
    await put_old_claim(
        repos,
        keys.reminder_claim(match_id, "ada", "email"),
        state="claimed",
        claimed_at=utc_iso(clock.now),
    )
    await put_old_claim(
        repos,
        keys.reminder_claim(match_id, "bob", "email"),
        state="sent",
        claimed_at=utc_iso(clock.now),
        sent_at=utc_iso(clock.now),
    )
    clock.advance(timedelta(seconds=31))

    ada = {"match_id": match_id, "user_id": "ada", "channel": "email"}
    assert await ledger.reminders.claim(**ada, owner="new-release")
    assert await ledger.reminders.sent_channel(match_id=match_id, user_id="bob") == "email"
    assert not await ledger.reminders.claim(
        match_id=match_id, user_id="bob", channel="email", owner="new-release"
    )


async def test_an_old_round_keeps_its_lease_then_is_taken_over(
    repos: Repositories, clock: Clock
) -> None:
    slot = "2026-12-07"
    keys = repos.gateway.keys
    pk, sk = keys.round(slot)
    # A round the previous release claimed with its 15-minute lease, then died.
    await repos.gateway.put(
        {
            "PK": pk,
            "SK": sk,
            "GSI1PK": keys.rounds_index(),
            "GSI1SK": slot,
            "type": "round",
            "slot": slot,
            "status": "running",
            "owner": "job:old-release",
            "seed": 11,
            "attempts": 1,
            "claimed_at": utc_iso(clock.now),
            "lease_until": utc_iso(clock.now + timedelta(minutes=15)),
        }
    )
    assert await repos.rounds.abandoned() == []
    assert await repos.rounds.claim(slot=slot, owner="job:new", seed=1) is None
    clock.advance(timedelta(minutes=15, seconds=1))
    [found] = await repos.rounds.abandoned()
    assert found.owner == "job:old-release"
    taken = await repos.rounds.claim(slot=slot, owner="job:new", seed=1)
    assert taken is not None
    assert (taken.owner, taken.seed, taken.attempts) == ("job:new", 11, 2)
