"""Jobs enqueued in bulk are arq's own: stored, unique and run as `enqueue_job` makes them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import uuid4

import pytest
from arq import Worker, create_pool, func
from arq.connections import ArqRedis
from arq.constants import job_key_prefix, result_key_prefix
from arq.jobs import Job, JobStatus

from config.settings import Settings
from runtime.services import arq_redis_settings
from workers.bulk_enqueue import BATCH, NewJob, enqueue_many

EXPIRES_MS = 2 * 24 * 3600 * 1000


@pytest.fixture
async def queue(settings: Settings) -> AsyncIterator[ArqRedis]:
    pool = await create_pool(
        arq_redis_settings(settings),
        default_queue_name=f"test-bulk-{uuid4().hex}",
        expires_extra_ms=EXPIRES_MS,
    )
    yield pool
    await pool.delete(pool.default_queue_name)
    await pool.aclose()


async def test_jobs_enqueued_in_bulk_are_stored_as_enqueue_job_stores_them(
    queue: ArqRedis,
) -> None:
    prefix = uuid4().hex
    await queue.enqueue_job("notify_member", _job_id=f"{prefix}-reference", match_id="m", n=-1)
    jobs = [
        NewJob(function="notify_member", job_id=f"{prefix}-{n}", kwargs={"match_id": "m", "n": n})
        for n in range(2 * BATCH + 3)
    ]
    assert await enqueue_many(queue, jobs) == len(jobs)

    reference = await Job(f"{prefix}-reference", queue, _queue_name=queue.default_queue_name).info()
    bulk = await Job(f"{prefix}-7", queue, _queue_name=queue.default_queue_name).info()
    assert reference is not None
    assert bulk is not None
    assert (bulk.function, bulk.args, bulk.kwargs, bulk.job_try) == (
        reference.function,
        reference.args,
        {"match_id": "m", "n": 7},
        reference.job_try,
    )
    # Queued to run now: the score is the time of enqueueing, as enqueue_job gives it.
    assert bulk.score == int(bulk.enqueue_time.timestamp() * 1000)
    assert await queue.zcard(queue.default_queue_name) == len(jobs) + 1
    lifetime = await queue.pttl(job_key_prefix + f"{prefix}-{2 * BATCH + 2}")
    assert EXPIRES_MS - 60_000 < lifetime <= EXPIRES_MS
    status = await Job(f"{prefix}-0", queue, _queue_name=queue.default_queue_name).status()
    assert status is JobStatus.queued
    await queue.delete(*(job_key_prefix + job.job_id for job in jobs))


async def test_a_job_queued_or_with_a_result_is_not_enqueued_again(queue: ArqRedis) -> None:
    prefix = uuid4().hex
    await queue.enqueue_job("notify_member", _job_id=f"{prefix}-queued")
    await queue.set(result_key_prefix + f"{prefix}-done", b"a result")
    jobs = [
        NewJob(function="notify_member", job_id=f"{prefix}-{name}", kwargs={"name": name})
        for name in ("queued", "done", "new")
    ]
    assert await enqueue_many(queue, jobs) == 1
    assert await enqueue_many(queue, jobs) == 0
    queued = await queue.zrange(queue.default_queue_name, 0, -1)
    assert sorted(queued) == [f"{prefix}-new".encode(), f"{prefix}-queued".encode()]
    kept = await Job(f"{prefix}-queued", queue, _queue_name=queue.default_queue_name).info()
    assert kept is not None
    assert kept.kwargs == {}
    await queue.delete(
        result_key_prefix + f"{prefix}-done",
        *(job_key_prefix + f"{prefix}-{name}" for name in ("queued", "new")),
    )


async def test_an_arq_worker_runs_the_jobs_enqueued_in_bulk(queue: ArqRedis) -> None:
    ran: list[int] = []

    async def record(ctx: dict[str, Any], *, value: int) -> None:
        ran.append(value)

    prefix = uuid4().hex
    count = BATCH + 100
    jobs = [
        NewJob(function="record", job_id=f"{prefix}-{n}", kwargs={"value": n}) for n in range(count)
    ]
    assert await enqueue_many(queue, jobs) == count
    worker = Worker(
        functions=[func(record, name="record")],
        redis_pool=queue,
        queue_name=queue.default_queue_name,
        burst=True,
        poll_delay=0.01,
        handle_signals=False,
        max_jobs=100,
        keep_result=0,
    )
    await worker.main()  # in burst mode, returns once the queue is empty
    assert sorted(ran) == list(range(count))
    assert worker.jobs_complete == count
    assert worker.jobs_failed == 0
