"""Calls are limited per client address and per person: HTTP 429, Retry-After and a code."""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime

import httpx
import pytest
from redis.asyncio import Redis
from starlette.applications import Starlette

from auth.oidc import RedisStateStore
from auth.runtime import AuthRuntime
from config.settings import Settings
from core.errors import RateLimited
from devtools.devlogin import mint_session
from repositories.audit import AuditAction
from schema.rate_limit import WRITES
from tests.api.conftest import Api
from tests.auth.stack import CSRF
from vcoffee.app import create_app

QUERY = {"query": "{ deploymentId }"}
MakeClient = Callable[..., Awaitable[tuple[httpx.AsyncClient, Starlette]]]


async def within_one_window(scenario: Callable[[], Awaitable[None]]) -> None:
    """Runs a scenario again if a one-minute window ended while it ran (the counts restart)."""
    for _ in range(3):
        window = int(time.time()) // 60
        try:
            await scenario()
            return
        except AssertionError:
            if int(time.time()) // 60 == window:
                raise
    raise AssertionError("three windows ended during the scenario")


def limited_settings(settings: Settings, **limits: object) -> Settings:
    # A deployment of its own, so no other test's calls count against these budgets.
    return settings.model_copy(update={"deployment_id": f"rl-{uuid.uuid4().hex[:8]}", **limits})


@pytest.fixture
async def make_client(settings: Settings, table: str) -> AsyncIterator[MakeClient]:
    async with contextlib.AsyncExitStack() as stack:

        async def make(**limits: object) -> tuple[httpx.AsyncClient, Starlette]:
            app = create_app(limited_settings(settings, **limits))
            await stack.enter_async_context(app.router.lifespan_context(app))
            client = await stack.enter_async_context(
                httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=app, client=("203.0.113.7", 1234)),
                    base_url="http://127.0.0.1:8000",
                )
            )
            return client, app

        yield make


def assert_rate_limited(response: httpx.Response) -> None:
    assert response.status_code == 429, response.text
    retry_after = int(response.headers["retry-after"])
    assert 0 < retry_after <= 60
    body = response.json()
    error = body["errors"][0] if "errors" in body else body["error"]
    code = error["extensions"]["code"] if "extensions" in error else error["code"]
    assert code == "RATE_LIMITED"


async def test_graphql_requests_are_limited_per_client_address(make_client: MakeClient) -> None:
    async def scenario() -> None:
        client, _ = await make_client(client_requests_per_minute=5)
        for _ in range(5):
            assert (await client.post("/graphql", json=QUERY)).status_code == 200
        assert_rate_limited(await client.post("/graphql", json=QUERY))

    await within_one_window(scenario)


async def test_graphql_requests_are_limited_per_person(make_client: MakeClient, api: Api) -> None:
    async def scenario() -> None:
        client, app = await make_client(person_requests_per_minute=3)
        people = Api(client=client, services=app.state.services)
        ada, bob = await people.person("ada"), await people.person("bob")
        for _ in range(3):
            assert (await people.post("{ me { id } }", as_=ada)).status_code == 200
        assert_rate_limited(await people.post("{ me { id } }", as_=ada))
        assert (await people.post("{ me { id } }", as_=bob)).status_code == 200

    await within_one_window(scenario)


async def test_a_trusted_proxy_names_the_client_and_an_untrusted_one_does_not(
    make_client: MakeClient,
) -> None:
    async def scenario() -> None:
        behind, _ = await make_client(client_requests_per_minute=2, trusted_proxy=True)
        direct, _ = await make_client(client_requests_per_minute=2)
        for client, apart in ((behind, True), (direct, False)):
            statuses = [
                (
                    await client.post(
                        "/graphql",
                        json=QUERY,
                        headers={"x-forwarded-for": f"198.51.100.9, 192.0.2.{number}"},
                    )
                ).status_code
                for number in range(4)
            ]
            # Behind the proxy each forwarded address has its own budget; directly, one does.
            assert statuses == ([200] * 4 if apart else [200, 200, 429, 429])

    await within_one_window(scenario)


@pytest.mark.parametrize(
    ("method", "path", "limit"),
    [
        ("GET", "/auth/login/local", "sign_ins_per_minute"),
        ("GET", "/auth/callback/local?code=x&state=y", "sign_ins_per_minute"),
        ("POST", "/auth/refresh", "refreshes_per_minute"),
    ],
)
async def test_sign_in_routes_are_limited_per_client_address(
    make_client: MakeClient, method: str, path: str, limit: str
) -> None:
    async def scenario() -> None:
        client, _ = await make_client(**{limit: 3})
        for _ in range(3):
            assert (await client.request(method, path)).status_code != 429
        assert_rate_limited(await client.request(method, path))

    await within_one_window(scenario)


async def test_bogus_callbacks_write_a_bounded_number_of_audit_events(
    make_client: MakeClient,
) -> None:
    client, app = await make_client()
    for number in range(30):
        await client.get(f"/auth/callback/local?code=c{number}&state=s{number}")
    runtime: AuthRuntime = app.state.auth
    events = await runtime.audit.month(moment=datetime.now(UTC), limit=100)
    refused = [event for event in events if event.action is AuditAction.SIGN_IN_REFUSED]
    assert 1 <= len(refused) <= 10


