"""A live match event carries the match as stored: the subscriber shows it without reading it."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from redis.asyncio import Redis
from starlette.applications import Starlette

from config.settings import Settings
from repositories.models.matches import Match, match_id_of
from repositories.models.users import PersonCard, User
from runtime.events import MatchEvent, MatchSnapshot, publish_matches, user_matches_channel
from tests.api.conftest import Api
from tests.api.live_sockets import AsgiSocket
from tests.api.test_live_events import wait_subscribed

QUERY = (
    "subscription { myNewMatch { id slot scheduledDate createdAt"
    " participants { id name email team topics } myFeedback { outcome } } }"
)
CREATED = datetime(2026, 12, 28, 8, 0, 3, tzinfo=UTC)


def _card(user: User, *, name: str) -> PersonCard:
    return PersonCard(id=user.id, name=name, email=user.profile.email, topics=["tea"])


def _unstored_match(slot: str, *members: User) -> Match:
    return Match(
        id=match_id_of(slot, 0),
        slot=slot,
        index=0,
        participants=[member.id for member in members],
        scheduled_date=date(2026, 12, 28),
        created_at=CREATED,
    )


def _event(viewer: User, snapshot: MatchSnapshot) -> str:
    """An event addressed to `viewer` carrying `snapshot`, as the worker publishes it."""
    match = snapshot.match
    return MatchEvent(
        deployment_id="team-a",
        user_id=viewer.id,
        match_id=match.id,
        slot=match.slot,
        snapshot=snapshot,
    ).encoded()


async def _received(
    app: Starlette, settings: Settings, redis: Redis, *, viewer: str, token: str, raw: list[str]
) -> dict[str, Any] | None:
    """What a socket of `viewer` receives after `raw` messages are published on its channel."""
    socket = AsgiSocket(app, origin=settings.public_url)
    await socket.open(token)
    socket.send_json({"id": "1", "type": "subscribe", "payload": {"query": QUERY}})
    try:
        channel = user_matches_channel("team-a", viewer)
        await wait_subscribed(redis, [channel])
        for text in raw:
            await redis.publish(channel, text)
        try:
            message = await asyncio.wait_for(socket.received.get(), 3)
        except TimeoutError:
            return None
        data: dict[str, Any] = message["payload"]["data"]["myNewMatch"]
        return data
    finally:
        await socket.close()


@pytest.mark.timeout(60)
async def test_a_match_is_shown_from_its_snapshot_without_reading_the_table(
    api: Api, app: Starlette, settings: Settings, redis: Redis
) -> None:
    ada, bob = await api.person("ada"), await api.person("bob")
    # Not stored: only the snapshot can show it.
    match = _unstored_match("2026-12-28", ada, bob)
    snapshot = MatchSnapshot(
        match=match, members=[_card(ada, name="Ada L."), _card(bob, name="Bob K.")]
    )
    shown = await _received(
        app, settings, redis, viewer=ada.id, token=api.token(ada), raw=[_event(ada, snapshot)]
    )
    assert shown == {
        "id": match.id,
        "slot": "2026-12-28",
        "scheduledDate": "2026-12-28",
        "createdAt": "2026-12-28T08:00:03+00:00",
        "participants": [
            {
                "id": ada.id,
                "name": "Ada L.",
                "email": ada.profile.email,
                "team": None,
                "topics": ["tea"],
            },
            {
                "id": bob.id,
                "name": "Bob K.",
                "email": bob.profile.email,
                "team": None,
                "topics": ["tea"],
            },
        ],
        "myFeedback": None,
    }


@pytest.mark.timeout(60)
async def test_a_snapshot_of_someone_elses_match_is_not_shown(
    api: Api, app: Starlette, settings: Settings, redis: Redis
) -> None:
    ada, bob, cy = await api.person("ada"), await api.person("bob"), await api.person("cy")
    match = _unstored_match("2026-12-28", bob, cy)
    snapshot = MatchSnapshot(match=match, members=[_card(bob, name="B"), _card(cy, name="C")])
    # Addressed to Ada, but she is not a member of the match it carries.
    shown = await _received(
        app, settings, redis, viewer=ada.id, token=api.token(ada), raw=[_event(ada, snapshot)]
    )
    assert shown is None


@pytest.mark.timeout(60)
async def test_an_incomplete_snapshot_and_an_event_of_the_previous_release_read_the_table(
    api: Api, app: Starlette, settings: Settings, redis: Redis
) -> None:
    ada, bob = await api.person("ada"), await api.person("bob")
    (match_id,) = await api.completed_round("2026-12-28", [[ada.id, bob.id]])
    stored = await api.repositories.matches.get(match_id=match_id)
    assert stored is not None
    # A card missing: the subscriber reads the match and the cards as stored.
    partial = MatchEvent(
        deployment_id="team-a",
        user_id=ada.id,
        match_id=match_id,
        slot=stored.slot,
        snapshot=MatchSnapshot(match=stored, members=[_card(ada, name="Not as stored")]),
    )
    shown = await _received(
        app, settings, redis, viewer=ada.id, token=api.token(ada), raw=[partial.encoded()]
    )
    assert shown is not None
    assert [person["name"] for person in shown["participants"]] == ["ada", "bob"]

    # As the previous release published it: four keys, no snapshot.
    previous = json.dumps(
        {"deployment_id": "team-a", "user_id": bob.id, "match_id": match_id, "slot": stored.slot}
    )
    shown = await _received(
        app, settings, redis, viewer=bob.id, token=api.token(bob), raw=[previous]
    )
    assert shown is not None
    assert shown["id"] == match_id
    assert [person["name"] for person in shown["participants"]] == ["ada", "bob"]


async def test_publishing_a_snapshot_round_trips(redis: Redis) -> None:
    """What the worker publishes is what a subscriber parses back."""
    match = Match(
        id=match_id_of("2026-12-28", 3),
        slot="2026-12-28",
        index=3,
        participants=["u1", "u2"],
        scheduled_date=date(2026, 12, 28),
        created_at=CREATED,
    )
    cards = [
        PersonCard(id="u1", name="A", email="a@example.com"),
        PersonCard(id="u2", name="B", email="b@example.com"),
    ]
    event = MatchEvent(
        deployment_id="team-a",
        user_id="u1",
        match_id=match.id,
        slot=match.slot,
        snapshot=MatchSnapshot(match=match, members=cards),
    )
    async with redis.pubsub() as pubsub:
        await pubsub.subscribe(user_matches_channel("team-a", "u1"))
        await publish_matches(redis, [event])
        async with asyncio.timeout(5):
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1)
                if message is not None:
                    break
    assert MatchEvent.model_validate_json(message["data"]) == event
