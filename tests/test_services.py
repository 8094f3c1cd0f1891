"""The real services the suite runs against answer, and DynamoDB Local is loopback-only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from redis.asyncio import Redis

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


async def test_table_has_the_production_definition(dynamodb: DynamoDBClient, table: str) -> None:
    described = await dynamodb.describe_table(TableName=table)
    indexes = {index["IndexName"] for index in described["Table"].get("GlobalSecondaryIndexes", [])}
    assert indexes == {"GSI1", "GSI2"}
    ttl = await dynamodb.describe_time_to_live(TableName=table)
    assert ttl["TimeToLiveDescription"].get("AttributeName") == "expires_at"


async def test_redis_round_trip(redis: Redis) -> None:
    await redis.set("vcoffee:test:ping", b"pong", ex=5)
    assert await redis.get("vcoffee:test:ping") == b"pong"
