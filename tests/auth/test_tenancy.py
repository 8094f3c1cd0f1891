"""Deployments do not see each other: events stay in theirs, ids of another are NOT_FOUND."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest
from redis.asyncio import Redis

from auth.runtime import AuthRuntime
from config.settings import Settings
from core.errors import ErrorCode, NotFound
from repositories.breaker import CircuitBreaker
from repositories.cursor import CursorCodec
from repositories.gateway import TableGateway
from repositories.keys import Keys
from repositories.users import UserRepository
from runtime.events import (
    MatchEvent,
    match_event_of,
    publish_match,
    user_matches_channel,
)
from runtime.live import EventHub
from tests.auth.conftest import register

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


async def first_event(hub: EventHub, deployment: str, user: str, ready: asyncio.Event) -> bytes:
    async with hub.listen(
        user_matches_channel(deployment, user), on_overflow=lambda: None
    ) as listener:
        ready.set()
        item = await listener.next()
        assert isinstance(item, bytes)
        return item


async def test_events_stay_in_their_deployment(redis: Redis) -> None:
    hub = EventHub(redis=redis)
    await hub.connected()
    ready_a, ready_b = asyncio.Event(), asyncio.Event()
    listener_b = asyncio.create_task(first_event(hub, "team-b", "same-user-id", ready_b))
    listener_a = asyncio.create_task(first_event(hub, "team-a", "same-user-id", ready_a))
    await ready_a.wait()
    await ready_b.wait()
    event = MatchEvent(deployment_id="team-a", user_id="same-user-id", match_id="m1", slot="s")
    await publish_match(redis, event)
    assert match_event_of(await asyncio.wait_for(listener_a, 5)) == event
    done, _ = await asyncio.wait({listener_b}, timeout=1.0)
    assert not done  # B heard nothing
    listener_b.cancel()
    await hub.close()


async def test_a_person_of_deployment_a_is_not_found_from_deployment_b(
    auth: AuthRuntime, dynamodb: DynamoDBClient, settings: Settings
) -> None:
    user_id = await register(auth)
    gateway = TableGateway(
        client=dynamodb,
        table_name=settings.table_name,
        keys=Keys("team-b"),
        breaker=CircuitBreaker(),
    )
    users_b = UserRepository(
        gateway=gateway, cursors=CursorCodec(secret=b"0123456789abcdef", keys=gateway.keys)
    )
    assert await users_b.get(user_id=user_id) is None
    with pytest.raises(NotFound) as caught:
        await users_b.require(user_id=user_id)
    assert caught.value.code is ErrorCode.NOT_FOUND
    assert await auth.accounts.by_id(user_id=user_id) is not None
