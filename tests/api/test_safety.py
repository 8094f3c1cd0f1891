"""Safe by default: limits, transport rules, production lockdown, masking and rate limits."""

from __future__ import annotations

import httpx

from auth.principal import Role
from auth.tokens import TokenService, parse_keyring
from config.settings import Settings
from devtools.stack import Endpoints
from schema.security import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from tests.api.conftest import Api
from tests.conftest import make_settings
from vcoffee.app import create_app

INTROSPECTION = "{ __schema { queryType { name } } }"


def nested(depth: int) -> str:
    inner = "id"
    for level in range(depth - 1):
        inner = f"f{level} {{ {inner} }}"
    return f"{{ {inner} }}"


async def test_depth_aliases_and_tokens_are_limited(api: Api) -> None:
    # The schema is shallow, so only a made-up query gets this deep; it is refused for depth
    # before anything else is looked at.
    deep = await api.run(nested(MAX_DEPTH + 2))
    assert deep["data"] is None
    depth_errors = [e for e in deep["errors"] if "exceeds maximum operation depth" in e["message"]]
    assert len(depth_errors) == 1
    assert all(e["extensions"] == {"code": "BAD_USER_INPUT"} for e in deep["errors"])
    shallow = await api.run(nested(MAX_DEPTH))
    assert not any("depth" in e["message"] for e in shallow["errors"])

    aliases = " ".join(f"a{n}: deploymentId" for n in range(MAX_ALIASES + 1))
    too_many = await api.error(f"{{ {aliases} }}")
    assert too_many["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "aliases" in too_many["message"]

    long_query = "{ " + "deploymentId " * MAX_TOKENS + "}"
    too_long = await api.error(long_query)
    assert too_long["extensions"] == {"code": "BAD_USER_INPUT"}


async def test_batches_get_queries_and_other_bodies_are_refused(api: Api) -> None:
    batch = await api.client.post(
        "/graphql", json=[{"query": "{ deploymentId }"}, {"query": "{ deploymentId }"}]
    )
    assert batch.status_code == 400
    over_get = await api.client.get("/graphql", params={"query": "{ deploymentId }"})
    assert over_get.status_code in {400, 405}
    assert "team-a" not in over_get.text
    form = await api.client.post(
        "/graphql",
        content='{"query": "{ deploymentId }"}',
        headers={"content-type": "text/plain"},
    )
    assert form.status_code == 415
    assert "team-a" not in form.text


async def test_field_suggestions_are_not_given(api: Api) -> None:
    error = await api.error("{ deploymentI }")
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "Did you mean" not in error["message"]


async def test_introspection_in_production_is_for_admins_only(
    settings: Settings, table: str
) -> None:
    production = settings.model_copy(update={"environment": "production"})
    app = create_app(production)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
            api = Api(client=http, services=app.state.services)
            member = await api.person("mo")
            admin = await api.person("root", admin=True)
            for who in (None, member):
                refused = await api.run(INTROSPECTION, as_=who)
                assert refused["data"] is None
                assert refused["errors"]
                for error in refused["errors"]:
                    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
                    assert "introspection has been disabled" in error["message"]
            allowed = await api.data(INTROSPECTION, as_=admin)
            assert allowed == {"__schema": {"queryType": {"name": "Query"}}}


async def test_introspection_outside_production(api: Api) -> None:
    assert await api.data(INTROSPECTION) == {"__schema": {"queryType": {"name": "Query"}}}


async def test_unexpected_errors_are_masked(endpoints: Endpoints) -> None:
    # No table: DynamoDB answers with an error the API does not expect.
    app = create_app(make_settings(endpoints, table_name="no-such-table"))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            response = await http.post(
                "/graphql", json={"query": "{ deploymentSettings { schedule } }"}
            )
    assert response.status_code == 200
    (error,) = response.json()["errors"]
    assert error["message"] == "Unexpected error."
    assert error["extensions"] == {"code": "INTERNAL"}
    assert "ResourceNotFound" not in response.text
    assert "Traceback" not in response.text


async def test_mutations_are_rate_limited_per_person(api: Api) -> None:
    ada = await api.person("ada")
    bob = await api.person("bob")
    query = "mutation { sendTestNotification(channel: SIGNAL) { __typename } }"
    for _ in range(5):
        assert (await api.data(query, as_=ada))["sendTestNotification"] == {
            "__typename": "ChannelNotConfigured"
        }
    response = await api.post(query, as_=ada)
    assert response.status_code == 429
    assert 0 < int(response.headers["retry-after"]) <= 600
    (limited,) = response.json()["errors"]
    assert limited["extensions"]["code"] == "RATE_LIMITED"
    assert 0 < limited["extensions"]["retryAfter"] <= 600
    assert (await api.data(query, as_=bob))["sendTestNotification"] == {
        "__typename": "ChannelNotConfigured"
    }


async def test_a_token_of_another_deployment_is_refused(api: Api) -> None:
    other = TokenService(
        keyring=parse_keyring(api.services.settings.jwt_signing_keys.get_secret_value()),
        deployment_id="team-b",
    )
    ada = await api.person("ada")
    token = other.issue_access(user_id=ada.id, role=Role.ADMIN)
    response = await api.client.post(
        "/graphql",
        json={"query": "{ me { id } users { items { id } } }"},
        headers={"authorization": f"Bearer {token}"},
    )
    assert response.status_code == 403
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "FORBIDDEN"}
