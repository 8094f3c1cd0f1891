"""Creates the deployment's table from the one definition, when it does not exist yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from repositories.table import table_definition, time_to_live

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


async def ensure_table(client: DynamoDBClient, *, table_name: str) -> bool:
    """Returns True when the table was created now, False when it already existed."""
    existing = await client.list_tables()
    names = set(existing.get("TableNames", []))
    while "LastEvaluatedTableName" in existing and table_name not in names:
        existing = await client.list_tables(
            ExclusiveStartTableName=existing["LastEvaluatedTableName"]
        )
        names.update(existing.get("TableNames", []))
    if table_name in names:
        return False
    await client.create_table(**table_definition(table_name))
    waiter = client.get_waiter("table_exists")
    await waiter.wait(TableName=table_name, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    await client.update_time_to_live(**time_to_live(table_name))
    return True
