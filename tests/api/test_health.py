"""Probes report the process and its dependencies as Kubernetes expects."""

from __future__ import annotations

import httpx
import pytest

from devtools.stack import Endpoints
from tests.conftest import make_settings
from vcoffee.app import create_app


async def test_healthz_and_readyz_when_everything_answers(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready"}


@pytest.mark.timeout(30)
async def test_readyz_names_the_failing_dependency(endpoints: Endpoints) -> None:
    # The table does not exist, so DynamoDB is not ready for this instance; Redis is fine.
    settings = make_settings(endpoints, table_name="missing-table")
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            ready = await http.get("/readyz")
    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable", "failing": ["dynamodb"]}


async def test_graphql_answers_a_query(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ deploymentId }"})
    assert response.json() == {"data": {"deploymentId": "team-a"}}
