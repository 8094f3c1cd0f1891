"""The DynamoDB client runs only the per-call handlers it needs, and still talks to the table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runtime.resources import IDLE_HOOKS

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


def handler_names(client: DynamoDBClient, event: str) -> list[str]:
    emitter = client.meta.events._emitter  # type: ignore[attr-defined]
    return [getattr(h, "__name__", repr(h)) for h in emitter._handlers.prefix_search(event)]


async def test_idle_handlers_are_gone_and_requests_carry_the_fixed_agent(
    dynamodb: DynamoDBClient, table: str
) -> None:
    for event, name in IDLE_HOOKS:
        assert name not in handler_names(dynamodb, f"{event}.dynamodb.GetItem")
    assert "rebuild_and_replace_user_agent_handler" not in handler_names(
        dynamodb, "request-created.dynamodb.GetItem"
    )
    # Signing and retries stay.
    assert "handler" in handler_names(dynamodb, "request-created.dynamodb.GetItem")
    assert "needs_retry" in handler_names(dynamodb, "needs-retry.dynamodb.GetItem")

    sent: list[str] = []

    def capture(request: Any, **_: Any) -> None:
        sent.append(request.headers["User-Agent"].decode())

    dynamodb.meta.events.register("before-send.dynamodb.PutItem", capture)
    await dynamodb.put_item(TableName=table, Item={"PK": {"S": "a"}, "SK": {"S": "b"}})
    found = await dynamodb.get_item(TableName=table, Key={"PK": {"S": "a"}, "SK": {"S": "b"}})
    assert found["Item"] == {"PK": {"S": "a"}, "SK": {"S": "b"}}
    assert len(sent) == 1
    assert sent[0].startswith("virtual-coffee ")
