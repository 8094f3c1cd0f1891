"""An app of deployment team-a on the real test services, and people registered in it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from auth.accounts import SignInClaims
from auth.runtime import AuthRuntime
from vcoffee.app import create_app
from vcoffee.settings import Settings

CSRF = {"content-type": "application/json", "x-vcoffee-csrf": "1"}


@pytest.fixture
async def app(settings: Settings, table: str) -> AsyncIterator[Starlette]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
def auth(app: Starlette) -> AuthRuntime:
    runtime: AuthRuntime = app.state.auth
    return runtime


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
        yield http


async def register(auth: AuthRuntime, *, name: str = "Pat Doe") -> str:
    """A person registered through sign-in, as the callback does; returns the user id."""
    subject = uuid.uuid4().hex
    claims = SignInClaims(
        issuer="https://sso.example.com", subject=subject,
        email=f"{subject[:8]}@example.com", email_verified=True, name=name,
    )
    account = await auth.accounts.register(claims=claims, email=claims.email or "")
    return account.user_id
