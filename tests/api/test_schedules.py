"""Round schedules fire at least once a year; one stored before that rule breaks nothing."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api

UPDATE = """mutation($schedule: String!) {
  updateDeploymentConfig(input: {schedule: $schedule}) { schedule } }"""
SETTINGS = "{ deploymentSettings { schedule nextRoundAt } }"


@pytest.mark.parametrize(
    "schedule",
    ["0 9 30 2 *", "0 9 31 4 *", "0 9 29 2 *", "0 9 31 11 *"],
    ids=["30-february", "31-april", "29-february", "31-november"],
)
async def test_a_schedule_that_does_not_fire_yearly_is_refused_naming_it(
    api: Api, schedule: str
) -> None:
    admin = await api.person("root", admin=True)
    error = await api.error(UPDATE, {"schedule": schedule}, as_=admin)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["schedule"]}
    assert "once a year" in error["message"]
    assert (await api.repositories.config.get()).version == 0


@pytest.mark.parametrize("schedule", ["0 9 1 1 *", "0 9 * * mon", "30 17 28 2 *"])
async def test_yearly_and_more_frequent_schedules_are_accepted(api: Api, schedule: str) -> None:
    admin = await api.person("root", admin=True)
    saved = await api.data(UPDATE, {"schedule": schedule}, as_=admin)
    assert saved["updateDeploymentConfig"]["schedule"] == schedule
    settings = (await api.data(SETTINGS))["deploymentSettings"]
    assert settings["nextRoundAt"] is not None


async def test_a_stored_schedule_that_never_fires_leaves_settings_readable(api: Api) -> None:
    # Saved as the previous release allowed: through the repository, without the yearly rule.
    repository = api.repositories.config
    current = await repository.get()
    await repository.update(
        config=current.model_copy(update={"schedule": "0 9 30 2 *"}),
        expected_version=current.version,
    )
    settings = (await api.data(SETTINGS))["deploymentSettings"]
    assert settings == {"schedule": "0 9 30 2 *", "nextRoundAt": None}
    admin = await api.person("root", admin=True)
    fixed = await api.data(UPDATE, {"schedule": "0 9 * * mon"}, as_=admin)
    assert fixed["updateDeploymentConfig"]["schedule"] == "0 9 * * mon"
