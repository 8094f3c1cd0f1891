"""Subscriptions authenticate in connection_init and end with 4401 when their token does."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from auth.principal import Role
from auth.tokens import ACCESS_TTL, TokenService
from config.signing_keys import parse_keyring
from devtools.stack import Endpoints
from tests.auth.stack import CSRF, Stack, access_token, sign_in
from tests.conftest import make_settings

pytestmark = [pytest.mark.slow, pytest.mark.timeout(60)]

SUBSCRIBE = {
    "id": "1",
    "type": "subscribe",
    "payload": {"query": "subscription { myNewMatch { id } }"},
}


def socket_url(stack: Stack) -> str:
    return stack.app_url.replace("http://", "ws://") + "/graphql"


def open_socket(stack: Stack, *, origin: str | None = None) -> connect:
    return connect(
        socket_url(stack),
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        origin=origin or stack.app_url,  # type: ignore[arg-type]
        open_timeout=10,
    )


async def init(socket: ClientConnection, token: str) -> None:
    await socket.send(
        json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
    )
    assert json.loads(await socket.recv())["type"] == "connection_ack"


async def close_code(socket: ClientConnection, *, within: float) -> int:
    """The code the server closes with; fails if it keeps the socket open longer."""
    async with asyncio.timeout(within):
        with pytest.raises(ConnectionClosed) as closed:
            await drain(socket)
    assert closed.value.rcvd is not None
    return closed.value.rcvd.code


async def drain(socket: ClientConnection) -> None:
    while True:
        await socket.recv()


async def signed_in_token(
    stack: Stack, subject: str = "bob"
) -> tuple[httpx.AsyncClient, dict[str, str]]:
    browser = httpx.AsyncClient(timeout=20)
    await sign_in(browser, stack, subject)
    return browser, await access_token(browser, stack)


async def test_a_subscription_without_connection_init_is_closed_4401(stack: Stack) -> None:
    async with open_socket(stack) as socket:
        await socket.send(json.dumps(SUBSCRIBE))
        assert await close_code(socket, within=5) == 4401


async def test_connection_init_without_a_valid_token_is_closed_4401(stack: Stack) -> None:
    async with open_socket(stack) as socket:
        await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert await close_code(socket, within=5) == 4401
    async with open_socket(stack) as socket:
        await socket.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": "Bearer x.y.z"}})
        )
        assert await close_code(socket, within=5) == 4401


async def test_a_token_of_deployment_b_is_refused_4403(stack: Stack, endpoints: Endpoints) -> None:
    keys = make_settings(endpoints).jwt_signing_keys.get_secret_value()
    foreign = TokenService(keyring=parse_keyring(keys), deployment_id="team-b").issue_access(
        user_id="b-user", role=Role.ADMIN
    )
    async with open_socket(stack) as socket:
        await socket.send(
            json.dumps(
                {"type": "connection_init", "payload": {"authorization": f"Bearer {foreign}"}}
            )
        )
        assert await close_code(socket, within=5) == 4403


async def test_a_page_of_another_site_cannot_open_the_socket(stack: Stack) -> None:
    with pytest.raises(InvalidStatus) as refused:
        async with open_socket(stack, origin="https://evil.test"):
            pass
    assert refused.value.response.status_code == 403


async def test_a_subscription_outliving_its_token_is_closed_4401(
    stack: Stack, endpoints: Endpoints
) -> None:
    browser, session = await signed_in_token(stack)
    await browser.aclose()
    keys = make_settings(endpoints).jwt_signing_keys.get_secret_value()
    # A genuine token with two seconds left to live.
    short = TokenService(keyring=parse_keyring(keys), deployment_id="team-a").issue_access(
        user_id=session["userId"],
        role=Role.MEMBER,
        now=datetime.now(UTC) - ACCESS_TTL + timedelta(seconds=2),
    )
    async with open_socket(stack) as socket:
        await init(socket, short)
        await socket.send(json.dumps(SUBSCRIBE))
        started = time.monotonic()
        assert await close_code(socket, within=10) == 4401
        assert time.monotonic() - started >= 0.5


async def test_logout_closes_live_subscriptions_4401(stack: Stack) -> None:
    browser, session = await signed_in_token(stack)
    async with contextlib.aclosing(browser), open_socket(stack) as socket:
        await init(socket, session["accessToken"])
        await socket.send(json.dumps(SUBSCRIBE))
        await asyncio.sleep(0.5)
        logout = await browser.post(f"{stack.app_url}/auth/logout", headers=CSRF, content="{}")
        assert logout.status_code == 204
        assert await close_code(socket, within=5) == 4401


async def test_a_valid_session_keeps_its_subscription(stack: Stack) -> None:
    browser, session = await signed_in_token(stack)
    async with contextlib.aclosing(browser), open_socket(stack) as socket:
        await init(socket, session["accessToken"])
        await socket.send(json.dumps(SUBSCRIBE))
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(1.5):
                await socket.recv()
        await socket.send(json.dumps({"type": "ping"}))
        assert json.loads(await socket.recv())["type"] == "pong"
