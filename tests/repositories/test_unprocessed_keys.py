"""A batch read that DynamoDB answers only in part is completed by retrying what was left."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from core.errors import ServiceUnavailable
from repositories.breaker import CircuitBreaker
from repositories.bundle import Repositories
from tests.repositories.conftest import CURSOR_SECRET, LOCAL_TRANSACTION_LIMIT, Clock, register

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


class PartialBatches:
    """The real client, except that BatchGetItem serves only part of the keys asked, as
    DynamoDB does under throttling or the 16 MB response limit, and returns the rest as
    UnprocessedKeys."""

    def __init__(self, client: DynamoDBClient, *, partial_calls: int) -> None:
        self._client: Any = client
        self.partial_calls = partial_calls
        self.requests: list[int] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    async def batch_get_item(self, *, RequestItems: dict[str, Any]) -> dict[str, Any]:
        ((table, request),) = RequestItems.items()
        keys = request["Keys"]
        self.requests.append(len(keys))
        if self.partial_calls <= 0:
            whole: dict[str, Any] = await self._client.batch_get_item(RequestItems=RequestItems)
            return whole
        self.partial_calls -= 1
        served, left = keys[: len(keys) // 2], keys[len(keys) // 2 :]
        response: dict[str, Any] = {"Responses": {table: []}}
        if served:
            response = dict(
                await self._client.batch_get_item(RequestItems={table: {**request, "Keys": served}})
            )
        return {**response, "UnprocessedKeys": {table: {**request, "Keys": left}}}


def _repositories(client: Any, table: str, clock: Clock) -> Repositories:
    return Repositories.create(
        client=client,
        table_name=table,
        deployment_id="team-a",
        cursor_secret=CURSOR_SECRET,
        breaker=CircuitBreaker(),
        clock=clock,
        transaction_limit=LOCAL_TRANSACTION_LIMIT,
    )


async def test_unprocessed_keys_are_retried_until_every_item_is_read(
    dynamodb: DynamoDBClient, table: str, clock: Clock, repos: Repositories
) -> None:
    people = [await register(repos, f"u{index}") for index in range(8)]
    flaky = PartialBatches(dynamodb, partial_calls=2)
    wanted = [person.id for person in reversed(people)]
    found = await _repositories(flaky, table, clock).users.get_many(user_ids=wanted)
    assert [person.id for person in found if person is not None] == wanted
    # 8 keys asked; 4 left over, then 2, then the last 2 in one more request.
    assert flaky.requests == [8, 4, 2]


async def test_keys_left_unprocessed_for_good_give_service_unavailable(
    dynamodb: DynamoDBClient, table: str, clock: Clock, repos: Repositories
) -> None:
    people = [await register(repos, f"v{index}") for index in range(4)]
    flaky = PartialBatches(dynamodb, partial_calls=1_000)
    with pytest.raises(ServiceUnavailable, match="unprocessed"):
        await _repositories(flaky, table, clock).users.get_many(user_ids=[p.id for p in people])
