"""The worker process: a rounds worker and a notifications worker sharing one set of services.

Rounds have their own queue, so "run a round now" never waits behind a thousand messages.
Both arq workers mark their running jobs with short leases renewed while the process lives,
and the process reconnects when Redis goes away instead of exiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Callable
from typing import Any

from arq import cron, func
from arq.constants import in_progress_key_prefix
from arq.worker import Worker
from redis.exceptions import RedisError

from config.settings import Settings
from metrics.server import metrics_server
from rounds.service import rounds_queue_name
from runtime.logging import configure_logging
from runtime.services import QUEUED_JOB_LIFETIME, arq_redis_settings, open_services, queue_name
from workers.jobs import resume_rounds, schedule_tick
from workers.metrics import refresh_gauges
from workers.notify import (
    NOTIFY_CRON,
    NOTIFY_MAX_TRIES,
    NOTIFY_TIMEOUT,
    notify_member,
    open_notification_channels,
)
from workers.reminders import REMINDER_CRON
from workers.rounds import MAX_TRIES as ROUND_MAX_TRIES
from workers.rounds import run_round
from workers.trial_send import TEST_SEND_JOBS

log = logging.getLogger(__name__)

# How long a running job stays marked as running without its worker renewing the mark: a
# killed worker's jobs are picked up again this soon.
JOB_LEASE = 30.0
# How long a stopping worker lets running jobs finish before cancelling them.
STOP_GRACE = 20.0
# Waits between attempts to reach Redis again, in seconds.
RECONNECT_DELAYS = (1.0, 2.0, 5.0, 10.0)


async def on_startup(ctx: dict[str, Any]) -> None:
    # Both workers of the process start at once; the first opens the services for both.
    async with ctx.setdefault("startup", asyncio.Lock()):
        if "services" in ctx:
            return
        stack = contextlib.AsyncExitStack()
        settings: Settings = ctx["settings"]
        try:
            stack.enter_context(
                metrics_server(host=settings.metrics_host, port=settings.metrics_port)
            )
            ctx["services"] = await stack.enter_async_context(open_services(settings))
            ctx["stack"] = stack
            await open_notification_channels(ctx)
        except BaseException:
            ctx.pop("services", None)
            ctx.pop("stack", None)
            await stack.aclose()
            raise


async def on_shutdown(ctx: dict[str, Any]) -> None:
    stack: contextlib.AsyncExitStack = ctx.pop("stack")
    ctx.pop("services", None)
    await stack.aclose()


def _common(settings: Settings) -> dict[str, Any]:
    return {
        "on_startup": on_startup,
        "redis_settings": arq_redis_settings(settings),
        "ctx": {"settings": settings},
        "keep_result": 3600,
        # The API shortens its wait for a test message when no worker reported lately.
        "health_check_interval": 30,
        "allow_abort_jobs": False,
        "expires_extra_ms": int(QUEUED_JOB_LIFETIME.total_seconds() * 1000),
    }


def round_worker_options(settings: Settings) -> dict[str, Any]:
    """The worker of the rounds queue: the round job, the schedule and the takeover of rounds."""
    return {
        **_common(settings),
        "functions": [func(run_round, max_tries=ROUND_MAX_TRIES)],
        "cron_jobs": [
            cron(schedule_tick, second=5, unique=True),
            cron(resume_rounds, second={0, 15, 30, 45}, unique=True),
            cron(refresh_gauges, second={20, 50}, run_at_startup=True),
        ],
        "queue_name": rounds_queue_name(settings.deployment_id),
        "max_jobs": 4,
        "job_timeout": 600,
    }


def worker_options(settings: Settings) -> dict[str, Any]:
    """The worker of the notifications queue (the deployment's original queue).

    It runs `run_round` too, so a round queued there by an earlier release still runs.
    """
    return {
        **_common(settings),
        "functions": [
            func(notify_member, max_tries=NOTIFY_MAX_TRIES, timeout=NOTIFY_TIMEOUT, keep_result=0),
            func(run_round, max_tries=ROUND_MAX_TRIES),
            *TEST_SEND_JOBS,
        ],
        "cron_jobs": [*NOTIFY_CRON, *REMINDER_CRON],
        "queue_name": queue_name(settings),
        "max_jobs": 50,
        "job_timeout": 600,
    }


class LeasedWorker(Worker):
    """An arq worker whose marks on running jobs are short and renewed while it lives.

    arq marks a running job with a key that expires after the longest job timeout plus 10 s,
    so a killed worker's jobs would wait ten minutes. Here the mark lives JOB_LEASE seconds
    and is renewed for every job still running in this process.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.in_progress_timeout_s = JOB_LEASE
        self._renewed_at = 0.0

    async def heart_beat(self) -> None:
        await super().heart_beat()
        now = time.monotonic()
        if self.job_tasks and now - self._renewed_at >= JOB_LEASE / 3:
            async with self.pool.pipeline(transaction=False) as pipe:
                for job_id in self.job_tasks:
                    pipe.pexpire(in_progress_key_prefix + job_id, int(JOB_LEASE * 1000))
                await pipe.execute()
            self._renewed_at = now


# Whatever Redis raises from the polling loop (a lost connection also surfaces as a failed
# WATCH) means: build the workers again once it answers.
REDIS_LOST = (RedisError, ConnectionError, OSError)


async def _run_until_stopped(workers: list[LeasedWorker], stop: asyncio.Event) -> bool:
    """Runs the workers' polling until `stop` is set (True) or Redis goes away (False).

    Jobs already running are left to finish either way: one cut off between a send and its
    record would send again.
    """
    runs = [asyncio.create_task(worker.main()) for worker in workers]
    stopping = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait([*runs, stopping], return_when=asyncio.FIRST_COMPLETED)
    for task in [*runs, stopping]:
        task.cancel()
    results = await asyncio.gather(*runs, return_exceptions=True)
    if stopping in done:
        return True
    for result in results:
        if isinstance(result, Exception) and not isinstance(result, REDIS_LOST):
            raise result
    return False


async def _retire(worker: LeasedWorker, *, grace: float) -> None:
    """Lets the worker's running jobs end (cancelled after `grace` s), then closes its pool."""
    jobs = list(worker.tasks.values())
    if jobs:
        _, late = await asyncio.wait(jobs, timeout=grace)
        for job in late:
            job.cancel()
        await asyncio.gather(*jobs, return_exceptions=True)
    if worker._pool is not None:
        with contextlib.suppress(*REDIS_LOST):
            await worker.pool.aclose(close_connection_pool=True)
        worker._pool = None


async def supervise(
    settings: Settings,
    *,
    stop: asyncio.Event,
    build: Callable[[Settings, dict[str, Any]], list[LeasedWorker]] | None = None,
) -> None:
    """Runs both workers, building them anew each time Redis comes back after an outage."""
    ctx: dict[str, Any] = {"settings": settings}
    make = build or _build_workers
    failures = 0
    retiring: list[asyncio.Task[None]] = []
    try:
        while not stop.is_set():
            workers = make(settings, ctx)
            started = time.monotonic()
            stopped = await _run_until_stopped(workers, stop)
            grace = STOP_GRACE if stopped else float(NOTIFY_TIMEOUT)
            retiring += [asyncio.create_task(_retire(w, grace=grace)) for w in workers]
            if stopped:
                return
            if time.monotonic() - started > 60:
                failures = 0
            delay = RECONNECT_DELAYS[min(failures, len(RECONNECT_DELAYS) - 1)]
            failures += 1
            log.warning("lost Redis; reconnecting", extra={"retry_in_seconds": delay})
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=delay)
    finally:
        for failure in await asyncio.gather(*retiring, return_exceptions=True):
            if isinstance(failure, Exception):
                log.error("a worker did not close cleanly", exc_info=failure)
        if "stack" in ctx:
            await on_shutdown(ctx)


def _build_workers(settings: Settings, ctx: dict[str, Any]) -> list[LeasedWorker]:
    workers = []
    for options in (round_worker_options(settings), worker_options(settings)):
        workers.append(LeasedWorker(**{**options, "ctx": ctx, "handle_signals": False}))
    return workers


def run_worker() -> int:
    settings = Settings()
    configure_logging(level=settings.log_level)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await supervise(settings, stop=stop)

    asyncio.run(main())
    return 0
