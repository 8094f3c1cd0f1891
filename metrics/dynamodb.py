"""Counting DynamoDB's throttling answers, from botocore's retry event of a client."""

from __future__ import annotations

from typing import Any

from metrics.registry import DYNAMODB_THROTTLED

THROTTLING_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "Throttling",
    }
)


def _on_response(response: Any = None, operation: Any = None, **_: Any) -> None:
    if not response:
        return
    parsed = response[1] if isinstance(response, tuple) and len(response) == 2 else None
    code = (parsed or {}).get("Error", {}).get("Code") if isinstance(parsed, dict) else None
    if code in THROTTLING_CODES:
        DYNAMODB_THROTTLED.labels(getattr(operation, "name", "unknown")).inc()


def count_throttling(client: Any) -> None:
    """Every answer of every attempt passes botocore's needs-retry event; throttles are counted."""
    client.meta.events.register("needs-retry.dynamodb", _on_response)
