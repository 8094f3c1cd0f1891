"""The deployment configuration: defaults, versioned saves, refused secrets."""

from __future__ import annotations

import asyncio

import pytest

from core.errors import BadUserInput, Conflict
from repositories.bundle import Repositories
from repositories.models import ChannelConfig, DeploymentConfig, validated
from repositories.models.users import Channel
from tests.repositories.conftest import Clock


async def test_an_unsaved_configuration_reads_as_defaults(repos: Repositories) -> None:
    config = await repos.config.get()
    assert config.version == 0
    assert config.meeting_size == 2


async def test_saves_are_versioned_and_a_stale_one_is_refused(
    repos: Repositories, clock: Clock
) -> None:
    first = DeploymentConfig(
        schedule="0 9 * * TUE",
        timezone="Europe/Berlin",
        group_size=3,
        admin_emails=["Boss@Example.com"],
        allowed_email_domains=["@example.com"],
        channels={Channel.EMAIL: ChannelConfig(enabled=True, settings={"from": "c@example.com"})},
    )
    saved = await repos.config.update(config=first, expected_version=0)
    assert saved.version == 1
    assert saved.updated_at == clock.now
    assert await repos.config.get() == saved
    assert saved.admin_emails == ["boss@example.com"]

    racing = await asyncio.gather(
        repos.config.update(
            config=saved.model_copy(update={"meeting_size": 4}), expected_version=1
        ),
        repos.config.update(
            config=saved.model_copy(update={"meeting_size": 5}), expected_version=1
        ),
        return_exceptions=True,
    )

    assert sum(isinstance(result, Conflict) for result in racing) == 1
    stored = await repos.config.get()
    assert stored.version == 2
    assert stored.meeting_size in (4, 5)
    with pytest.raises(Conflict):
        await repos.config.update(config=DeploymentConfig(), expected_version=0)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"schedule": "every monday"}, "schedule"),
        ({"timezone": "Europe/Atlantis"}, "timezone"),
        ({"group_size": 1}, "group_size"),
        ({"allowed_email_domains": ["not a domain"]}, "allowed_email_domains"),
        ({"channels": {"slack": {"enabled": True, "settings": {"bot_token": "x"}}}}, "channels"),
    ],
)
def test_bad_configuration_names_the_field(data: dict[str, object], field: str) -> None:
    with pytest.raises(BadUserInput) as refused:
        validated(DeploymentConfig, data)
    assert any(name.startswith(field) for name in refused.value.fields)
