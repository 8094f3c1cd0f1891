"""Throttling answers from DynamoDB are counted, each attempt once, by operation."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from botocore.exceptions import ClientError
from prometheus_client import REGISTRY

from devtools.stack import Endpoints
from runtime.resources import dynamodb_client
from tests.conftest import make_settings

THROTTLED = "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException"


@pytest.fixture
async def throttling_dynamodb() -> AsyncIterator[tuple[str, list[str]]]:
    """A local endpoint that answers every DynamoDB call as throttled, as DynamoDB does."""
    targets: list[str] = []

    async def answer(request: web.Request) -> web.Response:
        targets.append(request.headers.get("x-amz-target", ""))
        body = {
            "__type": THROTTLED,
            "message": "The level of configured provisioned throughput for the table was exceeded.",
        }
        return web.Response(
            status=400,
            body=json.dumps(body),
            content_type="application/x-amz-json-1.0",
            headers={"x-amzn-RequestId": "throttled"},
        )

    app = web.Application()
    app.router.add_post("/", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}", targets
    await runner.cleanup()


def _throttled(operation: str) -> float:
    value = REGISTRY.get_sample_value(
        "vcoffee_dynamodb_throttled_requests_total", {"operation": operation}
    )
    return value or 0.0


async def test_each_throttled_attempt_is_counted(
    endpoints: Endpoints, throttling_dynamodb: tuple[str, list[str]]
) -> None:
    url, targets = throttling_dynamodb
    settings = make_settings(endpoints, dynamodb_endpoint=url)
    before = _throttled("GetItem")
    async with dynamodb_client(settings) as client:
        with pytest.raises(ClientError) as caught:
            await client.get_item(TableName="t", Key={"PK": {"S": "a"}, "SK": {"S": "b"}})
    assert caught.value.response["Error"]["Code"] == "ProvisionedThroughputExceededException"
    assert targets == ["DynamoDB_20120810.GetItem"] * len(targets)
    assert len(targets) >= 2  # retried
    assert _throttled("GetItem") - before == len(targets)
