"""A round asked for behind a thousand notification jobs starts at once: rounds have a queue."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from arq import func
from arq.constants import job_key_prefix, result_key_prefix

from config.settings import Settings
from repositories.models.rounds import RoundStatus
from rounds.service import request_round, round_job_id, rounds_queue_name
from runtime.services import Services, queue_name
from tests.workers.conftest import enrol
from workers.main import LeasedWorker, round_worker_options, supervise, worker_options

SLOT = "2026-12-14T08:00Z"
BACKLOG = 1000


async def slow_notification(ctx: dict[str, Any], *, number: int) -> int:
    """Stands in for a notification that takes its time (a slow mail server)."""
    await asyncio.sleep(3)
    return number


def workers_with_a_slow_backlog(settings: Settings, ctx: dict[str, Any]) -> list[LeasedWorker]:
    """The two workers `vcoffee worker` runs, the notification one also knowing the slow job."""
    fast = {"ctx": ctx, "handle_signals": False, "poll_delay": 0.05, "cron_jobs": []}
    notifications = worker_options(settings)
    notifications["functions"] = [*notifications["functions"], func(slow_notification)]
    return [
        LeasedWorker(**{**round_worker_options(settings), **fast}),
        LeasedWorker(**{**notifications, **fast}),
    ]


async def test_run_now_starts_at_once_behind_a_thousand_notifications(
    settings: Settings, services: Services
) -> None:
    repos = services.repositories
    for index in range(6):
        await enrol(repos, f"q{index}")
    notifications = queue_name(settings)
    for number in range(BACKLOG):
        await services.queue.enqueue_job(
            "slow_notification", number=number, _job_id=f"slow:{number}", _queue_name=notifications
        )
    stop = asyncio.Event()
    running = asyncio.create_task(supervise(settings, stop=stop, build=workers_with_a_slow_backlog))
    try:
        await asyncio.sleep(1.0)  # the notification worker is busy with its first jobs
        asked = time.monotonic()
        await request_round(
            repositories=repos,
            queue=services.queue,
            deployment_id=settings.deployment_id,
            slot=SLOT,
            requested_by="admin",
            now=repos.gateway.now(),
        )
        while True:
            found = await repos.rounds.get(slot=SLOT)
            if found is not None and found.status is RoundStatus.COMPLETED:
                break
            assert time.monotonic() - asked < 15, "the round waited behind the notifications"
            await asyncio.sleep(0.1)
        waited = time.monotonic() - asked
        still_queued = await services.redis.zcard(notifications)
    finally:
        stop.set()
        await asyncio.wait_for(running, timeout=60)
        keys = [job_key_prefix + f"slow:{n}" for n in range(BACKLOG)]
        round_job = round_job_id(deployment_id=settings.deployment_id, slot=SLOT)
        await services.redis.delete(
            notifications,
            rounds_queue_name(settings.deployment_id),
            result_key_prefix + round_job,
            job_key_prefix + round_job,
        )
        await services.redis.delete(*keys)
    assert waited < 10
    # Most of the backlog was still waiting: the round did not go after it.
    assert still_queued > BACKLOG - 200
