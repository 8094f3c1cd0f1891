"""Rounds: one claim per slot, groups written whole and idempotently, history for the matcher."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from core.errors import BadUserInput, Conflict
from repositories.bundle import Repositories
from repositories.models import PlannedGroup, RoundQuality, RoundStatus
from tests.repositories.conftest import LOCAL_TRANSACTION_LIMIT, Clock

SLOT = "2026-11-30T09:00Z"


def pairs(count: int, *, tag: str = "u") -> list[PlannedGroup]:
    start = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
    return [
        PlannedGroup(
            members=[f"{tag}{2 * n}", f"{tag}{2 * n + 1}"],
            suggested_start=start,
            suggested_end=start + timedelta(minutes=30),
        )
        for n in range(count)
    ]


class Crash(Exception):
    """Stands for the process dying between two transactions."""


async def stored_group_members(repos: Repositories, slot: str) -> list[list[str]]:
    return [match.participants for match in await repos.rounds.groups_of(slot=slot)]


async def test_a_slot_is_claimed_once_even_when_two_runs_race(repos: Repositories) -> None:
    results = await asyncio.gather(
        *(repos.rounds.claim(slot=SLOT, owner=f"job-{n}", seed=n) for n in range(5))
    )
    winners = [r for r in results if r is not None]
    assert len(winners) == 1
    stored = await repos.rounds.get(slot=SLOT)
    assert stored is not None
    assert stored.status is RoundStatus.CLAIMED
    assert stored.owner == winners[0].owner
    assert stored.seed == winners[0].seed


async def test_an_expired_claim_is_taken_over_and_keeps_its_seed(
    repos: Repositories, clock: Clock
) -> None:
    first = await repos.rounds.claim(slot=SLOT, owner="job-1", seed=7)
    assert first is not None
    assert await repos.rounds.claim(slot=SLOT, owner="job-2", seed=99) is None
    again = await repos.rounds.claim(slot=SLOT, owner="job-1", seed=99)
    assert again is not None
    assert again.attempts == 2

    clock.advance(timedelta(minutes=16))
    taken = await repos.rounds.claim(slot=SLOT, owner="job-2", seed=99)

    assert taken is not None
    assert taken.owner == "job-2"
    assert taken.seed == 7
    # The run that lost its claim can no longer write.
    with pytest.raises(Conflict):
        await repos.rounds.write_groups(slot=SLOT, owner="job-1", groups=pairs(3), input_size=6)


async def test_a_round_of_groups_is_written_with_everyones_history(repos: Repositories) -> None:
    await repos.rounds.claim(slot=SLOT, owner="job", seed=1)
    groups = [*pairs(200), PlannedGroup(members=["t1", "t2", "t3"])]
    progress: list[tuple[int, int]] = []

    async def report(written: int, total: int) -> None:
        progress.append((written, total))

    count = await repos.rounds.write_groups(
        slot=SLOT, owner="job", groups=groups, input_size=403, on_progress=report
    )
    done = await repos.rounds.complete(
        slot=SLOT, owner="job", quality=RoundQuality(repeats=2, cross_team_share=0.5)
    )

    assert count == 201
    # Each transaction: the round's fence, then whole groups with their history items.
    per_transaction = (LOCAL_TRANSACTION_LIMIT - 1) // 3
    assert per_transaction == 3
    # 66 transactions of three pairs, one of two pairs, one with the trio.
    assert len(progress) == 68
    assert all(b - a <= per_transaction for (a, _), (b, _) in itertools.pairwise(progress))
    assert progress[-1] == (201, 201)
    assert await stored_group_members(repos, SLOT) == [g.members for g in groups]
    assert done.status is RoundStatus.COMPLETED
    assert done.quality == RoundQuality(repeats=2, cross_team_share=0.5)
    assert done.input_size == 403
    assert done.pair_count == 203
    history = await repos.matches.history(user_id="t3")
    assert [entry.participants for entry in history.items] == [["t1", "t2", "t3"]]
    assert history.items[0].scheduled_date == date(2026, 11, 30)


async def test_a_crash_between_transactions_is_finished_by_the_rerun(
    repos: Repositories, clock: Clock
) -> None:
    groups = pairs(150)
    await repos.rounds.claim(slot=SLOT, owner="job-1", seed=3)

    async def crash_after_two(written: int, total: int) -> None:
        if written >= 66:  # a few transactions in
            raise Crash

    with pytest.raises(Crash):
        await repos.rounds.write_groups(
            slot=SLOT, owner="job-1", groups=groups, input_size=300, on_progress=crash_after_two
        )
    assert len(await stored_group_members(repos, SLOT)) == 66  # whole groups only
    with pytest.raises(Conflict):
        await repos.rounds.complete(slot=SLOT, owner="job-1", quality=RoundQuality())

    clock.advance(timedelta(minutes=20))
    rerun = await repos.rounds.claim(slot=SLOT, owner="job-2", seed=4)
    assert rerun is not None
    await repos.rounds.write_groups(slot=SLOT, owner="job-2", groups=groups, input_size=300)
    await repos.rounds.complete(slot=SLOT, owner="job-2", quality=RoundQuality())

    assert await stored_group_members(repos, SLOT) == [g.members for g in groups]
    for person in ("u0", "u131", "u299"):
        assert len((await repos.matches.history(user_id=person)).items) == 1


async def test_a_rerun_with_other_groups_replaces_the_partial_round(repos: Repositories) -> None:
    await repos.rounds.claim(slot=SLOT, owner="job", seed=3)

    async def crash(written: int, total: int) -> None:
        raise Crash

    with pytest.raises(Crash):
        await repos.rounds.write_groups(
            slot=SLOT, owner="job", groups=pairs(80, tag="old"), input_size=160, on_progress=crash
        )
    assert (await repos.matches.history(user_id="old0")).items

    fresh = pairs(40, tag="new")
    await repos.rounds.write_groups(slot=SLOT, owner="job", groups=fresh, input_size=80)
    await repos.rounds.complete(slot=SLOT, owner="job", quality=RoundQuality())

    assert await stored_group_members(repos, SLOT) == [g.members for g in fresh]
    assert (await repos.matches.history(user_id="old0")).items == []
    assert len((await repos.matches.history(user_id="new79")).items) == 1


async def test_failed_and_skipped_rounds_keep_their_reason(repos: Repositories) -> None:
    await repos.rounds.claim(slot="2026-11-23", owner="job", seed=1)
    failed = await repos.rounds.fail(slot="2026-11-23", owner="job", error="matcher crashed")
    await repos.rounds.claim(slot="2026-11-30", owner="job", seed=1)
    skipped = await repos.rounds.skip(slot="2026-11-30", owner="job", reason="1 participant")

    assert failed.status is RoundStatus.FAILED
    assert failed.error == "matcher crashed"
    assert skipped.status is RoundStatus.SKIPPED
    assert await repos.rounds.claim(slot="2026-11-23", owner="job-2", seed=1) is None
    retried = await repos.rounds.claim(slot="2026-11-23", owner="job-2", seed=1, retry_failed=True)
    assert retried is not None
    assert retried.error is None
    assert await repos.rounds.claim(slot="2026-11-30", owner="job-2", seed=1) is None


async def test_rounds_list_newest_first_across_pages(repos: Repositories) -> None:
    slots = [(date(2026, 1, 5) + timedelta(weeks=n)).isoformat() for n in range(12)]
    for slot in slots:
        await repos.rounds.claim(slot=slot, owner="job", seed=0)

    listed: list[str] = []
    cursor: str | None = None
    while True:
        page = await repos.rounds.list_rounds(limit=5, cursor=cursor)
        listed += [r.slot for r in page.items]
        if page.cursor is None:
            break
        cursor = page.cursor

    assert listed == sorted(slots, reverse=True)


async def test_the_matcher_reads_the_groups_of_the_last_completed_rounds(
    repos: Repositories,
) -> None:
    for week, slot in enumerate(["2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"]):
        await repos.rounds.claim(slot=slot, owner="job", seed=week)
        if slot == "2026-11-23":
            await repos.rounds.fail(slot=slot, owner="job", error="boom")
            continue
        await repos.rounds.write_groups(
            slot=slot, owner="job", groups=pairs(2, tag=f"w{week}-"), input_size=4
        )
        await repos.rounds.complete(slot=slot, owner="job", quality=RoundQuality())

    recent = await repos.rounds.recent_groups(rounds=2)
    everything = await repos.rounds.recent_groups(rounds=0)

    assert [r.slot for r in recent] == ["2026-11-16", "2026-11-30"]
    assert recent[1].groups == [["w3-0", "w3-1"], ["w3-2", "w3-3"]]
    assert [r.slot for r in everything] == ["2026-11-09", "2026-11-16", "2026-11-30"]


async def test_bad_slots_and_groups_are_refused(repos: Repositories) -> None:
    with pytest.raises(BadUserInput) as refused:
        await repos.rounds.claim(slot="next monday", owner="job", seed=1)
    assert refused.value.fields == ("slot",)
    with pytest.raises(BadUserInput):
        await repos.rounds.get(slot="2026-02-30")
    with pytest.raises(ValueError, match="each member once"):
        PlannedGroup(members=["a", "a"])
    assert await repos.rounds.get(slot="2026-11-30") is None
