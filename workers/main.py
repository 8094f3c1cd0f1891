"""arq worker settings: the jobs, the cron tick, and the services handed to them through ctx."""

from __future__ import annotations

import contextlib
from typing import Any

from arq import cron
from arq.worker import run_worker as arq_run_worker

from config.settings import Settings
from metrics.server import metrics_server
from runtime.logging import configure_logging
from runtime.services import arq_redis_settings, open_services, queue_name
from workers.jobs import JOBS, schedule_tick
from workers.metrics import refresh_gauges
from workers.notify import NOTIFY_CRON, NOTIFY_JOBS, open_notification_channels
from workers.reminders import REMINDER_CRON
from workers.trial_send import TEST_SEND_JOBS


async def on_startup(ctx: dict[str, Any]) -> None:
    stack = contextlib.AsyncExitStack()
    ctx["stack"] = stack
    settings: Settings = ctx["settings"]
    stack.enter_context(metrics_server(host=settings.metrics_host, port=settings.metrics_port))
    ctx["services"] = await stack.enter_async_context(open_services(settings))
    await open_notification_channels(ctx)


async def on_shutdown(ctx: dict[str, Any]) -> None:
    stack: contextlib.AsyncExitStack = ctx["stack"]
    await stack.aclose()


def worker_options(settings: Settings) -> dict[str, Any]:
    return {
        "functions": [*JOBS, *NOTIFY_JOBS, *TEST_SEND_JOBS],
        "cron_jobs": [
            cron(schedule_tick, second=5, unique=True),
            cron(refresh_gauges, second={20, 50}, run_at_startup=True),
            *NOTIFY_CRON,
            *REMINDER_CRON,
        ],
        "on_startup": on_startup,
        "on_shutdown": on_shutdown,
        "redis_settings": arq_redis_settings(settings),
        "queue_name": queue_name(settings),
        "ctx": {"settings": settings},
        "max_jobs": 50,
        "job_timeout": 600,
        "keep_result": 3600,
        # The API shortens its wait for a test message when no worker reported lately.
        "health_check_interval": 30,
        "allow_abort_jobs": False,
    }


class WorkerSettings:
    """Placeholder class arq requires; the real options come from worker_options()."""


def run_worker() -> int:
    settings = Settings()
    configure_logging(level=settings.log_level)
    arq_run_worker(WorkerSettings, **worker_options(settings))  # type: ignore[arg-type]
    return 0
