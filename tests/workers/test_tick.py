"""The cron tick turns the stored schedule into exactly one queued round per slot."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from arq.jobs import Job, JobStatus

from repositories.models.config import DeploymentConfig
from repositories.models.rounds import RoundStatus
from rounds.service import round_job_id
from runtime.services import Services
from workers.jobs import tick

QUEUE = "vcoffee:team-a:rounds"


async def _configure(services: Services, **changes: object) -> None:
    repos = services.repositories
    current = await repos.config.get()
    config = DeploymentConfig.model_validate(current.model_dump() | changes)
    await repos.config.update(config=config, expected_version=current.version)


def first_after(moment: datetime, *, weekday: int, hour: int, zone: ZoneInfo) -> datetime:
    """The first local `hour`:00 on `weekday` in `zone` strictly after `moment`, in UTC."""
    local = moment.astimezone(zone)
    for days in range(8):
        day = (local + timedelta(days=days)).date()
        candidate = datetime(day.year, day.month, day.day, hour, tzinfo=zone)
        if candidate.weekday() == weekday and candidate > moment:
            return candidate.astimezone(UTC)
    raise AssertionError("a weekday comes round within eight days")


def test_first_after_counts_the_same_day_until_its_hour_has_passed() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    monday_early = datetime(2026, 11, 30, 0, 31, tzinfo=UTC)  # 01:31 in Berlin, a Monday
    assert first_after(monday_early, weekday=0, hour=9, zone=berlin) == datetime(
        2026, 11, 30, 8, 0, tzinfo=UTC
    )
    monday_late = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    assert first_after(monday_late, weekday=0, hour=9, zone=berlin) == datetime(
        2026, 12, 7, 8, 0, tzinfo=UTC
    )
    summer = datetime(2026, 6, 3, 12, 0, tzinfo=UTC)  # a Wednesday; Berlin is UTC+2
    assert first_after(summer, weekday=0, hour=9, zone=berlin) == datetime(
        2026, 6, 8, 7, 0, tzinfo=UTC
    )


async def test_a_due_slot_is_queued_once_in_local_time(services: Services) -> None:
    await _configure(services, schedule="0 9 * * mon", timezone="Europe/Berlin")
    # The first Monday 09:00 Berlin after the config was saved; the clock is 10 minutes past it.
    slot_utc = first_after(datetime.now(UTC), weekday=0, hour=9, zone=ZoneInfo("Europe/Berlin"))
    first = await tick(services, now=slot_utc + timedelta(minutes=10))
    key = slot_utc.strftime("%Y-%m-%dT%H:%MZ")
    assert first == [f"enqueued {key}"]
    second = await tick(services, now=slot_utc + timedelta(minutes=11))
    assert second == [f"enqueued {key}"]
    job = Job(
        round_job_id(deployment_id="team-a", slot=key),
        services.redis,
        _queue_name=QUEUE,
    )
    assert await job.status() is JobStatus.queued
    queued = [m for m in await services.redis.zrange(QUEUE, 0, -1) if m.startswith(b"run_round:")]
    assert queued == [round_job_id(deployment_id="team-a", slot=key).encode()]


async def test_a_slot_missed_beyond_grace_is_recorded_as_skipped(services: Services) -> None:
    await _configure(services, schedule="0 9 * * *", timezone="UTC", grace_period_hours=1)
    # Config was just saved, so only slots after that count: the first 09:00 UTC after now,
    # seen three hours late.
    saved = datetime.now(UTC)
    first = saved.replace(hour=9, minute=0, second=0, microsecond=0)
    if first <= saved:
        first += timedelta(days=1)
    now = first + timedelta(hours=3)
    actions = await tick(services, now=now)
    key = first.strftime("%Y-%m-%dT%H:%MZ")
    assert actions == [f"skipped {key}"]
    stored = await services.repositories.rounds.get(slot=key)
    assert stored is not None
    assert stored.status is RoundStatus.SKIPPED
    assert await tick(services, now=now) == []


async def test_a_stored_schedule_that_never_fires_stops_the_tick_with_a_coded_log(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    # A schedule saved before the API refused those that do not fire within a year.
    await _configure(services, schedule="0 9 30 2 *", timezone="UTC")
    now = datetime.now(UTC)
    queued_before = await services.redis.zrange(QUEUE, 0, -1)

    with caplog.at_level(logging.ERROR, logger="workers.jobs"):
        assert await tick(services, now=now) == ["schedule never fires"]

    [record] = [r for r in caplog.records if getattr(r, "code", None) == "SCHEDULE_NEVER_FIRES"]
    assert getattr(record, "schedule", None) == "0 9 30 2 *"
    assert (await services.repositories.rounds.list_rounds()).items == []
    assert await services.redis.zrange(QUEUE, 0, -1) == queued_before


async def test_a_new_deployment_has_missed_nothing(services: Services) -> None:
    # Neither its configuration saved nor a round run: the Mondays of the last weeks were
    # before it existed, so none of them is recorded as skipped.
    monday_late = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    assert await tick(services, now=monday_late) == []
    assert (await services.repositories.rounds.list_rounds(limit=10)).items == []
