"""The worker's services over the test table, and people to match."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from config.settings import Settings
from repositories.bundle import Repositories
from repositories.models import Identity, Profile, User
from runtime.services import Services, open_services


@pytest.fixture
async def services(settings: Settings, table: str) -> AsyncIterator[Services]:
    async with open_services(settings) as opened:
        yield opened


async def enrol(repos: Repositories, name: str, *, team: str | None = None) -> User:
    """A person who signed in and joined the rounds."""
    user = await repos.users.register(
        identity=Identity(issuer="https://sso.example.com", subject=f"sub-{name}"),
        profile=Profile(name=name, email=f"{name}@example.com", team=team),
    )
    return await repos.users.join(user_id=user.id)
