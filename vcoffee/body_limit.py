"""Refuses request bodies over a size before any handler reads them: 413 with a coded error."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.errors import ErrorCode

KIB = 1024
# An operation with its variables; the largest real one, a message template, is about 20 kB.
GRAPHQL_BODY_BYTES = 1024 * KIB
# Sign-in routes take empty or tiny bodies.
AUTH_BODY_BYTES = 16 * KIB
OTHER_BODY_BYTES = 16 * KIB
# A refused body is read and dropped up to this size, so the client, still sending, reads the
# 413 instead of a reset connection; past it the connection is closed.
DRAINED_BYTES = 8 * 1024 * KIB


@dataclass(frozen=True)
class BodyLimits:
    graphql: int = GRAPHQL_BODY_BYTES
    auth: int = AUTH_BODY_BYTES
    other: int = OTHER_BODY_BYTES

    def for_path(self, path: str) -> int:
        if path == "/graphql" or path.startswith("/graphql/"):
            return self.graphql
        if path.startswith("/auth/"):
            return self.auth
        return self.other


def too_large(limit: int) -> JSONResponse:
    message = f"the request body is larger than {limit} bytes"
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": ErrorCode.BAD_USER_INPUT.value}}]},
        status_code=413,
        headers={"cache-control": "no-store", "connection": "close"},
    )


class BodyLimitMiddleware:
    """Reads at most the path's limit of a body, then hands the app exactly what was read.

    A declared Content-Length over the limit is refused without reading; a chunked body is
    read until it passes the limit, so no handler ever holds more than the limit in memory.
    """

    def __init__(self, app: ASGIApp, *, limits: BodyLimits | None = None) -> None:
        self.app = app
        self.limits = limits or BodyLimits()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.for_path(scope["path"])
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _drain(receive, already=0)
            await too_large(limit)(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([], message), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                if message.get("more_body", False):
                    await _drain(receive, already=size)
                await too_large(limit)(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(chunks, None, receive), send)


async def _drain(receive: Receive, *, already: int) -> None:
    size = already
    while size <= DRAINED_BYTES:
        message = await receive()
        if message["type"] != "http.request":
            return
        size += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def _replay(chunks: list[bytes], final: Message | None, receive: Receive | None = None) -> Receive:
    """A receive callable that yields the buffered body once, then defers to the server."""
    body = b"".join(chunks)
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            if final is not None:
                return final
            return {"type": "http.request", "body": body, "more_body": False}
        if receive is not None:
            return await receive()
        return {"type": "http.disconnect"}

    return replayed
