"""schemathesis against the exported SDL: no operation answers 5xx or leaks an unmasked error."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.graphql import from_path

from api.export import SDL_PATH
from auth.principal import Role
from config.settings import Settings
from core.errors import ErrorCode
from devtools.stack import Endpoints
from repositories.models import Identity, Profile
from repositories.models import Role as StoredRole
from repositories.table import table_definition
from runtime.resources import dynamodb_client
from runtime.services import open_services
from tests.api.processes import api_process
from tests.conftest import make_settings

schema = from_path(SDL_PATH)
CODES = {code.value for code in ErrorCode}


@pytest.fixture(scope="module")
def fuzz_settings(endpoints: Endpoints) -> Settings:
    # A deployment of its own, so the jobs it queues stay apart from other tests'.
    return make_settings(endpoints, deployment_id=f"fuzz-{uuid.uuid4().hex[:8]}")


@pytest.fixture(scope="module")
async def fuzz_token(fuzz_settings: Settings) -> AsyncIterator[str]:
    async with dynamodb_client(fuzz_settings) as dynamodb:
        await dynamodb.create_table(**table_definition(fuzz_settings.table_name))
        async with open_services(fuzz_settings) as services:
            admin = await services.repositories.users.register(
                identity=Identity(issuer="https://sso.example.com", subject="fuzz-admin"),
                profile=Profile(name="Fuzz", email="fuzz@example.com"),
                role=StoredRole.ADMIN,
            )
            await services.repositories.users.join(user_id=admin.id)
            yield services.tokens.issue_access(user_id=admin.id, role=Role.ADMIN)
        await dynamodb.delete_table(TableName=fuzz_settings.table_name)


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
    case: schemathesis.Case[Any], fuzz_api: str, fuzz_token: str
) -> None:
    case.call_and_validate(
        base_url=f"{fuzz_api}/graphql",
        headers={"Authorization": f"Bearer {fuzz_token}"},
        # Errors with a code are the expected answers to arbitrary input; judge only those.
        checks=[no_server_error, errors_are_coded_and_masked],
    )
