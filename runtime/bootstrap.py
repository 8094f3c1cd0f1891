"""First start of a deployment: its table exists and its configuration is seeded."""

from __future__ import annotations

import contextlib

from config.settings import Settings
from core.errors import Conflict
from repositories.bundle import Repositories
from repositories.models.config import DeploymentConfig
from runtime.resources import dynamodb_client
from runtime.services import cursor_secret
from runtime.tables import ensure_table


def seed_config(settings: Settings) -> DeploymentConfig:
    return DeploymentConfig(
        schedule=settings.match_schedule,
        timezone=settings.match_time_zone,
        group_size=settings.group_size,
        admin_emails=settings.admin_emails,
    )


async def bootstrap(settings: Settings) -> bool:
    """Returns True when the table was created by this call; seeds the config once."""
    async with dynamodb_client(settings) as client:
        created = await ensure_table(client, table_name=settings.table_name)
        repositories = Repositories.create(
            client=client,
            table_name=settings.table_name,
            deployment_id=settings.deployment_id,
            cursor_secret=cursor_secret(settings),
            transaction_limit=settings.dynamodb_transaction_limit,
        )
        if (await repositories.config.get()).version == 0:
            # Another process may seed it first; theirs stands.
            with contextlib.suppress(Conflict):
                await repositories.config.update(config=seed_config(settings), expected_version=0)
        return created
