"""Live events between processes over Redis pub/sub; every channel carries the deployment."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass

from redis.asyncio import Redis


@dataclass(frozen=True)
class MatchEvent:
    deployment_id: str
    user_id: str
    match_id: str
    slot: str


@dataclass(frozen=True)
class RoundProgress:
    deployment_id: str
    slot: str
    status: str
    groups_written: int
    groups_total: int


def user_matches_channel(deployment_id: str, user_id: str) -> str:
    return f"vcoffee:{deployment_id}:user:{user_id}:matches"


def round_progress_channel(deployment_id: str) -> str:
    return f"vcoffee:{deployment_id}:rounds"


async def publish_match(redis: Redis, event: MatchEvent) -> None:
    channel = user_matches_channel(event.deployment_id, event.user_id)
    await redis.publish(channel, json.dumps(asdict(event)))


async def publish_round_progress(redis: Redis, event: RoundProgress) -> None:
    await redis.publish(round_progress_channel(event.deployment_id), json.dumps(asdict(event)))


async def _listen(redis: Redis, channel: str) -> AsyncIterator[dict[str, object]]:
    pubsub = redis.pubsub()
    await pubsub.subscribe(channel)
    try:
        async for message in pubsub.listen():
            if message.get("type") != "message":
                continue
            payload = json.loads(message["data"])
            if isinstance(payload, dict):
                yield payload
    finally:
        await pubsub.unsubscribe(channel)
        await pubsub.aclose()  # type: ignore[no-untyped-call]


async def match_events(
    redis: Redis, *, deployment_id: str, user_id: str
) -> AsyncIterator[MatchEvent]:
    async for payload in _listen(redis, user_matches_channel(deployment_id, user_id)):
        event = MatchEvent(**{key: str(value) for key, value in payload.items()})
        # The channel name already scopes the deployment; checking again costs nothing.
        if event.deployment_id == deployment_id and event.user_id == user_id:
            yield event


async def round_progress_events(
    redis: Redis, *, deployment_id: str
) -> AsyncIterator[RoundProgress]:
    async for payload in _listen(redis, round_progress_channel(deployment_id)):
        event = RoundProgress(
            deployment_id=str(payload["deployment_id"]),
            slot=str(payload["slot"]),
            status=str(payload["status"]),
            groups_written=int(str(payload["groups_written"])),
            groups_total=int(str(payload["groups_total"])),
        )
        if event.deployment_id == deployment_id:
            yield event
