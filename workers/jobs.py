"""The jobs the worker registers, and the cron tick that turns the schedule into rounds."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from config.schedules import fires_yearly
from core.errors import ServiceUnavailable
from repositories.rounds import RoundRepository
from rounds.schedule import due_slots
from rounds.service import enqueue_round, resume_job_id, round_job_id
from runtime.services import Services
from workers.rounds import run_round

log = logging.getLogger(__name__)

TICK_OWNER = "schedule-tick"
GIVE_UP_OWNER = "resume-rounds"
# A round taken over from a dead holder this many times (a worker that dies on it each time)
# is marked failed instead of being taken over again. A job's own retries through an outage
# re-claim as the same holder and do not count.
TAKEOVER_LIMIT = 10
# How far back the tick looks for rounds that were missed while no worker ran.
LOOKBACK = timedelta(days=35)


async def _known_slots(rounds: RoundRepository, *, since: datetime) -> set[str]:
    known: set[str] = set()
    cursor: str | None = None
    while True:
        page = await rounds.list_rounds(limit=100, cursor=cursor)
        known.update(item.slot for item in page.items)
        oldest = page.items[-1].slot if page.items else None
        if page.cursor is None or oldest is None or oldest < since.strftime("%Y-%m-%d"):
            return known
        cursor = page.cursor


async def tick(services: Services, *, now: datetime) -> list[str]:
    """Enqueues the round that is due, records missed ones as skipped; returns what it did."""
    repos = services.repositories
    config = await repos.config.get()
    if not fires_yearly(cron=config.schedule, timezone=config.time_zone, now=now):
        # Stored before schedules had to fire within a year; the API refuses such a schedule now.
        log.error(
            "the stored schedule does not fire within a year; no round is scheduled until an "
            "admin changes it",
            extra={"code": "SCHEDULE_NEVER_FIRES", "schedule": config.schedule},
        )
        return ["schedule never fires"]
    since = now - LOOKBACK
    if config.updated_at is not None and config.updated_at > since:
        # A schedule changed since then: slots of the old schedule are not "missed".
        since = config.updated_at
    elif config.updated_at is None and not (await repos.rounds.list_rounds(limit=1)).items:
        # A deployment that has neither saved its configuration nor run a round is new: it
        # missed nothing, and its first round is the schedule's next.
        since = now
    due = due_slots(
        cron=config.schedule,
        timezone=config.time_zone,
        now=now,
        grace=timedelta(hours=config.grace_period_hours),
        known=await _known_slots(repos.rounds, since=since),
        since=since,
    )
    actions: list[str] = []
    deployment = services.settings.deployment_id
    for slot in due.skipped:
        claimed = await repos.rounds.claim(slot=slot.key, owner=TICK_OWNER, seed=0)
        if claimed is not None:
            await repos.rounds.skip(
                slot=slot.key, owner=TICK_OWNER, reason="missed: no worker ran within the grace"
            )
            actions.append(f"skipped {slot.key}")
    if due.run is not None:
        await enqueue_round(
            services.queue,
            deployment_id=deployment,
            slot=due.run.key,
            job_id=round_job_id(deployment_id=deployment, slot=due.run.key),
            requested_by=None,
        )
        actions.append(f"enqueued {due.run.key}")
    return actions


async def resume_abandoned(services: Services) -> list[str]:
    """Queues a takeover of every recent round whose holder stopped renewing its lease.

    The holder died (a killed worker) or lost its queue (a Redis restart without data); the
    new job claims the round once the lease ran out and finishes the same groups. A round
    taken over TAKEOVER_LIMIT times is marked failed instead.
    """
    deployment = services.settings.deployment_id
    rounds = services.repositories.rounds
    resumed = []
    for found in await rounds.abandoned():
        if found.takeovers >= TAKEOVER_LIMIT:
            if await rounds.claim(slot=found.slot, owner=GIVE_UP_OWNER, seed=0) is not None:
                await rounds.fail(
                    slot=found.slot,
                    owner=GIVE_UP_OWNER,
                    error=f"taken over {found.takeovers} times without finishing",
                )
                resumed.append(f"failed {found.slot}")
            continue
        job_id = resume_job_id(deployment_id=deployment, slot=found.slot, attempt=found.attempts)
        if await enqueue_round(
            services.queue,
            deployment_id=deployment,
            slot=found.slot,
            job_id=job_id,
            requested_by=None,
        ):
            resumed.append(f"resumed {found.slot}")
    return resumed


async def schedule_tick(ctx: dict[str, Any]) -> list[str]:
    services: Services = ctx["services"]
    actions = await tick(services, now=datetime.now(UTC))
    if actions:
        log.info("schedule tick", extra={"actions": actions})
    return actions


async def resume_rounds(ctx: dict[str, Any]) -> list[str]:
    services: Services = ctx["services"]
    try:
        actions = await resume_abandoned(services)
    except ServiceUnavailable as error:
        log.warning("rounds not looked at: %s", error.message)
        return []
    if actions:
        log.warning("took over rounds whose worker stopped", extra={"actions": actions})
    return actions


JOBS = (run_round, schedule_tick, resume_rounds)
