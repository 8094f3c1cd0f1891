"""graphql-transport-ws clients for tests: real sockets, and an in-process one that can stall."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import websockets
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from websockets.asyncio.client import ClientConnection

PROTOCOL = "graphql-transport-ws"


async def open_socket(base: str, *, token: str, origin: str) -> ClientConnection:
    """A socket to the API at `base`, past connection_init; fails if it is not acknowledged."""
    socket = await websockets.connect(
        base.replace("http", "ws", 1) + "/graphql",
        subprotocols=[websockets.Subprotocol(PROTOCOL)],
        origin=websockets.Origin(origin),
        open_timeout=10,
    )
    await socket.send(
        json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
    )
    ack = json.loads(await asyncio.wait_for(socket.recv(), 10))
    assert ack["type"] == "connection_ack", ack
    return socket


async def subscribe(socket: ClientConnection, operation_id: str, query: str) -> None:
    await socket.send(
        json.dumps({"id": operation_id, "type": "subscribe", "payload": {"query": query}})
    )


async def receive(socket: ClientConnection, within: float = 10) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), within))
    return message


class AsgiSocket:
    """A websocket driven straight through the app's ASGI interface.

    With `stall_after` messages sent to it, every later `send` of the app blocks, as a socket
    whose reader stopped reading does once the kernel's buffers are full. What the app tried
    to send is recorded all the same.
    """

    def __init__(self, app: ASGIApp, *, origin: str, stall_after: int | None = None) -> None:
        self._app = app
        self._origin = origin
        self._stall_after = stall_after
        self._incoming: asyncio.Queue[Message] = asyncio.Queue()
        self.sent: list[Message] = []
        self.received: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def open(self, token: str) -> None:
        scope = {
            "type": "websocket",
            "asgi": {"version": "3.0"},
            "scheme": "ws",
            "http_version": "1.1",
            "path": "/graphql",
            "raw_path": b"/graphql",
            "query_string": b"",
            "root_path": "",
            "headers": [
                (b"host", b"127.0.0.1:8000"),
                (b"origin", self._origin.encode()),
                (b"sec-websocket-protocol", PROTOCOL.encode()),
            ],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
            "subprotocols": [PROTOCOL],
            "state": {},
        }
        self._incoming.put_nowait({"type": "websocket.connect"})
        self._task = asyncio.create_task(self._run(scope, self._receive, self._send))
        self.send_json({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
        ack = await asyncio.wait_for(self.received.get(), 10)
        assert ack["type"] == "connection_ack", ack

    async def _run(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._app(scope, receive, send)

    def send_json(self, message: dict[str, Any]) -> None:
        self._incoming.put_nowait({"type": "websocket.receive", "text": json.dumps(message)})

    async def close(self) -> None:
        self._incoming.put_nowait({"type": "websocket.disconnect", "code": 1000})
        if self._task is not None:
            # The app ends its operations itself on a disconnect, as it does behind a server.
            done, _ = await asyncio.wait({self._task}, timeout=5)
            if not done:
                self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def close_codes(self) -> list[int]:
        return [int(m.get("code", 1000)) for m in self.sent if m["type"] == "websocket.close"]

    async def _receive(self) -> Message:
        return await self._incoming.get()

    async def _send(self, message: Message) -> None:
        self.sent.append(message)
        if message["type"] == "websocket.send":
            if self._stall_after is not None:
                if self._stall_after <= 0:
                    await asyncio.Event().wait()
                self._stall_after -= 1
            self.received.put_nowait(json.loads(message["text"]))
