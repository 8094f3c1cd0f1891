"""Refresh tokens rotate, replays end the session, logout revokes, CSRF and tenants hold."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from auth.principal import Role
from auth.runtime import AuthRuntime
from auth.tokens import TokenService
from config.settings import Settings
from config.signing_keys import parse_keyring
from devtools.devlogin import mint_session
from repositories.audit import AuditAction
from repositories.refresh_tokens import (
    REUSE_GRACE,
    RefreshRace,
    RefreshRejected,
    RefreshReused,
    RefreshTokenRepository,
    hash_token,
)
from tests.auth.conftest import register
from tests.auth.stack import CSRF

ME = "{ me { id } }"


def refresh_repository(auth: AuthRuntime) -> RefreshTokenRepository:
    return auth.sessions._refresh  # the same repository the routes use


async def test_refresh_rotates_and_the_new_token_works(
    auth: AuthRuntime, client: httpx.AsyncClient
) -> None:
    session = await mint_session(auth, user_id=await register(auth))
    client.cookies.set(*session.refresh_cookie, domain="127.0.0.1")
    first = await client.post("/auth/refresh", headers=CSRF, content="{}")
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["userId"] == session.user_id
    assert body["role"] == "member"
    rotated = client.cookies.get(auth.cookies.refresh_name)
    assert rotated
    assert rotated != session.refresh_token
    cookie = first.headers["set-cookie"]
    assert "httponly" in cookie.lower()
    assert "samesite=strict" in cookie.lower()
    principal = auth.authenticator._tokens.verify_access(body["accessToken"])
    assert principal.user_id == session.user_id
    second = await client.post("/auth/refresh", headers=CSRF, content="{}")
    assert second.status_code == 200


async def test_the_refresh_token_is_stored_only_as_a_hash(
    auth: AuthRuntime, settings: Settings
) -> None:
    session = await mint_session(auth, user_id=await register(auth))
    gateway = refresh_repository(auth)._table
    item = await gateway.get(gateway.keys.refresh_token(hash_token(session.refresh_token)))
    assert item is not None
    assert session.refresh_token not in str(item)


async def test_replay_of_a_used_token_revokes_the_whole_family(auth: AuthRuntime) -> None:
    repository = refresh_repository(auth)
    user = await register(auth)
    started = await repository.start(user_id=user)
    rotated = await repository.rotate(token=started.token)
    later = datetime.now(UTC) + REUSE_GRACE + timedelta(seconds=1)
    with pytest.raises(RefreshReused):
        await repository.rotate(token=started.token, now=later)
    # The thief's replay also ended the legitimate holder's session.
    with pytest.raises(RefreshRejected):
        await repository.rotate(token=rotated.token, now=later)
    family = await repository.family(family_id=started.family.family_id)
    assert family is not None
    assert family.revoked_reason == "reuse"


async def test_replay_over_http_ends_the_session_and_its_access_tokens(
    auth: AuthRuntime, client: httpx.AsyncClient
) -> None:
    auth.sessions._refresh._grace = timedelta(0)
    session = await mint_session(auth, user_id=await register(auth))
    client.cookies.set(*session.refresh_cookie, domain="127.0.0.1")
    assert (await client.post("/auth/refresh", headers=CSRF, content="{}")).status_code == 200
    # The stolen, already used token comes back.
    client.cookies.set(*session.refresh_cookie, domain="127.0.0.1")
    replay = await client.post("/auth/refresh", headers=CSRF, content="{}")
    assert replay.status_code == 401
    assert replay.json()["error"]["code"] == "UNAUTHENTICATED"
    stale = await client.post("/graphql", json={"query": ME}, headers=session.authorization)
    assert stale.status_code == 401
    events = await auth.audit.month(moment=datetime.now(UTC))
    assert [e.actor for e in events if e.action is AuditAction.REFRESH_REUSE] == [session.user_id]


async def test_two_concurrent_refreshes_with_one_token_give_one_success(
    auth: AuthRuntime,
) -> None:
    repository = refresh_repository(auth)
    started = await repository.start(user_id=await register(auth))
    results = await asyncio.gather(
        *(repository.rotate(token=started.token) for _ in range(2)), return_exceptions=True
    )
    successes = [r for r in results if not isinstance(r, BaseException)]
    failures = [r for r in results if isinstance(r, BaseException)]
    assert len(successes) == 1
    assert len(failures) == 1
    assert isinstance(failures[0], RefreshRace)
    # The loser was a sibling tab, not a thief: the winner's token keeps working.
    await repository.rotate(token=successes[0].token)


async def test_logout_revokes_refresh_and_access_at_once(
    auth: AuthRuntime, client: httpx.AsyncClient
) -> None:
    session = await mint_session(auth, user_id=await register(auth))
    client.cookies.set(*session.refresh_cookie, domain="127.0.0.1")
    assert (await client.post("/auth/logout", headers=CSRF, content="{}")).status_code == 204
    assert not client.cookies.get(auth.cookies.refresh_name)
    client.cookies.set(*session.refresh_cookie, domain="127.0.0.1")
    again = await client.post("/auth/refresh", headers=CSRF, content="{}")
    assert again.status_code == 401
    still = await client.post("/graphql", json={"query": ME}, headers=session.authorization)
    assert still.status_code == 401
    assert still.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    "headers",
    [
        {"content-type": "application/x-www-form-urlencoded"},
        {"content-type": "application/x-www-form-urlencoded", "origin": "https://evil.test"},
        {"content-type": "application/json"},
        {**CSRF, "origin": "https://evil.test"},
        {**CSRF, "sec-fetch-site": "cross-site"},
    ],
)
async def test_a_cross_site_post_with_the_cookie_is_refused(
    auth: AuthRuntime, client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    session = await mint_session(auth, user_id=await register(auth))
    client.cookies.set(*session.refresh_cookie, domain="127.0.0.1")
    for path in ("/auth/refresh", "/auth/logout"):
        response = await client.post(path, headers=headers, content="a=1")
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "FORBIDDEN"
    # Nothing happened: the session still refreshes.
    assert (await client.post("/auth/refresh", headers=CSRF, content="{}")).status_code == 200


async def test_refresh_without_a_cookie_is_unauthenticated(client: httpx.AsyncClient) -> None:
    response = await client.post("/auth/refresh", headers=CSRF, content="{}")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"


async def test_a_token_of_deployment_b_is_forbidden_and_audited_once(
    auth: AuthRuntime, client: httpx.AsyncClient, settings: Settings
) -> None:
    # Deployments sharing a signing key still do not share people.
    keyring = parse_keyring(settings.jwt_signing_keys.get_secret_value())
    foreign = TokenService(keyring=keyring, deployment_id="team-b").issue_access(
        user_id="b-user-1", role=Role.ADMIN
    )
    for _ in range(3):
        response = await client.post(
            "/graphql", json={"query": ME}, headers={"authorization": f"Bearer {foreign}"}
        )
        assert response.status_code == 403
        assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    events = [
        e
        for e in await auth.audit.month(moment=datetime.now(UTC))
        if e.action is AuditAction.CROSS_DEPLOYMENT
    ]
    assert len(events) == 1
    event = events[0]
    assert (event.actor, event.deployment_id, event.target_deployment) == (
        "b-user-1",
        "team-a",
        "team-b",
    )
    assert abs((datetime.now(UTC) - event.at).total_seconds()) < 60
    assert "@" not in event.model_dump_json()


async def test_a_token_signed_by_deployment_b_keys_is_unauthenticated(
    client: httpx.AsyncClient,
) -> None:
    other = parse_keyring("b1:team-b-own-key-0123456789abcdef0123")
    foreign = TokenService(keyring=other, deployment_id="team-b").issue_access(
        user_id="b-user-1", role=Role.ADMIN
    )
    response = await client.post(
        "/graphql", json={"query": ME}, headers={"authorization": f"Bearer {foreign}"}
    )
    assert response.status_code == 401


async def test_a_genuine_token_reaches_the_resolvers(
    auth: AuthRuntime, client: httpx.AsyncClient
) -> None:
    session = await mint_session(auth, user_id=await register(auth))
    response = await client.post("/graphql", json={"query": ME}, headers=session.authorization)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["me"]["id"] == session.user_id
