"""A round cut off by an outage or a dead worker finishes by itself, everyone grouped once."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from arq import Retry

import workers.rounds
from core.errors import ServiceUnavailable
from repositories.cursor import CursorCodec
from repositories.models.rounds import RoundStatus
from repositories.rounds import RoundRepository
from rounds.service import RunRequest, request_round, resume_job_id, rounds_queue_name
from runtime.services import Services
from tests.workers.conftest import enrol
from workers.jobs import TAKEOVER_LIMIT, resume_abandoned
from workers.rounds import run_round

SLOT = "2026-11-30T08:00Z"


def short_lease(services: Services, seconds: float) -> RoundRepository:
    """The rounds repository with a lease of `seconds`, to see leases lapse in a test."""
    repos = services.repositories
    return RoundRepository(
        gateway=repos.gateway,
        cursors=CursorCodec(secret=b"cursor-secret-for-tests-0123456789", keys=repos.gateway.keys),
        lease=timedelta(seconds=seconds),
    )


async def everyone_once(services: Services, people: int) -> None:
    groups = [m.participants for m in await services.repositories.rounds.groups_of(slot=SLOT)]
    members = list(itertools.chain.from_iterable(groups))
    assert len(members) == len(set(members)) == people
    stored = await services.repositories.rounds.get(slot=SLOT)
    assert stored is not None
    assert stored.status is RoundStatus.COMPLETED


async def test_a_table_outage_mid_round_makes_the_job_retry_and_the_retry_completes(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    repos = services.repositories
    for index in range(12):
        await enrol(repos, f"o{index}")
    gateway = repos.gateway
    real_transact = gateway.transact
    calls = 0

    async def outage_from_second(actions: Any) -> None:
        nonlocal calls
        calls += 1
        if calls >= 2:
            raise ServiceUnavailable("DynamoDB is not answering; try again shortly")
        await real_transact(actions)

    ctx: dict[str, Any] = {"services": services, "job_id": "run_round:team-a:x", "job_try": 1}
    monkeypatch.setattr(gateway, "transact", outage_from_second)
    with pytest.raises(Retry) as retried:
        await run_round(ctx, deployment_id="team-a", slot=SLOT)
    assert retried.value.defer_score == 2000  # soon: the outage may already be over
    half = await repos.rounds.groups_of(slot=SLOT)
    assert 0 < len(half) < 6

    monkeypatch.setattr(gateway, "transact", real_transact)
    ctx["job_try"] = 2
    assert await run_round(ctx, deployment_id="team-a", slot=SLOT) == "completed"
    await everyone_once(services, 12)


async def test_a_lease_renewed_by_its_holder_is_kept_and_lapses_soon_after_it_dies(
    services: Services,
) -> None:
    rounds = short_lease(services, 0.6)
    assert await rounds.claim(slot=SLOT, owner="alive", seed=1) is not None
    async with rounds.kept(slot=SLOT, owner="alive"):
        await asyncio.sleep(1.5)
        assert await rounds.claim(slot=SLOT, owner="other", seed=1) is None
    await asyncio.sleep(0.8)
    taken = await rounds.claim(slot=SLOT, owner="other", seed=1)
    assert taken is not None
    assert (taken.owner, taken.attempts) == ("other", 2)


async def test_a_round_whose_worker_died_is_taken_over_by_a_new_job(services: Services) -> None:
    repos = services.repositories
    for index in range(6):
        await enrol(repos, f"d{index}")
    dying = short_lease(services, 0.3)
    assert await dying.claim(slot=SLOT, owner="job:killed", seed=5) is not None
    deployment = services.settings.deployment_id
    # While the holder's lease runs, nothing is taken over and "run now" says it is queued.
    assert await resume_abandoned(services) == []
    live = await request_round(
        repositories=repos,
        queue=services.queue,
        deployment_id=deployment,
        slot=SLOT,
        requested_by=None,
        now=datetime.now(UTC),
    )
    assert live.outcome is RunRequest.ALREADY_QUEUED
    await asyncio.sleep(0.5)

    assert await resume_abandoned(services) == [f"resumed {SLOT}"]
    queue = rounds_queue_name(deployment)
    [queued] = await services.queue.queued_jobs(queue_name=queue)
    assert queued.job_id == resume_job_id(deployment_id=deployment, slot=SLOT, attempt=1)
    assert await resume_abandoned(services) == []  # the takeover is queued once
    ctx: dict[str, Any] = {"services": services, "job_id": queued.job_id, "job_try": 1}
    assert await run_round(ctx, deployment_id=deployment, slot=SLOT) == "completed"
    await everyone_once(services, 6)
    await services.queue.delete(queue, f"arq:job:{queued.job_id}")


async def test_run_now_queues_a_takeover_of_a_dead_round_instead_of_refusing(
    services: Services,
) -> None:
    repos = services.repositories
    dying = short_lease(services, 0.3)
    assert await dying.claim(slot=SLOT, owner="job:killed", seed=5) is not None
    await asyncio.sleep(0.5)
    deployment = services.settings.deployment_id

    asked = await request_round(
        repositories=repos,
        queue=services.queue,
        deployment_id=deployment,
        slot=SLOT,
        requested_by="admin",
        now=datetime.now(UTC),
    )

    assert asked.outcome is RunRequest.QUEUED
    assert asked.job_id == resume_job_id(deployment_id=deployment, slot=SLOT, attempt=1)
    queue = rounds_queue_name(deployment)
    assert [job.job_id for job in await services.queue.queued_jobs(queue_name=queue)] == [
        asked.job_id
    ]
    await services.queue.delete(queue, f"arq:job:{asked.job_id}")


async def test_a_round_stopped_by_an_error_of_ours_is_tried_three_times_then_failed(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    repos = services.repositories
    for index in range(4):
        await enrol(repos, f"e{index}")

    def broken(instance: Any) -> Any:
        raise ZeroDivisionError("a bug in the matcher")

    monkeypatch.setattr(workers.rounds, "match", broken)
    ctx: dict[str, Any] = {"services": services, "job_id": "run_round:team-a:e", "job_try": 1}
    for attempt in (1, 2):
        ctx["job_try"] = attempt
        with pytest.raises(Retry):
            await run_round(ctx, deployment_id=services.settings.deployment_id, slot=SLOT)
        stored = await repos.rounds.get(slot=SLOT)
        assert stored is not None
        assert stored.status is RoundStatus.CLAIMED  # still held: the next try continues

    ctx["job_try"] = 3
    assert await run_round(ctx, deployment_id=services.settings.deployment_id, slot=SLOT) == (
        "failed"
    )
    stored = await repos.rounds.get(slot=SLOT)
    assert stored is not None
    assert stored.status is RoundStatus.FAILED
    assert stored.error == "stopped by an error (ZeroDivisionError) 3 times"
    assert await repos.rounds.groups_of(slot=SLOT) == []
    # Ended: the resume cron does not take it over again.
    assert await resume_abandoned(services) == []


async def test_a_round_its_workers_keep_dying_on_is_failed_not_taken_over_forever(
    services: Services,
) -> None:
    dying = short_lease(services, 0.2)
    # The first claim, then TAKEOVER_LIMIT takeovers, each holder dying in turn.
    for attempt in range(TAKEOVER_LIMIT + 1):
        assert await dying.claim(slot=SLOT, owner=f"job:killed-{attempt}", seed=5) is not None
        await asyncio.sleep(0.3)
    deployment = services.settings.deployment_id

    assert await resume_abandoned(services) == [f"failed {SLOT}"]

    stored = await services.repositories.rounds.get(slot=SLOT)
    assert stored is not None
    assert stored.status is RoundStatus.FAILED
    assert stored.error == f"taken over {TAKEOVER_LIMIT} times without finishing"
    assert await services.queue.queued_jobs(queue_name=rounds_queue_name(deployment)) == []
    assert await resume_abandoned(services) == []


async def test_a_jobs_own_retries_through_an_outage_are_not_counted_as_takeovers(
    services: Services,
) -> None:
    # A flapping table: the same job re-claims the round on each retry, its lease lapsing
    # between tries. However often, the round is taken over, never failed.
    waiting = short_lease(services, 0.2)
    for _ in range(TAKEOVER_LIMIT + 5):
        assert await waiting.claim(slot=SLOT, owner="job:retrying", seed=5) is not None
    await asyncio.sleep(0.3)
    stored = await services.repositories.rounds.get(slot=SLOT)
    assert stored is not None
    assert (stored.attempts, stored.takeovers) == (TAKEOVER_LIMIT + 5, 0)

    assert await resume_abandoned(services) == [f"resumed {SLOT}"]
    queue = rounds_queue_name(services.settings.deployment_id)
    [queued] = await services.queue.queued_jobs(queue_name=queue)
    await services.queue.delete(queue, f"arq:job:{queued.job_id}")
