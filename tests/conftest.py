"""Real services for the whole test session: DynamoDB Local and Redis, started once."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from redis.asyncio import Redis

from config.settings import Settings
from devtools.stack import Endpoints, test_services
from repositories.table import table_definition, time_to_live
from runtime.resources import dynamodb_client

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


@pytest.fixture(scope="session")
def endpoints(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoints]:
    """Services started by `make test`, or started here when pytest runs alone."""
    dynamo = os.environ.get("VCOFFEE_TEST_DYNAMODB_ENDPOINT")
    redis_url = os.environ.get("VCOFFEE_TEST_REDIS_URL")
    if dynamo and redis_url:
        yield Endpoints(dynamodb_url=dynamo, redis_url=redis_url)
        return
    with test_services(log_dir=Path(tmp_path_factory.mktemp("services"))) as started:
        yield started


def make_settings(endpoints: Endpoints, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": "test",
        "deployment_id": "team-a",
        "table_name": f"test-{uuid.uuid4().hex[:12]}",
        "dynamodb_endpoint": endpoints.dynamodb_url,
        "dynamodb_transaction_limit": 10,
        "redis_url": endpoints.redis_url,
        "session_secret": "test-session-secret-0123456789abcdef",
        "jwt_signing_keys": "test-jwt-key-0123456789abcdef0123456789",
        "public_url": "http://127.0.0.1:8000",
        # Every test calls from 127.0.0.1 within minutes; the tests of the limits set their own.
        "client_requests_per_minute": 1_000_000,
        "person_requests_per_minute": 1_000_000,
        "sign_ins_per_minute": 1_000_000,
        "refreshes_per_minute": 1_000_000,
    }
    values.update(overrides)
    return Settings.model_validate(values)


@pytest.fixture
def settings(endpoints: Endpoints) -> Settings:
    """Settings of deployment team-a with a table of its own."""
    return make_settings(endpoints)


@pytest.fixture
async def dynamodb(settings: Settings) -> AsyncIterator[DynamoDBClient]:
    async with dynamodb_client(settings) as client:
        yield client


async def create_table(dynamodb: DynamoDBClient, name: str) -> None:
    """Creates the table `name`, fresh to this test, with the production definition.

    On a busy machine DynamoDB Local may answer CreateTable after the client's read timeout;
    the client then retries, and the retry finds the table its first attempt made.
    """
    try:
        await dynamodb.create_table(**table_definition(name))
    except dynamodb.exceptions.ResourceInUseException:
        description = await dynamodb.describe_table(TableName=name)
        if description["Table"]["KeySchema"] != table_definition(name)["KeySchema"]:
            raise


@pytest.fixture
async def table(dynamodb: DynamoDBClient, settings: Settings) -> AsyncIterator[str]:
    """A fresh table with the production definition, deleted afterwards."""
    await create_table(dynamodb, settings.table_name)
    await dynamodb.update_time_to_live(**time_to_live(settings.table_name))
    yield settings.table_name
    await dynamodb.delete_table(TableName=settings.table_name)


@pytest.fixture
async def redis(settings: Settings) -> AsyncIterator[Redis]:
    client = Redis.from_url(settings.redis_url)
    yield client
    await client.aclose()
