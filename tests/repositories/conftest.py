"""Repositories of deployment team-a over a fresh table of DynamoDB Local, and helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from repositories.breaker import CircuitBreaker
from repositories.bundle import Repositories
from repositories.models import Identity, Profile, User

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient

CURSOR_SECRET = b"cursor-secret-for-tests-0123456789"


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
