"""Live events between processes over Redis pub/sub; every channel carries the deployment."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from pydantic import BaseModel, ConfigDict, ValidationError
from redis.asyncio import Redis

from repositories.models.matches import Match
from repositories.models.users import PersonCard

# Events published in one pipeline: one round trip per batch rather than per person.
PUBLISH_BATCH = 500


class MatchSnapshot(BaseModel):
    """A match as stored when its round completed, with its members' cards."""

    model_config = ConfigDict(frozen=True)

    match: Match
    members: list[PersonCard]


class MatchEvent(BaseModel):
    """A new match of one person. Events of earlier releases carry no snapshot: the
    subscriber then reads the match and its members; with one, it reads nothing."""

    model_config = ConfigDict(frozen=True)

    deployment_id: str
    user_id: str
    match_id: str
    slot: str
    snapshot: MatchSnapshot | None = None

    def encoded(self) -> str:
        return self.model_dump_json(exclude_none=True)


@dataclass(frozen=True)
class RoundProgress:
    deployment_id: str
    slot: str
    status: str
    groups_written: int
    groups_total: int


class MalformedEvent(ValueError):
    """A message on a live channel that is not the event the channel carries."""


def user_matches_channel(deployment_id: str, user_id: str) -> str:
    return f"vcoffee:{deployment_id}:user:{user_id}:matches"


def round_progress_channel(deployment_id: str) -> str:
    return f"vcoffee:{deployment_id}:rounds"


async def publish_match(redis: Redis, event: MatchEvent) -> None:
    channel = user_matches_channel(event.deployment_id, event.user_id)
    await redis.publish(channel, event.encoded())


def encoded_matches(events: Sequence[MatchEvent]) -> list[tuple[str, str]]:
    """Each event's channel and message, ready to publish."""
    return [
        (user_matches_channel(event.deployment_id, event.user_id), event.encoded())
        for event in events
    ]


async def publish_encoded(redis: Redis, messages: Sequence[tuple[str, str]]) -> None:
    """Publishes (channel, message) pairs, in pipelines of PUBLISH_BATCH."""
    for start in range(0, len(messages), PUBLISH_BATCH):
        async with redis.pipeline(transaction=False) as pipe:
            for channel, message in messages[start : start + PUBLISH_BATCH]:
                pipe.publish(channel, message)
            await pipe.execute()


async def publish_matches(redis: Redis, events: Sequence[MatchEvent]) -> None:
    """Publishes many match events, in pipelines of PUBLISH_BATCH."""
    await publish_encoded(redis, encoded_matches(events))


async def publish_round_progress(redis: Redis, event: RoundProgress) -> None:
    await redis.publish(round_progress_channel(event.deployment_id), json.dumps(asdict(event)))


def _payload(data: bytes) -> dict[str, object]:
    try:
        payload = json.loads(data)
    except ValueError:
        raise MalformedEvent("not JSON") from None
    if not isinstance(payload, dict):
        raise MalformedEvent("not a JSON object")
    return payload


def match_event_of(data: bytes) -> MatchEvent:
    try:
        return MatchEvent.model_validate_json(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the event"
        raise MalformedEvent(f"{where}: {first['msg']}") from None


def round_progress_of(data: bytes) -> RoundProgress:
    payload = _payload(data)
    try:
        return RoundProgress(
            deployment_id=str(payload["deployment_id"]),
            slot=str(payload["slot"]),
            status=str(payload["status"]),
            groups_written=int(str(payload["groups_written"])),
            groups_total=int(str(payload["groups_total"])),
        )
    except KeyError as missing:
        raise MalformedEvent(f"no {missing}") from None
    except ValueError:
        raise MalformedEvent("a group count is not a number") from None
