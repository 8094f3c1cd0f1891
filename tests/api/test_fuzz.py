"""schemathesis against the exported SDL: no operation answers 5xx or leaks an unmasked error."""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from schemathesis.graphql import from_path

from api.export import SDL_PATH
from auth.principal import Role
from config.settings import Settings
from core.errors import ErrorCode
from devtools.local_provider import local_provider, running_provider
from devtools.stack import Endpoints
from repositories.models import Identity, Profile
from repositories.models import Role as StoredRole
from runtime.resources import dynamodb_client
from runtime.services import open_services
from tests.api.processes import api_process
from tests.conftest import create_table, make_settings

schema = from_path(SDL_PATH)
CODES = {code.value for code in ErrorCode}


@pytest.fixture(scope="module")
def fuzz_issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real OpenID provider, so that sign-ins reach the exchange of their code."""
    with running_provider(log=Path(tmp_path_factory.mktemp("provider")) / "provider.log") as issuer:
        yield issuer


@pytest.fixture(scope="module")
def fuzz_settings(endpoints: Endpoints, fuzz_issuer: str) -> Settings:
    # A deployment of its own, so the jobs it queues stay apart from other tests'.
    return make_settings(
        endpoints,
        deployment_id=f"fuzz-{uuid.uuid4().hex[:8]}",
        oidc_providers=[local_provider(issuer=fuzz_issuer)],
    )


# The schemathesis examples' mutations spread over this many admins: one person's budget of
# writes a minute would otherwise answer most of them RATE_LIMITED, unexamined.
FUZZ_ADMINS = 12


@pytest.fixture(scope="module")
async def fuzz_tokens(fuzz_settings: Settings) -> AsyncIterator[list[str]]:
    async with dynamodb_client(fuzz_settings) as dynamodb:
        await create_table(dynamodb, fuzz_settings.table_name)
        async with open_services(fuzz_settings) as services:
            tokens = []
            for number in range(FUZZ_ADMINS):
                admin = await services.repositories.users.register(
                    identity=Identity(issuer="https://sso.example.com", subject=f"fuzz-{number}"),
                    profile=Profile(name="Fuzz", email=f"fuzz-{number}@example.com"),
                    role=StoredRole.ADMIN,
                )
                await services.repositories.users.join(user_id=admin.id)
                tokens.append(services.tokens.issue_access(user_id=admin.id, role=Role.ADMIN))
            yield tokens
        await dynamodb.delete_table(TableName=fuzz_settings.table_name)


@pytest.fixture(scope="module")
def fuzz_token(fuzz_tokens: list[str]) -> str:
    return fuzz_tokens[0]


@pytest.fixture(scope="module")
def next_token(fuzz_tokens: list[str]) -> Callable[[], str]:
    return itertools.cycle(fuzz_tokens).__next__


@pytest.fixture(scope="module")
def fuzz_api(
    fuzz_settings: Settings, fuzz_token: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    log = Path(tmp_path_factory.mktemp("fuzz")) / "api.log"
    with api_process(fuzz_settings, log=log) as base:
        yield base


@schemathesis.check
def no_server_error(ctx: Any, response: Any, case: Any) -> None:
    if response.status_code >= 500:
        raise AssertionError(f"HTTP {response.status_code}: {response.text[:500]}")


@schemathesis.check
def errors_are_coded_and_masked(ctx: Any, response: Any, case: Any) -> None:
    body = response.json()
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        if code not in CODES:
            raise AssertionError(f"an error without a known code: {error}")
        if code == ErrorCode.INTERNAL and error["message"] != "Unexpected error.":
            raise AssertionError(f"an internal error that is not masked: {error}")
        if code == ErrorCode.INTERNAL:
            raise AssertionError(f"an unexpected error (masked, but a bug): {error}")
        if code == ErrorCode.RATE_LIMITED:
            raise AssertionError(f"a rate limit answered instead of the operation: {error}")
        if "Traceback" in error["message"]:
            raise AssertionError(f"a stack trace reached the client: {error}")


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_error_and_no_unmasked_error(
    case: schemathesis.Case[Any], fuzz_api: str, next_token: Callable[[], str]
) -> None:
    case.call_and_validate(
        base_url=f"{fuzz_api}/graphql",
        headers={"Authorization": f"Bearer {next_token()}"},
        # Errors with a code are the expected answers to arbitrary input; judge only those.
        checks=[no_server_error, errors_are_coded_and_masked],
    )


def assert_no_server_error(response: httpx.Response) -> None:
    assert response.status_code < 500, f"HTTP {response.status_code}: {response.text[:500]}"
    if response.headers.get("content-type", "").startswith("application/json"):
        body = response.json()
        errors = body.get("errors") if isinstance(body, dict) else None
        for error in errors or []:
            assert error["extensions"]["code"] in CODES, error
            assert error["extensions"]["code"] != ErrorCode.INTERNAL, error


@pytest.fixture(scope="module")
def fuzz_http(fuzz_api: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=fuzz_api, timeout=30) as http:
        yield http


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=20,
)
OPERATION_TEXT = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "{ deploymentId }",
            "query($n: Int!) { users(first: $n) { nextCursor } }",
            "mutation($d: Date) { pause(until: $d) { id } }",
            "mutation($t: String!) { updateDeploymentConfig(input: {timeZone: $t}) { timeZone } }",
            "mutation($s: String!) { updateDeploymentConfig(input: {schedule: $s}) { schedule } }",
            'mutation($b: String!) { previewTemplate(input: {subject: "s", body: $b}) { text } }',
            "subscription { roundProgress { groupsWritten } }",
        ]
    ),
    st.integers(0, 200_000).map(lambda size: "A" * size),
)
GRAPHQL_BODIES = st.one_of(
    st.binary(max_size=2000),
    st.integers(1, 200_000).map(lambda depth: b"[" * depth),
    st.integers(1, 5_000).map(lambda depth: b'{"query": ' + b"[" * depth + b"]" * depth + b"}"),
    st.fixed_dictionaries(
        {"query": OPERATION_TEXT},
        optional={
            "variables": st.dictionaries(st.sampled_from("nstdbx"), JSON_VALUES, max_size=3),
            "operationName": st.none() | st.text(max_size=20),
            "extensions": JSON_VALUES,
        },
    ).map(lambda body: json.dumps(body).encode()),
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
)
BODY_EXAMPLES = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.slow
@BODY_EXAMPLES
@given(
    body=GRAPHQL_BODIES,
    content_type=st.sampled_from(
        ["application/json", "application/json; charset=latin-1", "text/plain", ""]
    ),
    signed_in=st.booleans(),
)
def test_generated_graphql_bodies_get_no_server_error(
    fuzz_http: httpx.Client, fuzz_token: str, body: bytes, content_type: str, signed_in: bool
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    if signed_in:
        headers["authorization"] = f"Bearer {fuzz_token}"
    response = fuzz_http.post("/graphql", content=body, headers=headers)
    event(f"HTTP {response.status_code}")
    assert_no_server_error(response)


# Half the requests are the routes as a browser calls them, so they reach the handlers rather
# than a 404 or 405; the rest are any method on any path under /auth/.
AUTH_REQUESTS = st.one_of(
    st.sampled_from(
        [
            ("GET", "/auth/providers"),
            ("GET", "/auth/login/local"),
            ("GET", "/auth/callback/local"),
            ("POST", "/auth/refresh"),
            ("POST", "/auth/logout"),
            ("GET", "/auth/jwks.json"),
        ]
    ),
    st.tuples(
        st.sampled_from(["GET", "POST", "PUT", "DELETE"]),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz/._-%", max_size=40).map(
            lambda tail: "/auth/" + tail
        ),
    ),
)


@pytest.mark.slow
@BODY_EXAMPLES
@given(
    request=AUTH_REQUESTS,
    params=st.dictionaries(
        st.sampled_from(["code", "state", "error", "iss", "x"]), st.text(max_size=300), max_size=4
    ),
    body=st.one_of(st.binary(max_size=500), JSON_VALUES.map(lambda v: json.dumps(v).encode())),
    cookie=st.none() | st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.-_", max_size=200),
    csrf=st.booleans(),
)
def test_generated_sign_in_requests_get_no_server_error(
    fuzz_http: httpx.Client,
    request: tuple[str, str],
    params: dict[str, str],
    body: bytes,
    cookie: str | None,
    csrf: bool,
) -> None:
    method, path = request
    headers = {"content-type": "application/json"}
    if csrf:
        headers["x-vcoffee-csrf"] = "1"
    if cookie is not None:
        headers["cookie"] = f"vcoffee_refresh={cookie}; vcoffee_login={cookie}"
    response = fuzz_http.request(method, path, params=params, content=body, headers=headers)
    # What the examples reached, shown by --hypothesis-show-statistics.
    event(f"HTTP {response.status_code}")
    assert response.status_code < 500, f"HTTP {response.status_code}: {response.text[:500]}"


@pytest.mark.slow
@BODY_EXAMPLES
@given(
    params=st.dictionaries(
        st.sampled_from(["code", "error", "error_description", "iss", "state", "x"]),
        st.text(max_size=300),
        max_size=4,
    ),
    keep_state=st.booleans(),
)
def test_generated_callbacks_of_a_started_sign_in_get_no_server_error(
    fuzz_api: str, params: dict[str, str], keep_state: bool
) -> None:
    # A sign-in started for real: its state and cookie are valid, so the generated code, error
    # and issuer reach the exchange with the provider rather than the state check.
    with httpx.Client(base_url=fuzz_api, timeout=30) as browser:
        start = browser.get("/auth/login/local")
        assert start.is_redirect, start.text
        state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
        if keep_state:
            params = {**params, "state": state}
        response = browser.get("/auth/callback/local", params=params)
    landing = parse_qs(urlsplit(response.headers.get("location", "")).query)
    event(f"HTTP {response.status_code} {landing.get('auth_reason', [''])[0]}")
    assert response.status_code < 500, f"HTTP {response.status_code}: {response.text[:500]}"
