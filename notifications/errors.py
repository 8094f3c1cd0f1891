"""Errors a channel raises so delivery knows whether to retry, move on, or give up."""

from __future__ import annotations


class DeliveryError(Exception):
    """A send did not go through; `code` is stable for clients, the message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class TransientError(DeliveryError):
    """Worth retrying on the same channel: 5xx, 429, timeouts, refused connections."""

    def __init__(self, code: str, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(code, message)
        self.retry_after = retry_after


class PermanentError(DeliveryError):
    """Retrying cannot help on this channel: bad address, blocked bot, unverified sender."""
