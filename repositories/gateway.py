"""The one door to the table: every call goes through the circuit breaker and maps its errors."""

from __future__ import annotations

import asyncio
import functools
import random
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import aiohttp
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    HTTPClientError,
    ReadTimeoutError,
)

from core.errors import BadUserInput, ServiceUnavailable
from repositories.attributes import Item, from_item, to_item, to_values
from repositories.breaker import CircuitBreaker, Unavailable
from repositories.keys import Keys
from repositories.models.common import utc_now
from repositories.table import PARTITION_KEY, SORT_KEY

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient

T = TypeVar("T")
Key = tuple[str, str]

BATCH_GET_LIMIT = 100
BATCH_WRITE_LIMIT = 25
TRANSACTION_LIMIT = 100
# Codes that mean "DynamoDB could not serve this now", after botocore's own retries.
UNAVAILABLE_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
        "TransactionInProgressException",
    }
)
NETWORK_ERRORS = (
    EndpointConnectionError,
    ConnectionClosedError,
    ConnectTimeoutError,
    ReadTimeoutError,
    HTTPClientError,
    aiohttp.ClientError,
    asyncio.TimeoutError,
    ConnectionError,
)


class ConditionFailed(Exception):
    """A conditional write found the item in another state than required."""


class TransactionCancelled(Exception):
    """A transaction was refused; `reasons` has one code (or "None") per action, in order."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(", ".join(reasons))
        self.reasons = reasons

    def failed_at(self, position: int) -> bool:
        return position < len(self.reasons) and self.reasons[position] == "ConditionalCheckFailed"


# DynamoDB's limits on key values, in UTF-8 bytes. Keys embed ids a client sends; one past
# these names nothing stored, and DynamoDB would answer with a validation error.
PARTITION_KEY_BYTES = 2048
SORT_KEY_BYTES = 1024
TOO_LONG = "an id in this request is longer than any id stored here"


def require_key_size(value: object, *, limit: int) -> None:
    if isinstance(value, str) and len(value.encode()) > limit:
        raise BadUserInput(TOO_LONG, fields=("id",))


def key_of(key: Key) -> dict[str, Any]:
    require_key_size(key[0], limit=PARTITION_KEY_BYTES)
    require_key_size(key[1], limit=SORT_KEY_BYTES)
    return to_item({PARTITION_KEY: key[0], SORT_KEY: key[1]})


async def backoff(attempt: int, *, base: float = 0.05, cap: float = 2.0) -> None:
    """Full-jitter exponential backoff, so retrying callers spread out."""
    await asyncio.sleep(random.uniform(0, min(cap, base * 2**attempt)))


class TableGateway:
    """The table of one deployment: its client, name and key builders, with error mapping."""

    def __init__(
        self,
        *,
        client: DynamoDBClient,
        table_name: str,
        keys: Keys,
        breaker: CircuitBreaker,
        clock: Callable[[], datetime] = utc_now,
        max_retries: int = 8,
        transaction_limit: int = TRANSACTION_LIMIT,
    ) -> None:
        if not 2 <= transaction_limit <= TRANSACTION_LIMIT:
            raise ValueError(f"transaction_limit must be between 2 and {TRANSACTION_LIMIT}")
        self.client = client
        self.table_name = table_name
        self.keys = keys
        self.breaker = breaker
        self.clock = clock
        self.max_retries = max_retries
        # DynamoDB takes 100 actions per transaction; DynamoDB Local builds before 2022 take 10.
        self.transaction_limit = transaction_limit

    def now(self) -> datetime:
        return self.clock()

    async def call(self, operation: Callable[[], Awaitable[T]]) -> T:
        async def guarded() -> T:
            try:
                return await operation()
            except ClientError as error:
                code = error.response.get("Error", {}).get("Code", "")
                status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
                if code in UNAVAILABLE_CODES or status >= 500:
                    raise Unavailable(code) from error
                raise
            except NETWORK_ERRORS as error:
                raise Unavailable(type(error).__name__) from error
            except BotoCoreError as error:
                raise Unavailable(type(error).__name__) from error

        try:
            return await self.breaker.call(guarded)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            if code == "ConditionalCheckFailedException":
                raise ConditionFailed(str(error)) from error
            if code == "TransactionCanceledException":
                reasons = [
                    reason.get("Code", "None")
                    for reason in error.response.get("CancellationReasons", [])
                ]
                raise TransactionCancelled(reasons) from error
            raise

    async def get(self, key: Key, *, consistent: bool = True) -> Item | None:
        response = await self.call(
            lambda: self.client.get_item(
                TableName=self.table_name, Key=key_of(key), ConsistentRead=consistent
            )
        )
        found = response.get("Item")
        return None if found is None else from_item(found)

    async def put(
        self,
        item: Mapping[str, Any],
        *,
        condition: str | None = None,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> None:
        request: dict[str, Any] = {"TableName": self.table_name, "Item": to_item(item)}
        _add_expression(request, condition=condition, names=names, values=values)
        await self.call(lambda: self.client.put_item(**request))

    async def update(
        self,
        key: Key,
        *,
        update: str,
        condition: str | None = None,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> Item:
        """Applies the update and returns the whole item as it is afterwards."""
        request: dict[str, Any] = {
            "TableName": self.table_name,
            "Key": key_of(key),
            "UpdateExpression": update,
            "ReturnValues": "ALL_NEW",
        }
        _add_expression(request, condition=condition, names=names, values=values)
        response = await self.call(lambda: self.client.update_item(**request))
        return from_item(response.get("Attributes", {}))

    async def delete(
        self,
        key: Key,
        *,
        condition: str | None = None,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> Item | None:
        """Deletes the item and returns what it held (None: there was nothing)."""
        request: dict[str, Any] = {
            "TableName": self.table_name,
            "Key": key_of(key),
            "ReturnValues": "ALL_OLD",
        }
        _add_expression(request, condition=condition, names=names, values=values)
        response = await self.call(lambda: self.client.delete_item(**request))
        old = response.get("Attributes")
        return None if old is None else from_item(old)

    async def query(
        self,
        *,
        key_condition: str,
        values: Mapping[str, Any],
        names: Mapping[str, str] | None = None,
        index: str | None = None,
        newest_first: bool = False,
        limit: int | None = None,
        start: Mapping[str, Any] | None = None,
        filter_expression: str | None = None,
        projection: str | None = None,
    ) -> tuple[list[Item], dict[str, Any] | None]:
        """One page of a query and the position after it (None at the end)."""
        request = self._query_request(
            key_condition=key_condition,
            values=values,
            names=names,
            index=index,
            newest_first=newest_first,
            filter_expression=filter_expression,
        )
        if limit is not None:
            request["Limit"] = limit
        if start is not None:
            request["ExclusiveStartKey"] = to_item(start)
        if projection is not None:
            request["ProjectionExpression"] = projection
        response = await self.call(lambda: self.client.query(**request))
        last = response.get("LastEvaluatedKey")
        return (
            [from_item(item) for item in response.get("Items", [])],
            None if last is None else from_item(last),
        )

    async def query_all(self, **arguments: Any) -> list[Item]:
        items: list[Item] = []
        async for page in self.query_pages(**arguments):
            items.extend(page)
        return items

    async def query_pages(
        self, *, start: Mapping[str, Any] | None = None, **arguments: Any
    ) -> AsyncIterator[list[Item]]:
        position = start
        while True:
            items, position = await self.query(start=position, **arguments)
            yield items
            if position is None:
                return

    async def count(
        self,
        *,
        key_condition: str,
        values: Mapping[str, Any],
        names: Mapping[str, str] | None = None,
        index: str | None = None,
        filter_expression: str | None = None,
    ) -> int:
        request = self._query_request(
            key_condition=key_condition,
            values=values,
            names=names,
            index=index,
            newest_first=False,
            filter_expression=filter_expression,
        )
        request["Select"] = "COUNT"
        total = 0
        while True:
            response = await self.call(lambda: self.client.query(**request))
            total += response.get("Count", 0)
            last = response.get("LastEvaluatedKey")
            if last is None:
                return total
            request["ExclusiveStartKey"] = last

    def _query_request(
        self,
        *,
        key_condition: str,
        values: Mapping[str, Any],
        names: Mapping[str, str] | None,
        index: str | None,
        newest_first: bool,
        filter_expression: str | None,
    ) -> dict[str, Any]:
        # The key condition's values are a partition key and a sort key (or its prefix).
        for name in set(re.findall(r":\w+", key_condition)):
            require_key_size(values.get(name), limit=PARTITION_KEY_BYTES)
        request: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": key_condition,
            "ExpressionAttributeValues": to_values(values),
            "ScanIndexForward": not newest_first,
        }
        if names:
            request["ExpressionAttributeNames"] = dict(names)
        if index is not None:
            request["IndexName"] = index
        if filter_expression is not None:
            request["FilterExpression"] = filter_expression
        return request

    async def transact(self, actions: Sequence[Mapping[str, Any]]) -> None:
        """Writes all actions or none; a conflict with another transaction is retried."""
        if not actions:
            return
        if len(actions) > self.transaction_limit:
            raise ValueError(f"a transaction takes at most {self.transaction_limit} actions")
        for attempt in range(self.max_retries):
            try:
                await self.call(lambda: self.client.transact_write_items(TransactItems=actions))  # type: ignore[arg-type]
                return
            except TransactionCancelled as cancelled:
                if "TransactionConflict" not in cancelled.reasons or any(
                    reason == "ConditionalCheckFailed" for reason in cancelled.reasons
                ):
                    raise
                await backoff(attempt)
        raise ServiceUnavailable("the table is too busy with concurrent changes; try again")

    def put_action(
        self,
        item: Mapping[str, Any],
        *,
        condition: str | None = None,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        action: dict[str, Any] = {"TableName": self.table_name, "Item": to_item(item)}
        _add_expression(action, condition=condition, names=names, values=values)
        return {"Put": action}

    def update_action(
        self,
        key: Key,
        *,
        update: str,
        condition: str | None = None,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        action: dict[str, Any] = {
            "TableName": self.table_name,
            "Key": key_of(key),
            "UpdateExpression": update,
        }
        _add_expression(action, condition=condition, names=names, values=values)
        return {"Update": action}

    def delete_action(
        self,
        key: Key,
        *,
        condition: str | None = None,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        action: dict[str, Any] = {"TableName": self.table_name, "Key": key_of(key)}
        _add_expression(action, condition=condition, names=names, values=values)
        return {"Delete": action}

    def check_action(
        self,
        key: Key,
        *,
        condition: str,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        action: dict[str, Any] = {"TableName": self.table_name, "Key": key_of(key)}
        _add_expression(action, condition=condition, names=names, values=values)
        return {"ConditionCheck": action}

    async def batch_get(
        self,
        keys: Sequence[Key],
        *,
        projection: str | None = None,
        names: Mapping[str, str] | None = None,
    ) -> list[Item | None]:
        """Items for `keys` in the same order (None where missing), 100 keys per request.

        With a `projection`, only those attributes (and the keys) are read.
        """
        unique = list(dict.fromkeys(keys))
        found: dict[Key, Item] = {}
        read: dict[str, Any] = {"ConsistentRead": True}
        if projection is not None:
            read["ProjectionExpression"] = f"{PARTITION_KEY}, {SORT_KEY}, {projection}"
            if names:
                read["ExpressionAttributeNames"] = dict(names)
        for start in range(0, len(unique), BATCH_GET_LIMIT):
            await self._batch_get_chunk(unique[start : start + BATCH_GET_LIMIT], found, read)
        return [found.get(key) for key in keys]

    async def _batch_get_chunk(
        self, chunk: Sequence[Key], found: dict[Key, Item], read: Mapping[str, Any]
    ) -> None:
        request: dict[str, Any] = {
            self.table_name: {"Keys": [key_of(key) for key in chunk], **read}
        }
        for attempt in range(self.max_retries):
            response = await self.call(
                functools.partial(self.client.batch_get_item, RequestItems=request)
            )
            for raw in response.get("Responses", {}).get(self.table_name, []):
                item = from_item(raw)
                found[(item[PARTITION_KEY], item[SORT_KEY])] = item
            request = dict(response.get("UnprocessedKeys") or {})
            if not request:
                return
            await backoff(attempt)
        raise ServiceUnavailable("DynamoDB kept some keys of a batch read unprocessed")

    async def batch_delete(self, keys: Sequence[Key]) -> None:
        unique = list(dict.fromkeys(keys))
        await self._batch_write([{"DeleteRequest": {"Key": key_of(key)}} for key in unique])

    async def _batch_write(self, requests: list[dict[str, Any]]) -> None:
        for start in range(0, len(requests), BATCH_WRITE_LIMIT):
            pending: dict[str, Any] = {self.table_name: requests[start : start + BATCH_WRITE_LIMIT]}
            for attempt in range(self.max_retries):
                response = await self.call(
                    functools.partial(self.client.batch_write_item, RequestItems=pending)
                )
                pending = dict(response.get("UnprocessedItems") or {})
                if not pending:
                    break
                await backoff(attempt)
            else:
                raise ServiceUnavailable("DynamoDB kept some writes of a batch unprocessed")

    async def scan_keys(
        self, *, filter_expression: str, values: Mapping[str, Any]
    ) -> AsyncIterator[list[Key]]:
        """Keys of matching items, a page at a time; only whole-deployment jobs scan."""
        request: dict[str, Any] = {
            "TableName": self.table_name,
            "FilterExpression": filter_expression,
            "ExpressionAttributeValues": to_values(values),
            "ProjectionExpression": f"{PARTITION_KEY}, {SORT_KEY}",
        }
        while True:
            response = await self.call(lambda: self.client.scan(**request))
            items = [from_item(raw) for raw in response.get("Items", [])]
            yield [(item[PARTITION_KEY], item[SORT_KEY]) for item in items]
            last = response.get("LastEvaluatedKey")
            if last is None:
                return
            request["ExclusiveStartKey"] = last


def _add_expression(
    request: dict[str, Any],
    *,
    condition: str | None,
    names: Mapping[str, str] | None,
    values: Mapping[str, Any] | None,
) -> None:
    if condition is not None:
        request["ConditionExpression"] = condition
    if names:
        request["ExpressionAttributeNames"] = dict(names)
    if values:
        request["ExpressionAttributeValues"] = to_values(values)
