"""Admins granted in the app: by a verified email in the configuration, or by the stored role."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from auth.accounts import email_digest
from auth.principal import Role
from auth.runtime import AuthRuntime
from devtools.local_provider import put_user
from devtools.stack import Endpoints
from repositories.bundle import Repositories
from repositories.models import Role as StoredRole
from repositories.models import User
from repositories.models.config import DeploymentConfig
from runtime.resources import dynamodb_client
from runtime.services import cursor_secret
from tests.api.conftest import Api
from tests.auth.stack import CSRF, Stack, access_token, running_stack, sign_in
from tests.conftest import create_table, make_settings

ADMIN_EMAILS = """mutation($emails: [String!]!) {
  updateDeploymentConfig(input: {adminEmails: $emails}) { adminEmails } }"""
GRANT = "mutation($id: ID!) { grantAdmin(userId: $id) { id role } }"
REVOKE = "mutation($id: ID!) { revokeAdmin(userId: $id) { id role } }"
LOG = "{ auditLog(first: 50) { items { action actorId target } } }"


@pytest.fixture
def auth(app: Starlette) -> AuthRuntime:
    runtime: AuthRuntime = app.state.auth
    return runtime


async def signed_in(auth: AuthRuntime, client: httpx.AsyncClient, user: User) -> Role:
    """Opens a session as the callback does for a verified email; the refresh cookie is kept."""
    session = await auth.sessions.open(
        user_id=user.id, verified_email_digest=email_digest(user.profile.email)
    )
    client.cookies.set(auth.cookies.refresh_name, session.refresh.token, domain="127.0.0.1")
    return session.role


async def refreshed(client: httpx.AsyncClient) -> dict[str, str]:
    response = await client.post("/auth/refresh", headers=CSRF, content="{}")
    assert response.status_code == 200, response.text
    body: dict[str, str] = response.json()
    return body


async def test_an_email_admins_put_in_the_configuration_makes_its_owner_admin_at_sign_in(
    api: Api, auth: AuthRuntime
) -> None:
    root = await api.person("root", admin=True)
    bob = await api.person("bob")
    assert await signed_in(auth, api.client, bob) is Role.MEMBER

    await api.data(ADMIN_EMAILS, {"emails": [bob.profile.email.upper()]}, as_=root)

    session = await auth.sessions.open(
        user_id=bob.id, verified_email_digest=email_digest(bob.profile.email)
    )
    assert session.role is Role.ADMIN
    log = await api.client.post(
        "/graphql",
        json={"query": LOG},
        headers={"authorization": f"Bearer {session.access_token}"},
    )
    assert "errors" not in log.json(), log.text
    # Without an email the provider verified, the configuration grants nothing.
    unverified = await auth.sessions.open(user_id=bob.id, verified_email_digest=None)
    assert unverified.role is Role.MEMBER


async def test_every_refresh_applies_the_configured_admin_emails_again(
    api: Api, auth: AuthRuntime
) -> None:
    root = await api.person("root", admin=True)
    bob = await api.person("bob")
    await signed_in(auth, api.client, bob)
    assert (await refreshed(api.client))["role"] == "member"

    await api.data(ADMIN_EMAILS, {"emails": [bob.profile.email]}, as_=root)
    granted = await refreshed(api.client)
    assert granted["role"] == "admin"
    me = await api.client.post(
        "/graphql",
        json={"query": "{ me { role } }"},
        headers={"authorization": f"Bearer {granted['accessToken']}"},
    )
    assert me.json() == {"data": {"me": {"role": "ADMIN"}}}

    await api.data(ADMIN_EMAILS, {"emails": []}, as_=root)
    assert (await refreshed(api.client))["role"] == "member"


async def test_a_granted_role_applies_at_the_next_refresh_and_is_logged(
    api: Api, auth: AuthRuntime
) -> None:
    root = await api.person("root", admin=True)
    bob = await api.person("bob")
    await signed_in(auth, api.client, bob)

    granted = await api.data(GRANT, {"id": bob.id}, as_=root)
    assert granted["grantAdmin"] == {"id": bob.id, "role": "ADMIN"}
    assert (await refreshed(api.client))["role"] == "admin"
    # Granting again changes nothing and logs nothing.
    await api.data(GRANT, {"id": bob.id}, as_=root)

    revoked = await api.data(REVOKE, {"id": bob.id}, as_=root)
    assert revoked["revokeAdmin"] == {"id": bob.id, "role": "MEMBER"}
    assert (await refreshed(api.client))["role"] == "member"
    await api.data(REVOKE, {"id": bob.id}, as_=root)

    events = (await api.data(LOG, as_=root))["auditLog"]["items"]
    assert events == [
        {"action": "admin_revoked", "actorId": root.id, "target": bob.id},
        {"action": "admin_granted", "actorId": root.id, "target": bob.id},
    ]


async def test_the_last_admin_keeps_the_role(api: Api) -> None:
    root = await api.person("root", admin=True)
    refused = await api.error(REVOKE, {"id": root.id}, as_=root)
    assert refused["extensions"] == {"code": "CONFLICT", "fields": ["userId"]}
    assert "last active admin" in refused["message"]
    stored = await api.repositories.users.require(user_id=root.id)
    assert stored.role is StoredRole.ADMIN
    assert (await api.data(LOG, as_=root))["auditLog"]["items"] == []


async def test_a_deactivated_admin_does_not_count_as_another_admin(api: Api) -> None:
    root = await api.person("root", admin=True)
    gone = await api.person("gone", admin=True)
    await api.repositories.users.deactivate(user_id=gone.id)
    refused = await api.error(REVOKE, {"id": root.id}, as_=root)
    assert refused["extensions"]["code"] == "CONFLICT"


async def test_an_admin_may_step_down_while_another_remains(api: Api) -> None:
    root = await api.person("root", admin=True)
    other = await api.person("other", admin=True)
    stepped = await api.data(REVOKE, {"id": root.id}, as_=root)
    assert stepped["revokeAdmin"]["role"] == "MEMBER"
    refused = await api.error(REVOKE, {"id": other.id}, as_=other)
    assert refused["extensions"]["code"] == "CONFLICT"
    assert (await api.repositories.users.require(user_id=other.id)).role is StoredRole.ADMIN


async def test_members_cannot_grant_and_unknown_people_are_not_found(api: Api) -> None:
    root = await api.person("root", admin=True)
    bob = await api.person("bob")
    for query in (GRANT, REVOKE):
        refused = await api.error(query, {"id": bob.id}, as_=bob)
        assert refused["extensions"] == {"code": "FORBIDDEN"}
        missing = await api.error(query, {"id": "nobody"}, as_=root)
        assert missing["extensions"] == {"code": "NOT_FOUND", "fields": ["userId"]}
    assert (await api.repositories.users.require(user_id=bob.id)).role is StoredRole.MEMBER


# End to end through the local OpenID provider: only a verified email counts.
PEOPLE: dict[str, dict[str, object]] = {
    "vera": {"email": "vera@example.com", "email_verified": True, "name": "Vera"},
    "uma": {"email": "uma@example.com", "email_verified": False, "name": "Uma"},
}


@pytest.fixture(scope="module")
async def granted_stack(
    endpoints: Endpoints, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    """An app and provider whose deployment configuration lists both people as admins."""
    settings = make_settings(endpoints)
    table = settings.table_name
    async with dynamodb_client(settings) as dynamodb:
        await create_table(dynamodb, table)
        repositories = Repositories.create(
            client=dynamodb,
            table_name=table,
            deployment_id=settings.deployment_id,
            cursor_secret=cursor_secret(settings),
            transaction_limit=settings.dynamodb_transaction_limit,
        )
        emails = [str(claims["email"]) for claims in PEOPLE.values()]
        await repositories.config.update(
            config=DeploymentConfig(admin_emails=emails), expected_version=0
        )
        values: dict[str, Any] = {
            "environment": "test",
            "deployment_id": settings.deployment_id,
            "table_name": table,
            "dynamodb_endpoint": endpoints.dynamodb_url,
            "redis_url": endpoints.redis_url,
            "session_secret": settings.session_secret.get_secret_value(),
            "jwt_signing_keys": settings.jwt_signing_keys.get_secret_value(),
        }
        log_dir = Path(tmp_path_factory.mktemp("admins"))
        with running_stack(log_dir=log_dir, settings=values) as stack:
            for subject, claims in PEOPLE.items():
                put_user(issuer=stack.issuer, subject=subject, claims=claims)
            yield stack
        await dynamodb.delete_table(TableName=table)


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize(("subject", "role"), [("vera", "admin"), ("uma", "member")])
async def test_through_the_provider_only_a_verified_email_in_the_configuration_counts(
    granted_stack: Stack, subject: str, role: str
) -> None:
    async with httpx.AsyncClient(timeout=20) as browser:
        done = await sign_in(browser, granted_stack, subject)
        assert "auth_error" not in str(done.url)
        session = await access_token(browser, granted_stack)
        assert session["role"] == role
        again = await access_token(browser, granted_stack)
        assert again["role"] == role
