"""An app bound to the test services, driven through its ASGI interface with httpx."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from auth.principal import Role
from config.settings import Settings
from repositories.bundle import Repositories
from repositories.models import Identity, PlannedGroup, Profile, RoundQuality, User
from repositories.models import Role as StoredRole
from rounds.service import rounds_queue_name
from runtime.services import Services, queue_name
from vcoffee.app import create_app

_numbers = itertools.count()


@pytest.fixture
async def app(settings: Settings, table: str) -> AsyncIterator[Starlette]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
        yield http


@dataclass
class Api:
    """Sends GraphQL operations as a given person, as a browser with a bearer token would."""

    client: httpx.AsyncClient
    services: Services

    @property
    def repositories(self) -> Repositories:
        return self.services.repositories

    def token(self, user: User) -> str:
        role = Role.ADMIN if user.role.value == "admin" else Role.MEMBER
        return self.services.tokens.issue_access(user_id=user.id, role=role)

    async def post(
        self, query: str, variables: dict[str, Any] | None = None, *, as_: User | None = None
    ) -> httpx.Response:
        headers = {} if as_ is None else {"authorization": f"Bearer {self.token(as_)}"}
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = variables
        return await self.client.post("/graphql", json=body, headers=headers)

    async def run(
        self, query: str, variables: dict[str, Any] | None = None, *, as_: User | None = None
    ) -> dict[str, Any]:
        response = await self.post(query, variables, as_=as_)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, *, as_: User | None = None
    ) -> dict[str, Any]:
        result = await self.run(query, variables, as_=as_)
        assert "errors" not in result, result["errors"]
        data: dict[str, Any] = result["data"]
        return data

    async def error(
        self, query: str, variables: dict[str, Any] | None = None, *, as_: User | None = None
    ) -> dict[str, Any]:
        """The only error of the operation; fails when it succeeded or failed more than once."""
        result = await self.run(query, variables, as_=as_)
        errors = result.get("errors")
        assert errors is not None, result
        assert len(errors) == 1, result
        error: dict[str, Any] = errors[0]
        return error

    async def person(
        self, name: str, *, admin: bool = False, joined: bool = True, team: str | None = None
    ) -> User:
        number = next(_numbers)
        users = self.repositories.users
        user = await users.register(
            identity=Identity(issuer="https://sso.example.com", subject=f"{name}-{number}"),
            profile=Profile(name=name, email=f"{name}.{number}@example.com", team=team),
            role=StoredRole.ADMIN if admin else StoredRole.MEMBER,
        )
        return await users.join(user_id=user.id) if joined else user

    async def completed_round(self, slot: str, groups: list[list[str]]) -> list[str]:
        """A finished round of `groups`, as the worker writes it; its match ids in order."""
        rounds = self.repositories.rounds
        owner = f"test-{slot}"
        assert await rounds.claim(slot=slot, owner=owner, seed=1) is not None
        await rounds.write_groups(
            slot=slot,
            owner=owner,
            groups=[PlannedGroup(members=members) for members in groups],
            input_size=sum(len(members) for members in groups),
        )
        await rounds.complete(slot=slot, owner=owner, quality=RoundQuality())
        return [match.id for match in await rounds.groups_of(slot=slot)]


async def forget_jobs(services: Services) -> None:
    """Removes this deployment's queued jobs, which outlive a test in the shared Redis."""
    redis = services.redis
    stale = [key async for key in redis.scan_iter(match="arq:*run_round:team-a:*")]
    stale += [key async for key in redis.scan_iter(match="arq:*notify:*")]
    rounds = rounds_queue_name(services.settings.deployment_id)
    await redis.delete(queue_name(services.settings), rounds, *stale)


@pytest.fixture
async def api(app: Starlette, client: httpx.AsyncClient) -> Api:
    services: Services = app.state.services
    await forget_jobs(services)
    return Api(client=client, services=services)