async def test_pending_sign_ins_are_bounded(redis: Redis) -> None:
    store = RedisStateStore(redis=redis, deployment_id=f"rl-{uuid.uuid4().hex[:8]}", limit=3)
    for number in range(3):
        await store.set(f"_state_local_{number}", "{}", expires_in=60)
    with pytest.raises(RateLimited):
        await store.set("_state_local_x", "{}", expires_in=60)
    await store.delete("_state_local_0")
    await store.set("_state_local_y", "{}", expires_in=60)
    assert await store.get("_state_local_y") == "{}"


async def test_refreshes_are_limited_per_person_and_a_refused_one_spends_nothing(
    make_client: MakeClient,
) -> None:
    async def scenario() -> None:
        # Each request from its own address (behind the trusted proxy): only the person counts.
        client, app = await make_client(refreshes_per_minute=3, trusted_proxy=True)
        runtime: AuthRuntime = app.state.auth
        people = Api(client=client, services=app.state.services)
        ada, bob = await people.person("ada"), await people.person("bob")
        sessions = [await mint_session(runtime, user_id=ada.id) for _ in range(4)]
        other = await mint_session(runtime, user_id=bob.id)

        async def refresh(token: str, number: int) -> httpx.Response:
            client.cookies.clear()
            client.cookies.set(runtime.cookies.refresh_name, token, domain="127.0.0.1")
            return await client.post(
                "/auth/refresh",
                headers={**CSRF, "x-forwarded-for": f"192.0.2.{number}"},
                content="{}",
            )

        for number, session in enumerate(sessions[:3]):
            assert (await refresh(session.refresh_token, number)).status_code == 200
        refused = await refresh(sessions[3].refresh_token, 3)
        assert_rate_limited(refused)
        assert runtime.cookies.refresh_name not in refused.cookies  # the session is kept
        assert (await refresh(other.refresh_token, 4)).status_code == 200
        # The refused token was not spent: it still renews once the person's window allows.
        repository = runtime.sessions._refresh
        record = await repository._require_record(sessions[3].refresh_token)
        assert record.status.value == "current"

    await within_one_window(scenario)


async def test_a_graphql_request_over_http_asks_redis_once(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The client's budget, the session and the person's budget in one call: each call to Redis
    # costs the API process CPU on every request.
    client, app = await make_client()
    people = Api(client=client, services=app.state.services)
    ada = await people.person("ada")
    assert (await people.post("{ me { id } }", as_=ada)).status_code == 200  # loads the script
    pool = app.state.services.redis.connection_pool
    calls = 0
    get_connection = pool.get_connection

    async def counted(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return await get_connection(*args, **kwargs)

    monkeypatch.setattr(pool, "get_connection", counted)
    assert (await people.post("{ me { id } }", as_=ada)).status_code == 200
    assert (await client.post("/graphql", json=QUERY)).status_code == 200
    assert calls == 2


async def test_a_bad_token_spends_the_clients_budget_and_an_ended_session_not_the_persons(
    make_client: MakeClient,
) -> None:
    async def scenario() -> None:
        client, app = await make_client(client_requests_per_minute=4, person_requests_per_minute=2)
        runtime: AuthRuntime = app.state.auth
        people = Api(client=client, services=app.state.services)
        ada = await people.person("ada")
        ended = await mint_session(runtime, user_id=ada.id)
        await runtime.sessions.close(refresh_token=ended.refresh_token, session_id=None)
        refused = await client.post(
            "/graphql", json=QUERY, headers={"authorization": "Bearer not-a-token"}
        )
        assert refused.status_code == 401
        ended_twice = [
            await client.post("/graphql", json=QUERY, headers=ended.authorization) for _ in range(2)
        ]
        assert [response.status_code for response in ended_twice] == [401, 401]
        # Three of the client's four calls are spent; none of Ada's two.
        assert (await people.post("{ me { id } }", as_=ada)).status_code == 200
        assert_rate_limited(await people.post("{ me { id } }", as_=ada))

    await within_one_window(scenario)


async def test_mutations_past_a_persons_writes_a_minute_answer_429(make_client: MakeClient) -> None:
    # The general budget of writes, apart from the test messages' own (tests/api/test_safety.py).
    pause = "mutation { pause(until: null) { id } }"

    async def scenario() -> None:
        client, app = await make_client()
        people = Api(client=client, services=app.state.services)
        ada, bob = await people.person("ada"), await people.person("bob")
        for _ in range(WRITES.calls):
            answer = await people.post(pause, as_=ada)
            assert answer.json()["data"]["pause"]["id"] == ada.id, answer.text
        refused = await people.post(pause, as_=ada)
        assert_rate_limited(refused)
        assert refused.json()["errors"][0]["path"] == ["pause"]
        assert (await people.post(pause, as_=bob)).json()["data"]["pause"]["id"] == bob.id

    await within_one_window(scenario)
