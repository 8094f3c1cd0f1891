"""Live events reach a subscriber on another API process over graphql-transport-ws."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
import websockets

from config.settings import Settings
from runtime.events import MatchEvent, RoundProgress, publish_match, publish_round_progress
from tests.api.conftest import Api
from tests.api.processes import api_process

MY_NEW_MATCH = "subscription { myNewMatch { id participants { name } } }"
ROUND_PROGRESS = "subscription { roundProgress { slot status groupsWritten groupsTotal } }"


class Subscriber:
    """One graphql-transport-ws connection with one subscription."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket

    @classmethod
    async def open(cls, url: str, *, token: str | None, origin: str, query: str) -> Subscriber:
        socket = await websockets.connect(
            url.replace("http", "ws", 1) + "/graphql",
            subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
            origin=websockets.Origin(origin),
        )
        payload = {} if token is None else {"authorization": f"Bearer {token}"}
        await socket.send(json.dumps({"type": "connection_init", "payload": payload}))
        ack = json.loads(await asyncio.wait_for(socket.recv(), 10))
        assert ack["type"] == "connection_ack", ack
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        return cls(socket)

    async def next(self) -> dict[str, Any]:
        message: dict[str, Any] = json.loads(await asyncio.wait_for(self.socket.recv(), 10))
        return message

    async def close(self) -> None:
        await self.socket.close()


async def publish_until_received(
    subscriber: Subscriber, publish: Any, attempts: int = 50
) -> dict[str, Any]:
    # The subscription reaches Redis a moment after `subscribe` is sent; publish until heard.
    for _ in range(attempts):
        await publish()
        try:
            message: dict[str, Any] = json.loads(
                await asyncio.wait_for(subscriber.socket.recv(), 0.2)
            )
        except TimeoutError:
            continue
        return message
    raise AssertionError("no event arrived")


@pytest.mark.slow
@pytest.mark.timeout(90)
async def test_events_published_by_the_worker_reach_subscribers_on_other_processes(
    api: Api, settings: Settings, tmp_path: Path
) -> None:
    ada, bob = await api.person("ada"), await api.person("bob")
    admin = await api.person("root", admin=True, joined=False)
    (match_id,) = await api.completed_round("2026-11-30", [[ada.id, bob.id]])
    redis = api.services.redis
    with (
        api_process(settings, log=tmp_path / "api-1.log") as first,
        api_process(settings, log=tmp_path / "api-2.log") as second,
    ):
        origin = settings.public_url
        rounds = await Subscriber.open(
            first, token=api.token(admin), origin=origin, query=ROUND_PROGRESS
        )
        matches = await Subscriber.open(
            second, token=api.token(ada), origin=origin, query=MY_NEW_MATCH
        )
        try:
            progress = RoundProgress(
                deployment_id="team-a",
                slot="2026-11-30",
                status="running",
                groups_written=1,
                groups_total=1,
            )
            heard = await publish_until_received(
                rounds, lambda: publish_round_progress(redis, progress)
            )
            assert heard["payload"]["data"]["roundProgress"] == {
                "slot": "2026-11-30",
                "status": "RUNNING",
                "groupsWritten": 1,
                "groupsTotal": 1,
            }
            event = MatchEvent(
                deployment_id="team-a", user_id=ada.id, match_id=match_id, slot="2026-11-30"
            )
            heard = await publish_until_received(matches, lambda: publish_match(redis, event))
            assert heard["type"] == "next"
            assert heard["payload"]["data"]["myNewMatch"] == {
                "id": match_id,
                "participants": [{"name": "ada"}, {"name": "bob"}],
            }
        finally:
            await rounds.close()
            await matches.close()


@pytest.mark.timeout(60)
async def test_members_cannot_follow_round_progress(
    api: Api, settings: Settings, tmp_path: Path
) -> None:
    member = await api.person("mo")
    with api_process(settings, log=tmp_path / "api.log") as base:
        subscriber = await Subscriber.open(
            base, token=api.token(member), origin=settings.public_url, query=ROUND_PROGRESS
        )
        try:
            message = await subscriber.next()
        finally:
            await subscriber.close()
    assert message["type"] == "next"
    (error,) = message["payload"]["errors"]
    assert error["extensions"] == {"code": "FORBIDDEN"}
    assert message["payload"]["data"] is None
