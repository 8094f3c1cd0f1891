"""The walking skeleton on the stack `make dev` starts: sign in, join, a round, a live match.

Every hop is a real process: the local OpenID provider, the API (uvicorn), the arq worker,
DynamoDB Local and Redis. The match reaches the subscriber from the worker through Redis
pub/sub and the API process, over graphql-transport-ws.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from tests.devstack.running import DevStack, dev_ports_env, start_dev

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]

CSRF = {"content-type": "application/json", "x-vcoffee-csrf": "1"}
JOIN = """mutation($input: JoinInput!) { join(input: $input) {
  __typename ... on Joined { me { id profile { name } participation { status } } } } }"""
ME = "{ me { id role profile { name } participation { status } } }"
RUN = """mutation($slot: String!) { runRoundNow(slot: $slot) {
  __typename ... on RoundQueued { slot jobId } } }"""
MY_NEW_MATCH = "subscription { myNewMatch { id slot participants { id name } } }"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevStack]:
    running = start_dev(data_dir=tmp_path_factory.mktemp("slice"), ports=dev_ports_env())
    try:
        yield running
    finally:
        running.stop()


class Person:
    def __init__(self, stack: DevStack, browser: httpx.AsyncClient, token: str) -> None:
        self.stack, self.browser, self.token = stack, browser, token

    async def graphql(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        response = await self.browser.post(
            f"{self.stack.url}graphql",
            json={"query": query, "variables": variables or {}},
            headers={"authorization": f"Bearer {self.token}"},
        )
        body = response.json()
        assert "errors" not in body, body
        return body["data"]


async def sign_in(stack: DevStack, browser: httpx.AsyncClient, subject: str) -> Person:
    """What a person does in the browser: the provider's page, their account, back to us."""
    form = await browser.get(f"{stack.url}auth/login/local", follow_redirects=True)
    assert str(form.url).startswith(stack.oidc_url)
    done = await browser.post(str(form.url), data={"sub": subject}, follow_redirects=True)
    assert str(done.url) == stack.url, done.url
    session = await browser.post(f"{stack.url}auth/refresh", headers=CSRF, content="{}")
    assert session.status_code == 200, session.text
    return Person(stack, browser, session.json()["accessToken"])


async def subscribe(stack: DevStack, token: str) -> Any:
    socket = await websockets.connect(
        stack.url.replace("http", "ws", 1) + "graphql",
        subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
        origin=websockets.Origin(stack.url.rstrip("/")),
    )
    await socket.send(
        json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
    )
    assert json.loads(await asyncio.wait_for(socket.recv(), 10))["type"] == "connection_ack"
    await socket.send(
        json.dumps({"id": "1", "type": "subscribe", "payload": {"query": MY_NEW_MATCH}})
    )
    return socket


async def test_sign_in_join_round_and_live_match(stack: DevStack, tmp_path: Path) -> None:
    async with (
        httpx.AsyncClient(timeout=30) as alice_browser,
        httpx.AsyncClient(timeout=30) as bob_browser,
        httpx.AsyncClient(timeout=30) as carol_browser,
        httpx.AsyncClient(timeout=30) as admin_browser,
    ):
        people = {
            "alice": await sign_in(stack, alice_browser, "alice"),
            "bob": await sign_in(stack, bob_browser, "bob"),
            "carol": await sign_in(stack, carol_browser, "carol"),
        }
        admin = await sign_in(stack, admin_browser, "admin")
        assert (await admin.graphql(ME))["me"]["role"] == "ADMIN"

        # Signing in enrols nobody; joining is the person's choice, with the name they set.
        for name, person in people.items():
            before = await person.graphql(ME)
            assert before["me"]["participation"]["status"] == "NOT_JOINED"
            joined = await person.graphql(
                JOIN, {"input": {"timeZone": "Europe/Berlin", "name": name.title()}}
            )
            assert joined["join"]["__typename"] == "Joined"
            me = (await person.graphql(ME))["me"]
            assert me["profile"]["name"] == name.title()
            assert me["participation"]["status"] == "ACTIVE"

        socket = await subscribe(stack, people["alice"].token)
        try:
            await asyncio.sleep(0.5)  # the API process has subscribed on Redis
            queued = await admin.graphql(RUN, {"slot": "2026-11-30T09:00Z"})
            assert queued["runRoundNow"]["__typename"] == "RoundQueued"
            message = json.loads(await asyncio.wait_for(socket.recv(), 60))
        finally:
            await socket.close()

        assert message["type"] == "next", message
        match = message["payload"]["data"]["myNewMatch"]
        assert match["slot"] == "2026-11-30T09:00Z"
        names = sorted(person["name"] for person in match["participants"])
        # Three people in pairs: one trio, so nobody is left out.
        assert names == ["Alice", "Bob", "Carol"]
        current = await people["bob"].graphql("{ myCurrentMatch { id } }")
        assert current["myCurrentMatch"]["id"] == match["id"]
