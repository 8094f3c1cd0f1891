"""What live subscriptions share: a listener on the process's hub, and dropping a lagging socket."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.websockets import WebSocket

from core import close_codes
from runtime.live import Gap, Listener, ListenerTooSlow
from runtime.live_reads import LiveReads
from schema.context import Context

logger = logging.getLogger(__name__)

# Closing waits for the socket to take what was sent before; these tasks must outlive the call.
_closing: set[asyncio.Task[None]] = set()


async def _close(websocket: WebSocket) -> None:
    with contextlib.suppress(RuntimeError):
        await websocket.close(code=close_codes.TOO_SLOW, reason="Events not read in time")


@contextlib.asynccontextmanager
async def listening(context: Context, channel: str) -> AsyncIterator[Listener]:
    """A listener on `channel`; the socket is closed with TOO_SLOW if its queue fills."""
    websocket = context.request

    def too_slow() -> None:
        logger.info("closing a socket that did not keep up with its events")
        if isinstance(websocket, WebSocket):
            task = asyncio.create_task(_close(websocket))
            _closing.add(task)
            task.add_done_callback(_closing.discard)

    async with context.services.live.listen(channel, on_overflow=too_slow) as listener:
        yield listener


async def next_or_hold(listener: Listener) -> bytes | Gap:
    """The listener's next item; once it was dropped, waits until the closing socket ends us.

    Ending the stream instead would send `complete`, and the client would not subscribe
    again when it reconnects.
    """
    try:
        return await listener.next()
    except ListenerTooSlow:
        await asyncio.Event().wait()
        raise


def shared_reads(context: Context) -> LiveReads:
    """The process's shared reads, or this context's own where none is given (no socket)."""
    if context.live_reads is None:
        context.live_reads = LiveReads(context.services.repositories)
    return context.live_reads
