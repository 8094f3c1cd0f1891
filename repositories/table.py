"""The single table's definition: keys, indexes and TTL, declared once."""

from __future__ import annotations

from typing import Any

PARTITION_KEY = "PK"
SORT_KEY = "SK"
TTL_ATTRIBUTE = "expires_at"

# Each GSI's keys lead with the deployment id, like the table's own keys.
GLOBAL_INDEXES: tuple[tuple[str, str, str], ...] = (
    ("GSI1", "GSI1PK", "GSI1SK"),
    ("GSI2", "GSI2PK", "GSI2SK"),
)


def table_definition(table_name: str) -> dict[str, Any]:
    """Arguments for DynamoDB CreateTable, also rendered into the ACK manifest."""
    attributes = [PARTITION_KEY, SORT_KEY]
    for _, pk, sk in GLOBAL_INDEXES:
        attributes += [pk, sk]
    return {
        "TableName": table_name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [
            {"AttributeName": name, "AttributeType": "S"} for name in attributes
        ],
        "KeySchema": [
            {"AttributeName": PARTITION_KEY, "KeyType": "HASH"},
            {"AttributeName": SORT_KEY, "KeyType": "RANGE"},
        ],
        "GlobalSecondaryIndexes": [
            {
                "IndexName": index,
                "KeySchema": [
                    {"AttributeName": pk, "KeyType": "HASH"},
                    {"AttributeName": sk, "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
            for index, pk, sk in GLOBAL_INDEXES
        ],
    }


def time_to_live(table_name: str) -> dict[str, Any]:
    """Arguments for UpdateTimeToLive."""
    return {
        "TableName": table_name,
        "TimeToLiveSpecification": {"Enabled": True, "AttributeName": TTL_ATTRIBUTE},
    }
