"""Large and malformed requests answer quickly with a coded 4xx, and never stall the API."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from devtools.stack import Endpoints
from tests.api.conftest import Api
from tests.api.served import Served, healthz_while, serve_api

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
async def served(
    endpoints: Endpoints, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Served]:
    async for running in serve_api(endpoints, Path(tmp_path_factory.mktemp("hostile"))):
        yield running


def coded_error(response: httpx.Response) -> dict[str, Any]:
    assert response.headers["content-type"].startswith("application/json"), response.text
    (error,) = response.json()["errors"]
    assert isinstance(error, dict)
    return error


# Under the document limit the word reaches the parser and its syntax error; over it, not.
@pytest.mark.parametrize(("length", "status"), [(90_000, 200), (1_000_000, 400)])
async def test_one_long_word_is_refused_quickly_while_healthz_answers(
    served: Served, length: int, status: int
) -> None:
    body = {"query": "A" * length}
    async with httpx.AsyncClient(timeout=30) as http:
        started = time.monotonic()
        work = asyncio.create_task(http.post(f"{served.base}/graphql", json=body))
        probes = await healthz_while(http, served.base, work)
        response = await work
        took = time.monotonic() - started
    assert took < 2, f"{length} characters took {took:.1f} s"
    assert max(probes, default=0) < 1
    assert response.status_code == status
    error = coded_error(response)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert len(error["message"]) < 1000


async def test_a_long_word_under_the_document_limit_is_a_short_syntax_error(api: Api) -> None:
    started = time.monotonic()
    response = await api.client.post("/graphql", json={"query": "B" * 90_000 + " {"})
    assert time.monotonic() - started < 2
    assert response.status_code == 200
    error = coded_error(response)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"].startswith("Syntax Error")
    assert len(error["message"]) < 1000


async def test_a_body_over_the_limit_is_refused_with_413(served: Served) -> None:
    body = b'{"query": "{ deploymentId }", "variables": {"x": "' + b"x" * 2_000_000 + b'"}}'
    async with httpx.AsyncClient(timeout=30) as http:
        declared = await http.post(
            f"{served.base}/graphql", content=body, headers={"content-type": "application/json"}
        )

        async def chunks() -> AsyncIterator[bytes]:
            for start in range(0, len(body), 65536):
                yield body[start : start + 65536]

        streamed = await http.post(
            f"{served.base}/graphql",
            content=chunks(),
            headers={"content-type": "application/json"},
        )
        small_auth = await http.post(
            f"{served.base}/auth/refresh",
            content=b"{" + b" " * 100_000 + b"}",
            headers={"content-type": "application/json"},
        )
        fine = await http.post(f"{served.base}/graphql", json={"query": "{ deploymentId }"})
    for refused in (declared, streamed, small_auth):
        assert refused.status_code == 413, refused.text
        assert coded_error(refused)["extensions"]["code"] == "BAD_USER_INPUT"
    assert fine.status_code == 200
    assert fine.json()["data"]["deploymentId"] == served.settings.deployment_id


@pytest.mark.parametrize(
    "body",
    [
        b'{"query": "{ deploymentId }", "x": "\xff\xfe"}',
        b"\xc3\x28",
        b"[" * 100_000,
        b'{"query": "{ deploymentId }", "variables": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    ],
    ids=["invalid-utf8-in-string", "invalid-utf8", "deep-nesting", "deep-variables"],
)
async def test_malformed_bodies_answer_400_with_a_code(api: Api, body: bytes) -> None:
    response = await api.client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400, response.text
    assert coded_error(response)["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_subscription_over_http_is_refused_naming_the_websocket(api: Api) -> None:
    admin = await api.person("root", admin=True)
    response = await api.post("subscription { roundProgress { groupsWritten } }", as_=admin)
    assert response.status_code == 400
    error = coded_error(response)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "websocket" in error["message"]


async def test_a_websocket_message_over_the_body_limit_closes_the_socket(served: Served) -> None:
    socket = await websockets.connect(
        served.base.replace("http", "ws", 1) + "/graphql",
        subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
        origin=websockets.Origin(served.settings.public_url),
        max_size=None,
    )
    # The server may close before the client has written the whole message; then the send
    # itself fails, and the close frame is what counts.
    oversized = json.dumps({"type": "connection_init", "payload": {"x": "x" * 2_000_000}})
    with contextlib.suppress(websockets.ConnectionClosed):
        await socket.send(oversized)
    with pytest.raises(websockets.ConnectionClosed) as closed:
        await asyncio.wait_for(socket.recv(), 10)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 1009  # message too big
    async with httpx.AsyncClient(timeout=5) as http:
        assert (await http.get(f"{served.base}/healthz")).status_code == 200
