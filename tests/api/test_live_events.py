"""Live events at scale: one Redis connection per process, bounded queues, limits per person."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from redis.asyncio import Redis
from starlette.applications import Starlette
from websockets.exceptions import ConnectionClosed

from config.settings import Settings
from core import close_codes
from repositories.models import FeedbackOutcome
from runtime.events import (
    MatchEvent,
    RoundProgress,
    publish_matches,
    publish_round_progress,
    user_matches_channel,
)
from runtime.live import QUEUE_SIZE
from runtime.services import Services
from tests.api.conftest import Api
from tests.api.live_sockets import AsgiSocket, open_socket, receive, subscribe
from tests.api.processes import api_process
from vcoffee.socket_limits import Limits

MY_NEW_MATCH = "subscription { myNewMatch { id participants { name } } }"
ROUND_PROGRESS = "subscription { roundProgress { slot groupsWritten } }"


async def pubsub_connections(redis: Redis) -> list[dict[str, str]]:
    """Clients of the Redis server that hold at least one channel subscription."""
    clients = await redis.client_list()
    return [client for client in clients if int(client.get("sub", 0)) > 0]


async def wait_subscribed(redis: Redis, channels: list[str], within: float = 20) -> None:
    async with asyncio.timeout(within):
        while True:
            counts = dict(await redis.pubsub_numsub(*channels))
            if all(counts.get(channel.encode(), 0) >= 1 for channel in channels):
                return
            await asyncio.sleep(0.05)


@pytest.mark.slow
@pytest.mark.timeout(120)
async def test_200_subscriptions_in_one_process_share_one_redis_connection(
    api: Api, settings: Settings, redis: Redis, tmp_path: Path
) -> None:
    people = [await api.person(f"p{number}") for number in range(25)]
    ids = [person.id for person in people]
    groups = [ids[i : i + 2] for i in range(0, 22, 2)] + [ids[22:]]
    match_ids = await api.completed_round("2026-12-07", groups)
    match_of = {member: match_ids[n] for n, group in enumerate(groups) for member in group}
    per_person = 8
    with api_process(settings, log=tmp_path / "api.log") as base:
        sockets = [
            await open_socket(base, token=api.token(person), origin=settings.public_url)
            for person in people
        ]
        try:
            for socket in sockets:
                for number in range(per_person):
                    await subscribe(socket, str(number), MY_NEW_MATCH)
            channels = [user_matches_channel("team-a", person.id) for person in people]
            await wait_subscribed(redis, channels)

            (hub,) = await pubsub_connections(redis)
            assert hub["name"] == "vcoffee-live:team-a"
            assert int(hub["sub"]) == len(people)

            await publish_matches(
                redis,
                [
                    MatchEvent(
                        deployment_id="team-a",
                        user_id=person.id,
                        match_id=match_of[person.id],
                        slot="2026-12-07",
                    )
                    for person in people
                ],
            )
            delivered = 0
            for person, socket in zip(people, sockets, strict=True):
                heard = {}
                for _ in range(per_person):
                    message = await receive(socket)
                    assert message["type"] == "next", message
                    heard[message["id"]] = message["payload"]["data"]["myNewMatch"]["id"]
                assert heard == {str(n): match_of[person.id] for n in range(per_person)}
                delivered += len(heard)
            assert delivered == 200
        finally:
            for socket in sockets:
                await socket.close()


@pytest.mark.timeout(60)
async def test_a_slow_subscriber_is_closed_while_the_others_keep_receiving(
    api: Api, app: Starlette, settings: Settings, redis: Redis
) -> None:
    services: Services = app.state.services
    admins = [await api.person(f"admin{n}", admin=True, joined=False) for n in range(3)]
    origin = settings.public_url
    # The slow one takes its acknowledgement and one event, then stops reading.
    slow = AsgiSocket(app, origin=origin, stall_after=2)
    quick = [AsgiSocket(app, origin=origin) for _ in range(2)]
    await slow.open(api.token(admins[0]))
    for socket, admin in zip(quick, admins[1:], strict=True):
        await socket.open(api.token(admin))
    for socket in (slow, *quick):
        socket.send_json({"id": "1", "type": "subscribe", "payload": {"query": ROUND_PROGRESS}})
    try:
        await wait_subscribed(redis, ["vcoffee:team-a:rounds"])
        async with asyncio.timeout(10):
            while services.live.listener_count < 3:
                await asyncio.sleep(0.01)
        events = QUEUE_SIZE * 3
        for written in range(1, events + 1):
            progress = RoundProgress(
                deployment_id="team-a",
                slot="2026-12-07",
                status="running",
                groups_written=written,
                groups_total=events,
            )
            await publish_round_progress(redis, progress)
            await asyncio.sleep(0.002)
        for socket in quick:
            seen = [
                (await asyncio.wait_for(socket.received.get(), 10))["payload"]["data"][
                    "roundProgress"
                ]["groupsWritten"]
                for _ in range(events)
            ]
            assert seen == list(range(1, events + 1))
            assert socket.close_codes() == []
        assert slow.close_codes() == [close_codes.TOO_SLOW]
        # Its queue is gone from the hub; the others' remain.
        assert services.live.listener_count == 2
    finally:
        for socket in (slow, *quick):
            await socket.close()


@pytest.mark.slow
@pytest.mark.timeout(90)
async def test_sockets_and_subscriptions_per_person_are_limited_with_coded_refusals(
    api: Api, settings: Settings, tmp_path: Path
) -> None:
    limits = Limits()
    person = await api.person("many")
    token = api.token(person)
    origin = settings.public_url
    with api_process(settings, log=tmp_path / "api.log") as base:
        sockets = [
            await open_socket(base, token=token, origin=origin)
            for _ in range(limits.sockets_per_person)
        ]
        try:
            extra = await _refused_socket_code(base, token=token, origin=origin)
            assert extra == close_codes.TOO_MANY_SOCKETS

            first, second, third = sockets[:3]
            for number in range(limits.subscriptions_per_socket):
                await subscribe(first, str(number), MY_NEW_MATCH)
            await subscribe(first, "one-too-many", MY_NEW_MATCH)
            refusal = await receive(first)
            assert refusal["type"] == "error"
            assert refusal["id"] == "one-too-many"
            assert refusal["payload"][0]["extensions"] == {"code": "LIMIT_EXCEEDED"}

            for number in range(limits.subscriptions_per_person - limits.subscriptions_per_socket):
                await subscribe(second, str(number), MY_NEW_MATCH)
            await subscribe(third, "past-the-person", MY_NEW_MATCH)
            refusal = await receive(third)
            assert refusal["id"] == "past-the-person"
            assert refusal["payload"][0]["extensions"] == {"code": "LIMIT_EXCEEDED"}

            # Closing a socket gives its subscriptions and its place back.
            await first.close()
            await asyncio.sleep(0.5)
            await subscribe(third, "now-allowed", MY_NEW_MATCH)
            with pytest.raises(TimeoutError):
                await receive(third, within=1)
            sockets.append(await open_socket(base, token=token, origin=origin))
        finally:
            for socket in sockets:
                await socket.close()


async def _refused_socket_code(base: str, *, token: str, origin: str) -> int:
    with pytest.raises(ConnectionClosed) as closed:
        await open_socket(base, token=token, origin=origin)
    assert closed.value.rcvd is not None
    return closed.value.rcvd.code


@pytest.mark.timeout(60)
async def test_a_live_match_shows_its_members_and_my_feedback_as_stored(
    api: Api, app: Starlette, settings: Settings, redis: Redis
) -> None:
    ada, bob = await api.person("ada"), await api.person("bob")
    (match_id,) = await api.completed_round("2026-12-28", [[ada.id, bob.id]])
    await api.repositories.feedback.upsert(
        match_id=match_id, user_id=ada.id, outcome=FeedbackOutcome.MET, rating=5, comment=None
    )
    socket = AsgiSocket(app, origin=settings.public_url)
    await socket.open(api.token(ada))
    query = "subscription { myNewMatch { id participants { name } myFeedback { outcome } } }"
    socket.send_json({"id": "1", "type": "subscribe", "payload": {"query": query}})
    try:
        await wait_subscribed(redis, [user_matches_channel("team-a", ada.id)])
        await publish_matches(
            redis,
            [MatchEvent(deployment_id="team-a", user_id=ada.id, match_id=match_id, slot="x")],
        )
        message = await asyncio.wait_for(socket.received.get(), 10)
        assert message["payload"]["data"]["myNewMatch"] == {
            "id": match_id,
            "participants": [{"name": "ada"}, {"name": "bob"}],
            "myFeedback": {"outcome": "MET"},
        }
    finally:
        await socket.close()
