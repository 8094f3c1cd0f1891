"""The item answers read as plain JSON equal what botocore's own parser makes of them."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import aioboto3
import botocore.session
import pytest
from botocore.model import Shape

from config.settings import Settings
from repositories.attributes import from_item, to_item
from repositories.response_parser import PLAIN_JSON_OUTPUTS, ItemJSONParser
from runtime.resources import BOTO_CONFIG

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient

EVERY_KIND = {
    "PK": "USER#1",
    "SK": "PROFILE",
    "text": "Grüße ☕",
    "whole": 42,
    "negative": -7,
    "fraction": 2.5,
    "yes": True,
    "no": False,
    "nested": {"list": [1, "two", {"three": 3.0}], "empty": {}, "nothing": None},
    "blob": b"\x00\x01\xfe\xff coffee",
}
SETS = {
    "strings": {"SS": ["a", "b"]},
    "numbers": {"NS": ["1", "2.5"]},
    "blobs": {"BS": [b"\x00", b"\xff\x10"]},
}


@contextlib.asynccontextmanager
async def stock_client(settings: Settings) -> AsyncIterator[DynamoDBClient]:
    """A client with botocore's own response parser, as a reference."""
    session = aioboto3.Session(
        aws_access_key_id="local",
        aws_secret_access_key="local",
        region_name=settings.aws_region,
    )
    async with session.client(
        "dynamodb", endpoint_url=settings.dynamodb_endpoint, config=BOTO_CONFIG
    ) as client:
        yield client


def blobs_or_timestamps(shape: Shape, path: str, seen: frozenset[str]) -> list[str]:
    """Members outside attribute values that botocore would turn into bytes or datetimes."""
    if shape.name == "AttributeValue":
        return []
    if shape.type_name in ("blob", "timestamp"):
        return [f"{path}: {shape.type_name}"]
    if shape.name in seen:
        return []
    seen = seen | {shape.name}
    children: list[tuple[str, Shape]] = []
    if shape.type_name == "structure":
        children = [(f"{path}.{name}", member) for name, member in shape.members.items()]  # type: ignore[attr-defined]
    elif shape.type_name == "list":
        children = [(f"{path}[]", shape.member)]  # type: ignore[attr-defined]
    elif shape.type_name == "map":
        children = [(f"{path}{{}}", shape.value)]  # type: ignore[attr-defined]
    return [found for name, child in children for found in blobs_or_timestamps(child, name, seen)]


def test_the_plain_outputs_hold_nothing_botocore_would_convert() -> None:
    model = botocore.session.get_session().get_service_model("dynamodb")
    outputs = {
        model.operation_model(name).output_shape.name: name  # type: ignore[union-attr]
        for name in model.operation_names
        if model.operation_model(name).output_shape is not None
    }
    assert set(outputs) >= PLAIN_JSON_OUTPUTS
    for shape_name in sorted(PLAIN_JSON_OUTPUTS):
        shape = model.operation_model(outputs[shape_name]).output_shape
        assert shape is not None
        assert blobs_or_timestamps(shape, shape_name, frozenset()) == []
    # The walk does find what it looks for: DescribeTable's answer has a timestamp.
    described = model.operation_model("DescribeTable").output_shape
    assert described is not None
    assert blobs_or_timestamps(described, "DescribeTable", frozenset()) != []


async def test_items_read_the_same_as_with_botocores_parser(
    dynamodb: DynamoDBClient, table: str, settings: Settings
) -> None:
    raw = to_item(EVERY_KIND)
    await dynamodb.put_item(TableName=table, Item={**raw, **SETS})  # type: ignore[dict-item]
    key = {"PK": {"S": "USER#1"}, "SK": {"S": "PROFILE"}}

    async def reads(client: DynamoDBClient) -> list[Any]:
        got = await client.get_item(TableName=table, Key=key, ConsistentRead=True)
        queried = await client.query(
            TableName=table,
            KeyConditionExpression="PK = :pk",
            ExpressionAttributeValues={":pk": {"S": "USER#1"}},
        )
        batch = await client.batch_get_item(RequestItems={table: {"Keys": [key]}})
        updated = await client.update_item(
            TableName=table,
            Key=key,
            UpdateExpression="SET whole = :whole",
            ExpressionAttributeValues={":whole": {"N": "42"}},
            ReturnValues="ALL_NEW",
        )
        return [
            from_item(got["Item"]),
            [from_item(item) for item in queried["Items"]],
            [from_item(item) for item in batch["Responses"][table]],
            from_item(updated["Attributes"]),
        ]

    async with stock_client(settings) as stock:
        expected = await reads(stock)
    ours = await reads(dynamodb)
    assert ours == expected
    item = ours[0]
    assert item["blob"] == EVERY_KIND["blob"]
    assert item["blobs"] == [b"\x00", b"\xff\x10"]
    assert item["fraction"] == 2.5
    assert item["whole"] == 42
    assert item["nested"] == EVERY_KIND["nested"]


async def test_the_application_client_uses_the_item_parser(dynamodb: DynamoDBClient) -> None:
    endpoint = dynamodb._endpoint  # type: ignore[attr-defined]
    assert isinstance(endpoint._response_parser_factory.create_parser("json"), ItemJSONParser)


async def test_errors_are_still_parsed_by_botocore(dynamodb: DynamoDBClient, table: str) -> None:
    item = to_item({"PK": "X", "SK": "Y"})
    await dynamodb.put_item(TableName=table, Item=item)
    with pytest.raises(dynamodb.exceptions.ConditionalCheckFailedException) as failed:
        await dynamodb.put_item(
            TableName=table, Item=item, ConditionExpression="attribute_not_exists(PK)"
        )
    assert failed.value.response["Error"]["Code"] == "ConditionalCheckFailedException"
    with pytest.raises(dynamodb.exceptions.TransactionCanceledException) as cancelled:
        await dynamodb.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": table,
                        "Item": item,
                        "ConditionExpression": "attribute_not_exists(PK)",
                    }
                }
            ]
        )
    reasons = cancelled.value.response.get("CancellationReasons", [])
    assert [reason.get("Code") for reason in reasons] == ["ConditionalCheckFailed"]
