"""Every Starlette route that needs Redis answers 503 with a code while it is away, and
changes nothing: sign-in, refresh, sign-out, the chat apps' webhooks, the answer pages."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from starlette.applications import Starlette

from auth.cookies import CSRF_HEADER
from auth.runtime import AuthRuntime
from config.settings import Settings
from notifications.answer_links import signer_for
from notifications.slack_signature import signature
from repositories.audit import AuditRepository
from repositories.models.matches import MatchStatus
from repositories.refresh_tokens import FamilyStatus, RefreshTokenRepository
from runtime.services import Services
from tests.api.conftest import Api
from tests.api.private_redis import private_redis, redis_url
from tests.faults.stack import Service
from vcoffee.app import create_app

SLACK_SECRET = "slack-signing-secret-0123456789abcdef"
TELEGRAM_SECRET = "telegram-webhook-secret-0123456789"
JSON = {"content-type": "application/json", CSRF_HEADER: "1"}
FORM = "application/x-www-form-urlencoded"


@dataclass
class Away:
    app: Starlette
    api: Api
    redis: Service

    @property
    def auth(self) -> AuthRuntime:
        runtime: AuthRuntime = self.app.state.auth
        return runtime


@pytest.fixture
async def away(settings: Settings, table: str, tmp_path: Path) -> AsyncIterator[Away]:
    with private_redis(tmp_path, "redis") as server:
        app = create_app(
            settings.model_copy(
                update={
                    "redis_url": redis_url(server),
                    "slack_signing_secret": SecretStr(SLACK_SECRET),
                    "telegram_webhook_secret": SecretStr(TELEGRAM_SECRET),
                }
            )
        )
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000"
            ) as client,
        ):
            services: Services = app.state.services
            yield Away(app=app, api=Api(client=client, services=services), redis=server)


def slack_signed(body: bytes) -> dict[str, str]:
    stamp = str(int(time.time()))
    return {
        "content-type": FORM,
        "x-slack-request-timestamp": stamp,
        "x-slack-signature": signature(secret=SLACK_SECRET, timestamp=stamp, body=body),
    }


def assert_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, (response.request.url, response.text)
    assert response.headers["retry-after"] == "5"
    error = response.json()["error"]
    assert error["code"] == "SERVICE_UNAVAILABLE"
    assert "Redis" in error["message"]


@pytest.mark.timeout(60)
async def test_every_route_needing_redis_answers_503_changes_nothing_and_works_once_back(
    away: Away,
) -> None:
    api = away.api
    ada, grace = await api.person("ada"), await api.person("grace")
    [match_id] = await api.completed_round("2030-06-03", [[ada.id, grace.id]])
    session = await away.auth.sessions.open(user_id=ada.id, verified_email_digest=None)
    signed_in = {**JSON, "cookie": f"{away.auth.cookies.refresh_name}={session.refresh.token}"}
    answer_token = signer_for(api.services.settings)(match_id=match_id, user_id=ada.id).met.split(
        "token="
    )[1]
    slack_command = b"command=%2Fcoffee&text=status&user_id=U1&team_id=T1"
    slack_button = b"payload=%7B%7D"
    telegram_start = json.dumps(
        {"message": {"chat": {"id": 7, "type": "private"}, "text": "/start ABCDEF"}}
    )
    started = datetime.now(UTC)

    away.redis.kill()
    client = api.client
    answers = {
        "sign-in start": await client.get("/auth/login/local"),
        "sign-in callback": await client.get("/auth/callback/local?state=s&code=c"),
        "refresh": await client.post("/auth/refresh", headers=signed_in),
        "sign-out": await client.post("/auth/logout", headers=signed_in),
        "slack command": await client.post(
            "/bots/slack/commands", content=slack_command, headers=slack_signed(slack_command)
        ),
        "slack button": await client.post(
            "/bots/slack/interactivity", content=slack_button, headers=slack_signed(slack_button)
        ),
        "telegram": await client.post(
            "/bots/telegram",
            content=telegram_start,
            headers={"x-telegram-bot-api-secret-token": TELEGRAM_SECRET},
        ),
        "answer page": await client.get("/answer", params={"token": answer_token}),
        "answer button": await client.post(
            "/answer", content=f"token={answer_token}".encode(), headers={"content-type": FORM}
        ),
    }

    for route, response in answers.items():
        assert response.status_code == 503, (route, response.status_code, response.text)
        assert_unavailable(response)
    # A person's browser gets a page naming the code, not JSON.
    page = await client.get(
        "/answer", params={"token": answer_token}, headers={"accept": "text/html"}
    )
    assert page.status_code == 503
    assert page.headers["retry-after"] == "5"
    assert "SERVICE_UNAVAILABLE" in page.text
    assert "Nothing was changed" in page.text
    assert 'name="viewport" content="width=device-width' in page.text  # readable on a phone
    # Nothing half done: the session still stands, nothing was audited or answered.
    families = RefreshTokenRepository(gateway=api.repositories.gateway)
    family = await families.family(family_id=session.session_id)
    assert family is not None
    assert family.status is FamilyStatus.ACTIVE
    audit = AuditRepository(gateway=api.repositories.gateway)
    assert [e for e in await audit.month(moment=started, limit=100) if e.at >= started] == []
    match = await api.repositories.matches.get(match_id=match_id)
    assert match is not None
    assert match.status is MatchStatus.SCHEDULED

    away.redis.start()
    signed_out = await client.post("/auth/logout", headers=signed_in)

    assert signed_out.status_code == 204
    family = await families.family(family_id=session.session_id)
    assert family is not None
    assert family.status is FamilyStatus.REVOKED
    ended = await away.auth.authenticator.ended_sessions([session.session_id])
    assert ended == {session.session_id}
