"""Repositories of deployment team-a over a fresh table of DynamoDB Local, and helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from repositories.breaker import CircuitBreaker
from repositories.bundle import Repositories
from repositories.models import Identity, PlannedGroup, Profile, RoundQuality, User

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient

CURSOR_SECRET = b"cursor-secret-for-tests-0123456789"
# The DynamoDB Local build the dev stack installs (2020) caps transactions at 10 actions.
LOCAL_TRANSACTION_LIMIT = 10


@dataclass
class Clock:
    """A clock tests move by hand, for leases and pauses."""

    now: datetime = field(default_factory=lambda: datetime(2026, 11, 30, 8, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock() -> Clock:
    return Clock()


def build(
    dynamodb: DynamoDBClient, table: str, clock: Clock, deployment_id: str = "team-a"
) -> Repositories:
    return Repositories.create(
        client=dynamodb,
        table_name=table,
        deployment_id=deployment_id,
        cursor_secret=CURSOR_SECRET,
        breaker=CircuitBreaker(),
        clock=clock,
        transaction_limit=LOCAL_TRANSACTION_LIMIT,
    )


@pytest.fixture
def repos(dynamodb: DynamoDBClient, table: str, clock: Clock) -> Repositories:
    return build(dynamodb, table, clock)


async def register(repos: Repositories, name: str, *, team: str | None = None) -> User:
    return await repos.users.register(
        identity=Identity(issuer="https://sso.example.com", subject=f"sub-{name}"),
        profile=Profile(name=name, email=f"{name}@example.com", team=team),
    )


async def register_active(repos: Repositories, name: str, *, team: str | None = None) -> User:
    user = await register(repos, name, team=team)
    return await repos.users.join(user_id=user.id)


async def completed_round(
    repos: Repositories, slot: str, groups: list[list[str]], *, repeats: int = 0
) -> list[str]:
    """Writes a finished round of `groups`; returns their match ids in order."""
    owner = f"job-{slot}"
    claimed = await repos.rounds.claim(slot=slot, owner=owner, seed=1)
    assert claimed is not None
    await repos.rounds.write_groups(
        slot=slot,
        owner=owner,
        groups=[PlannedGroup(members=members) for members in groups],
        input_size=sum(len(members) for members in groups),
    )
    await repos.rounds.complete(slot=slot, owner=owner, quality=RoundQuality(repeats=repeats))
    return [match.id for match in await repos.rounds.groups_of(slot=slot)]
