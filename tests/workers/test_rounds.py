"""A round job on the real services: everyone grouped once, nothing doubled, all announced."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import pytest
from arq.jobs import Job

from notifications.service import notification_job_id
from repositories.models.rounds import RoundStatus
from repositories.models.users import PersonCard
from runtime.events import (
    MatchEvent,
    match_event_of,
    round_progress_channel,
    round_progress_of,
    user_matches_channel,
)
from runtime.services import Services
from tests.workers.conftest import enrol
from workers.rounds import execute_round, run_round

SLOT = "2026-11-30T08:00Z"


async def _groups(services: Services, slot: str = SLOT) -> list[list[str]]:
    return [m.participants for m in await services.repositories.rounds.groups_of(slot=slot)]


async def test_a_round_groups_every_active_person_exactly_once(services: Services) -> None:
    repos = services.repositories
    people = [await enrol(repos, f"p{i}") for i in range(7)]
    outcome = await execute_round(services, slot=SLOT, owner="job:1")
    assert outcome.status == "completed"
    groups = await _groups(services)
    members = sorted(itertools.chain.from_iterable(groups))
    assert members == sorted(person.id for person in people)
    assert sorted(len(group) for group in groups) == [2, 2, 3]
    stored = await repos.rounds.get(slot=SLOT)
    assert stored is not None
    assert stored.status is RoundStatus.COMPLETED
    assert stored.quality is not None
    assert stored.quality.unmatched == 0
    assert stored.input_size == 7


async def test_members_hear_of_the_match_and_get_one_notification_job(
    services: Services,
) -> None:
    repos = services.repositories
    alice, bob = await enrol(repos, "alice"), await enrol(repos, "bob")
    received: list[MatchEvent] = []

    listening = asyncio.Event()

    async def listen() -> None:
        channel = user_matches_channel("team-a", alice.id)
        async with services.live.listen(channel, on_overflow=lambda: None) as listener:
            listening.set()
            item = await listener.next()
            assert isinstance(item, bytes)
            received.append(match_event_of(item))

    await services.live.connected()
    listener = asyncio.create_task(listen())
    await listening.wait()  # the subscription is in place before the round runs
    await execute_round(services, slot=SLOT, owner="job:1")
    await asyncio.wait_for(listener, timeout=5)
    (match,) = await repos.rounds.groups_of(slot=SLOT)
    (event,) = received
    assert event.match_id == match.id
    # The event carries the match as stored and its members' cards: the API reads nothing.
    assert event.snapshot is not None
    assert event.snapshot.match == match
    assert event.snapshot.members == [
        PersonCard.of(person)
        for person in sorted((alice, bob), key=lambda p: match.participants.index(p.id))
    ]
    for member in (alice, bob):
        job = Job(
            notification_job_id(match_id=match.id, user_id=member.id),
            services.redis,
            _queue_name="vcoffee:team-a:queue",
        )
        info = await job.info()
        assert info is not None
        assert info.function == "notify_member"
        assert info.kwargs == {
            "deployment_id": "team-a",
            "match_id": match.id,
            "user_id": member.id,
        }


async def test_two_workers_racing_for_one_round_make_one_round(services: Services) -> None:
    repos = services.repositories
    for index in range(10):
        await enrol(repos, f"r{index}")
    first, second = await asyncio.gather(
        execute_round(services, slot=SLOT, owner="worker-a"),
        execute_round(services, slot=SLOT, owner="worker-b"),
    )
    assert sorted([first.status, second.status]) == ["already-handled", "completed"]
    groups = await _groups(services)
    assert len(groups) == 5
    assert len(set(itertools.chain.from_iterable(groups))) == 10


async def test_a_crash_after_half_the_groups_is_finished_by_the_rerun(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    repos = services.repositories
    people = [await enrol(repos, f"c{index}") for index in range(12)]
    gateway = repos.gateway
    real_transact = gateway.transact
    calls = 0

    async def crash_on_second(actions: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("worker killed")
        await real_transact(actions)

    monkeypatch.setattr(gateway, "transact", crash_on_second)
    with pytest.raises(RuntimeError, match="worker killed"):
        await execute_round(services, slot=SLOT, owner="job:7")
    half = await _groups(services)
    assert 0 < len(half) < 6
    monkeypatch.setattr(gateway, "transact", real_transact)
    # arq retries the same job: same owner, same seed, so the same plan is continued.
    outcome = await execute_round(services, slot=SLOT, owner="job:7")
    assert outcome.status == "completed"
    groups = await _groups(services)
    assert len(groups) == 6
    assert sorted(itertools.chain.from_iterable(groups)) == sorted(p.id for p in people)
    assert all(group in groups for group in half)


async def test_paused_people_sit_out_and_come_back_when_the_pause_ends(
    services: Services,
) -> None:
    repos = services.repositories
    people = [await enrol(repos, f"z{index}") for index in range(4)]
    await repos.users.pause(user_id=people[0].id)  # until resumed
    from datetime import date

    await repos.users.pause(user_id=people[1].id, until=date(2026, 11, 29))  # ended the day before
    await execute_round(services, slot=SLOT, owner="job:1")
    members = set(itertools.chain.from_iterable(await _groups(services)))
    assert members == {people[1].id, people[2].id, people[3].id}


async def test_a_block_is_never_violated(services: Services) -> None:
    repos = services.repositories
    people = [await enrol(repos, f"b{index}") for index in range(4)]
    await repos.blocks.block(user_id=people[0].id, blocked_id=people[1].id)
    for week in range(6):
        slot = f"2026-12-{week * 7 + 1:02d}T08:00Z" if week < 5 else "2027-01-05T08:00Z"
        assert (await execute_round(services, slot=slot, owner=f"job:{week}")).status == "completed"
        for group in await _groups(services, slot):
            assert not {people[0].id, people[1].id} <= set(group)


async def test_fewer_than_two_people_skip_the_round(services: Services) -> None:
    await enrol(services.repositories, "alone")
    watching = services.redis.pubsub()
    await watching.subscribe(round_progress_channel(services.settings.deployment_id))
    outcome = await execute_round(services, slot=SLOT, owner="job:1")
    assert outcome.status == "skipped"
    # Admins watching the rounds page learn that it ended.
    events = []
    for _ in range(20):
        message = await watching.get_message(ignore_subscribe_messages=True, timeout=0.5)
        if message is not None:
            events.append(round_progress_of(message["data"]))
            break
    await watching.aclose()  # type: ignore[no-untyped-call]
    assert [(event.slot, event.status) for event in events] == [(SLOT, "skipped")]
    stored = await services.repositories.rounds.get(slot=SLOT)
    assert stored is not None
    assert stored.status is RoundStatus.SKIPPED


async def test_a_job_of_another_deployment_is_refused(services: Services) -> None:
    await enrol(services.repositories, "x1")
    await enrol(services.repositories, "x2")
    result = await run_round({"services": services}, deployment_id="team-b", slot=SLOT)
    assert result.startswith("refused")
    assert await services.repositories.rounds.get(slot=SLOT) is None


async def test_groups_get_the_earliest_common_hour_as_their_meeting_time(
    services: Services,
) -> None:
    repos = services.repositories
    berlin = await enrol(repos, "berlin")
    york = await enrol(repos, "york")
    for person, zone, slots in (
        (berlin, "Europe/Berlin", ["tue-16", "wed-16"]),
        (york, "America/New_York", ["tue-10", "wed-10"]),
    ):
        current = await repos.users.require(user_id=person.id)
        preferences = current.preferences.model_copy(
            update={"time_zone": zone, "availability": slots}
        )
        await repos.users.update_preferences(
            user_id=person.id, preferences=preferences, expected_version=current.version
        )
    await execute_round(services, slot=SLOT, owner="job:1")
    (match,) = await repos.rounds.groups_of(slot=SLOT)
    # Tuesday 1 December 2026, 16:00 in Berlin is 10:00 in New York: both are free.
    assert match.suggested_start is not None
    assert match.suggested_start.isoformat() == "2026-12-01T15:00:00+00:00"


async def test_a_person_pausing_during_the_round_keeps_this_match_and_sits_out_the_next(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    repos = services.repositories
    people = [await enrol(repos, f"m{index}") for index in range(4)]
    real_participants = repos.users.participants

    async def pause_right_after_reading(*, on: Any) -> Any:
        read = await real_participants(on=on)
        await repos.users.pause(user_id=people[0].id)
        return read

    monkeypatch.setattr(repos.users, "participants", pause_right_after_reading)
    assert (await execute_round(services, slot=SLOT, owner="job:1")).status == "completed"
    first = set(itertools.chain.from_iterable(await _groups(services)))
    assert people[0].id in first
    monkeypatch.setattr(repos.users, "participants", real_participants)
    next_slot = "2026-12-07T08:00Z"
    await execute_round(services, slot=next_slot, owner="job:2")
    second = set(itertools.chain.from_iterable(await _groups(services, next_slot)))
    assert second == {people[1].id, people[2].id, people[3].id}


async def test_an_impossible_round_is_recorded_as_failed_and_matches_nobody(
    services: Services,
) -> None:
    repos = services.repositories
    alice, bob = await enrol(repos, "alice"), await enrol(repos, "bob")
    # Two people make one group, and they never want to meet: no grouping keeps the block.
    await repos.blocks.block(user_id=alice.id, blocked_id=bob.id)
    outcome = await execute_round(services, slot=SLOT, owner="job:1")
    assert outcome.status == "failed"
    assert "blocks_unsatisfiable" in outcome.detail
    stored = await repos.rounds.get(slot=SLOT)
    assert stored is not None
    assert stored.status is RoundStatus.FAILED
    assert stored.error is not None
    assert "blocks_unsatisfiable" in stored.error
    assert await _groups(services) == []
