"""Deployment team-a on the real test services: in-process app, or app and provider processes."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from auth.accounts import SignInClaims
from auth.runtime import AuthRuntime
from config.settings import Settings
from devtools.local_provider import put_user
from devtools.stack import Endpoints
from runtime.resources import dynamodb_client
from tests.auth.stack import PEOPLE, Stack, running_stack
from tests.conftest import create_table, make_settings
from vcoffee.app import create_app


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
        issuer="https://sso.example.com",
        subject=subject,
        email=f"{subject[:8]}@example.com",
        email_verified=True,
        name=name,
    )
    account = await auth.accounts.register(claims=claims, email=claims.email or "")
    return account.user_id


@pytest.fixture(scope="module")
async def stack(
    endpoints: Endpoints, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    table = f"test-{uuid.uuid4().hex[:12]}"
    settings = make_settings(endpoints, table_name=table)
    async with dynamodb_client(settings) as dynamodb:
        await create_table(dynamodb, table)
        values = {
            "environment": "test",
            "deployment_id": "team-a",
            "table_name": table,
            "dynamodb_endpoint": endpoints.dynamodb_url,
            "redis_url": endpoints.redis_url,
            "session_secret": settings.session_secret.get_secret_value(),
            "jwt_signing_keys": settings.jwt_signing_keys.get_secret_value(),
            "admin_emails": ["Alice@Example.com"],
            "allowed_email_domains": ["example.com"],
            "session_check_seconds": "0.3",
            "sign_ins_per_minute": "1000000",
            "refreshes_per_minute": "1000000",
            "client_requests_per_minute": "1000000",
            "person_requests_per_minute": "1000000",
        }
        log_dir = Path(tmp_path_factory.mktemp("login"))
        with running_stack(log_dir=log_dir, settings=values) as running:
            for subject, claims in PEOPLE.items():
                put_user(issuer=running.issuer, subject=subject, claims=claims)
            yield running
        await dynamodb.delete_table(TableName=table)
