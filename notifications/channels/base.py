"""The interface every channel implements."""

from __future__ import annotations

from typing import Protocol

from notifications.message import RenderedMessage


class Sender(Protocol):
    """Sends one rendered message to one address, raising TransientError or PermanentError."""

    async def send(self, *, message: RenderedMessage, address: str) -> None: ...
