"""The baseline: bare Starlette routes doing the same token check and DynamoDB work as the API."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from auth.principal import Principal
from auth.runtime import AuthRuntime, build_auth
from config.settings import Settings
from repositories.models import Preferences
from runtime.services import Services, open_services
from vcoffee.app import settle


async def _principal(request: Request) -> Principal:
    """The API's token check: signature and claims, then the session's revocation in Redis."""
    runtime: AuthRuntime = request.app.state.auth
    token = request.headers.get("authorization", "").removeprefix("Bearer ")
    return await runtime.authenticator.authenticate(token, transport="http")


async def me(request: Request) -> JSONResponse:
    services: Services = request.app.state.services
    user = await services.repositories.users.require(user_id=(await _principal(request)).user_id)
    return JSONResponse({"id": user.id, "profile": user.profile.model_dump(mode="json")})


async def history(request: Request) -> JSONResponse:
    services: Services = request.app.state.services
    repositories = services.repositories
    user_id = (await _principal(request)).user_id
    # The reads the API makes, in the same two rounds.
    page = await repositories.matches.history(user_id=user_id, limit=20)
    people = sorted({member for entry in page.items for member in entry.participants})
    (matches, given), found = await asyncio.gather(
        repositories.matches.get_many_with_feedback(
            match_ids=[e.match_id for e in page.items], user_id=user_id
        ),
        repositories.users.cards(user_ids=people),
    )
    users = {u.id: u for u in found if u}
    feedback = {f.match_id: f for f in given if f}
    items: list[dict[str, Any]] = [
        {
            "id": match.id,
            "status": match.status.value,
            "participants": [users[p].name for p in match.participants if p in users],
            "myFeedback": None if match.id not in feedback else feedback[match.id].outcome.value,
        }
        for match in matches
        if match is not None
    ]
    return JSONResponse({"items": items, "nextCursor": page.cursor})


async def update_preferences(request: Request) -> JSONResponse:
    services: Services = request.app.state.services
    body = await request.json()
    users = services.repositories.users
    user_id = (await _principal(request)).user_id
    preferences = Preferences(
        availability=body["availability"],
        topics=body["topics"],
        meeting_length=body["meetingLength"],
        time_zone=body["timeZone"],
    )
    saved = await users.update_preferences(
        user_id=user_id, preferences=preferences, active_only=True
    )
    return JSONResponse({"preferences": saved.preferences.model_dump(mode="json")})


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


def serve() -> Starlette:
    """uvicorn's factory: each worker process builds its app from the environment's settings."""
    return create_bare_app(Settings())


def create_bare_app(settings: Settings) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with open_services(settings) as services:
            app.state.services = services
            app.state.auth = build_auth(services)
            settle()
            yield

    return Starlette(
        routes=[
            Route("/bare/healthz", healthz),
            Route("/bare/me", me),
            Route("/bare/history", history),
            Route("/bare/preferences", update_preferences, methods=["POST"]),
        ],
        lifespan=lifespan,
    )
