"""A deployment's first start creates its table and seeds its configuration exactly once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devtools.stack import Endpoints
from repositories.bundle import Repositories
from repositories.models.config import DeploymentConfig
from runtime.bootstrap import bootstrap
from runtime.services import cursor_secret
from tests.conftest import make_settings

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


async def test_first_start_creates_and_seeds_then_keeps_edits(
    endpoints: Endpoints, dynamodb: DynamoDBClient
) -> None:
    settings = make_settings(
        endpoints,
        match_schedule="30 10 * * wed",
        match_time_zone="Europe/Berlin",
        group_size=3,
        admin_emails=["boss@example.com"],
    )
    try:
        assert await bootstrap(settings) is True
        repos = Repositories.create(
            client=dynamodb,
            table_name=settings.table_name,
            deployment_id=settings.deployment_id,
            cursor_secret=cursor_secret(settings),
        )
        seeded = await repos.config.get()
        assert (seeded.schedule, seeded.time_zone, seeded.meeting_size) == (
            "30 10 * * wed",
            "Europe/Berlin",
            3,
        )
        assert seeded.admin_emails == ["boss@example.com"]
        edited = DeploymentConfig.model_validate(seeded.model_dump() | {"group_size": 4})
        await repos.config.update(config=edited, expected_version=seeded.version)
        assert await bootstrap(settings) is False
        assert (await repos.config.get()).meeting_size == 4
    finally:
        await dynamodb.delete_table(TableName=settings.table_name)
