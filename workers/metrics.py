"""Worker metrics: rounds, notifications, and the gauges the alerts compare with the schedule."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from croniter import croniter

from metrics.registry import (
    LAST_DUE_SLOT,
    LAST_FINISHED_SLOT,
    NOTIFICATION_DELIVERIES,
    NOTIFICATIONS,
    QUEUE_JOBS,
    ROUND_DURATION,
    ROUND_GROUPS,
    ROUND_PARTICIPANTS,
    ROUND_QUALITY,
    ROUNDS,
)
from notifications.ports import DeliveryOutcome
from repositories.models.rounds import MatchRound, RoundStatus
from rounds.service import rounds_queue_name
from runtime.services import Services, queue_name

log = logging.getLogger(__name__)
FINISHED = frozenset({RoundStatus.COMPLETED, RoundStatus.SKIPPED})


def slot_time(slot: str) -> datetime:
    """A slot key (2026-11-30T09:00Z, or a date for a round run by hand) as a UTC instant."""
    if len(slot) == 10:
        return datetime.fromisoformat(slot).replace(tzinfo=UTC)
    return datetime.strptime(slot, "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)


def _observe_record(record: MatchRound) -> None:
    if record.input_size is not None:
        ROUND_PARTICIPANTS.set(record.input_size)
    if record.group_count is not None:
        ROUND_GROUPS.set(record.group_count)
    quality = record.quality
    if quality is not None:
        ROUND_QUALITY.labels("repeats").set(quality.repeats)
        ROUND_QUALITY.labels("groups_without_common_window").set(
            quality.groups_without_common_window
        )
        ROUND_QUALITY.labels("unmatched").set(quality.unmatched)
        if quality.cross_team_share is not None:
            ROUND_QUALITY.labels("cross_team_share").set(quality.cross_team_share)


async def record_round(services: Services, *, slot: str, status: str, seconds: float) -> None:
    """After a round job: how it ended, how long it took, and its size and quality."""
    ROUNDS.labels(status).inc()
    if status != RoundStatus.COMPLETED.value:
        return
    ROUND_DURATION.observe(seconds)
    try:
        record = await services.repositories.rounds.get(slot=slot)
    except Exception:
        # The round is done; only its size and quality go unreported.
        log.warning("could not read the round for its metrics", extra={"slot": slot}, exc_info=True)
        return
    if record is not None:
        _observe_record(record)


def record_delivery(outcome: DeliveryOutcome) -> None:
    """One person's notification: each attempt by channel, and how the delivery ended."""
    NOTIFICATION_DELIVERIES.labels(outcome.status).inc()
    attempts = [a for a in outcome.attempts if a.outcome != "already_claimed"]
    for index, attempt in enumerate(attempts):
        if attempt.outcome == "sent":
            NOTIFICATIONS.labels(attempt.channel, "sent").inc()
            continue
        retried = any(later.channel == attempt.channel for later in attempts[index + 1 :])
        NOTIFICATIONS.labels(attempt.channel, "retried" if retried else "failed").inc()


async def refresh_gauges(ctx: dict[str, Any]) -> None:
    """Queue depth, the latest due slot and the latest finished round (an arq cron job)."""
    await refresh(ctx["services"], now=datetime.now(UTC))


async def refresh(services: Services, *, now: datetime) -> None:
    rounds = rounds_queue_name(services.settings.deployment_id)
    QUEUE_JOBS.set(
        await services.redis.zcard(queue_name(services.settings))
        + await services.redis.zcard(rounds)
    )
    config = await services.repositories.config.get()
    due = croniter(config.schedule, now.astimezone(ZoneInfo(config.time_zone))).get_prev(datetime)
    # A slot before the configuration was saved is not due (the tick does not run it either).
    not_yet = config.updated_at is not None and due < config.updated_at
    LAST_DUE_SLOT.set(0 if not_yet else due.timestamp())
    page = await services.repositories.rounds.list_rounds(limit=20)
    finished = [r for r in page.items if r.status in FINISHED]
    if finished:
        LAST_FINISHED_SLOT.set(max(slot_time(r.slot).timestamp() for r in finished))
