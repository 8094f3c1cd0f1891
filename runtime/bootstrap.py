"""First start of a deployment: its table exists and its configuration is seeded."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from config.settings import Settings
from core.errors import Conflict
from repositories.bundle import Repositories
from repositories.models.config import DeploymentConfig
from runtime.resources import dynamodb_client
from runtime.services import cursor_secret
from runtime.tables import ensure_table

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


def seed_config(settings: Settings) -> DeploymentConfig:
    return DeploymentConfig(
        schedule=settings.match_schedule,
        time_zone=settings.match_time_zone,
        meeting_size=settings.group_size,
        admin_emails=settings.admin_emails,
    )


async def _seed_once(client: DynamoDBClient, settings: Settings) -> bool:
    repositories = Repositories.create(
        client=client,
        table_name=settings.table_name,
        deployment_id=settings.deployment_id,
        cursor_secret=cursor_secret(settings),
        transaction_limit=settings.dynamodb_transaction_limit,
    )
    if (await repositories.config.get()).version != 0:
        return False
    # Another process may seed it first; theirs stands.
    with contextlib.suppress(Conflict):
        await repositories.config.update(config=seed_config(settings), expected_version=0)
        return True
    return False


async def seed_config_once(settings: Settings) -> bool:
    """Seeds the configuration of an existing table; True when this call wrote it.

    Only GetItem and a conditional PutItem on the configuration item: what the deployment's
    bootstrap Job is allowed, so it can run on every sync and never overwrite admins' edits.
    """
    async with dynamodb_client(settings) as client:
        return await _seed_once(client, settings)


async def bootstrap(settings: Settings) -> bool:
    """Returns True when the table was created by this call; seeds the config once."""
    async with dynamodb_client(settings) as client:
        created = await ensure_table(client, table_name=settings.table_name)
        await _seed_once(client, settings)
        return created
