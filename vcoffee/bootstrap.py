"""First start of a deployment: its table exists and its configuration is seeded."""

from __future__ import annotations

from vcoffee.resources import dynamodb_client
from vcoffee.settings import Settings
from vcoffee.tables import ensure_table


async def bootstrap(settings: Settings) -> bool:
    """Returns True when the table was created by this call."""
    async with dynamodb_client(settings) as client:
        return await ensure_table(client, table_name=settings.table_name)
