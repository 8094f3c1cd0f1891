"""The gauges the round alert compares (latest due slot, latest finished round) and the queue."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from prometheus_client import REGISTRY

from config.settings import Settings
from devtools.stack import Endpoints
from repositories.models.config import DeploymentConfig
from runtime.services import Services, queue_name
from tests.conftest import make_settings
from tests.workers.conftest import services  # noqa: F401 (the fixture)
from workers.metrics import refresh, slot_time


@pytest.fixture
def settings(endpoints: Endpoints) -> Settings:
    # A deployment of its own, so its queue holds only this test's jobs.
    return make_settings(endpoints, deployment_id=f"gauges-{uuid.uuid4().hex[:8]}")


def _gauge(name: str) -> float:
    value = REGISTRY.get_sample_value(name)
    assert value is not None, name
    return value


async def test_due_and_finished_slots_and_queue_depth(services: Services) -> None:  # noqa: F811
    repos = services.repositories
    saved = await repos.config.update(
        config=DeploymentConfig(schedule="0 9 * * mon", time_zone="Europe/Berlin"),
        expected_version=0,
    )
    assert saved.updated_at is not None
    # Right after the schedule was saved, no slot of it has been due yet.
    await refresh(services, now=saved.updated_at + timedelta(seconds=1))
    assert _gauge("vcoffee_schedule_last_due_slot_timestamp_seconds") == 0
    assert _gauge("vcoffee_round_last_finished_slot_timestamp_seconds") == 0

    # Eight days later the last Monday 9:00 in Berlin is due, and nothing finished it.
    later = saved.updated_at + timedelta(days=8)
    await refresh(services, now=later)
    due = datetime.fromtimestamp(_gauge("vcoffee_schedule_last_due_slot_timestamp_seconds"), UTC)
    assert due <= later < due + timedelta(days=7)
    local = due.astimezone(ZoneInfo("Europe/Berlin"))
    assert (local.weekday(), local.hour, local.minute) == (0, 9, 0)
    slot = due.strftime("%Y-%m-%dT%H:%MZ")

    claimed = await repos.rounds.claim(slot=slot, owner="test", seed=1)
    assert claimed is not None
    await repos.rounds.skip(slot=slot, owner="test", reason="fewer than two participants")
    queue = queue_name(services.settings)
    for index in range(2):
        await services.queue.enqueue_job("run_round", _job_id=f"gauge-{index}", _queue_name=queue)
    try:
        await refresh(services, now=later)
        assert _gauge("vcoffee_round_last_finished_slot_timestamp_seconds") == due.timestamp()
        assert _gauge("vcoffee_queue_jobs") == 2
    finally:
        await services.queue.delete(queue, "arq:job:gauge-0", "arq:job:gauge-1")


def test_slot_keys_read_as_utc_instants() -> None:
    assert slot_time("2026-11-30T08:00Z") == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    assert slot_time("2026-11-30") == datetime(2026, 11, 30, tzinfo=UTC)
