"""Opaque pagination cursors, signed and bound to one deployment and one listing."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

from core.errors import BadUserInput
from repositories.keys import Keys

_SIGNATURE_BYTES = 16


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class CursorCodec:
    """Turns a query position into a cursor string and back, refusing anything not issued here.

    The signature covers the deployment and the listing (`scope`), and every key in a decoded
    position must still lead with this deployment's prefix, so a cursor can neither be forged
    nor replayed against another deployment or another listing.
    """

    def __init__(self, *, secret: bytes, keys: Keys) -> None:
        if len(secret) < 16:
            raise ValueError("the cursor signing secret must be at least 16 bytes")
        self._secret = secret
        self._keys = keys

    def encode(self, *, scope: str, position: Mapping[str, Any] | None) -> str | None:
        if position is None:
            return None
        payload = json.dumps(
            {"d": self._keys.deployment_id, "s": scope, "k": dict(position)},
            separators=(",", ":"),
            sort_keys=True,
        ).encode()
        return f"{_b64encode(payload)}.{_b64encode(self._sign(payload))}"

    def decode(self, *, scope: str, cursor: str | None) -> dict[str, Any] | None:
        if cursor is None or cursor == "":
            return None
        invalid = BadUserInput("the cursor is not valid for this list", fields=("cursor",))
        body, _, signature = cursor.partition(".")
        try:
            payload = _b64decode(body)
            given = _b64decode(signature)
        except (binascii.Error, ValueError):
            raise invalid from None
        if not hmac.compare_digest(given, self._sign(payload)):
            raise invalid
        decoded = json.loads(payload)
        position = decoded.get("k")
        if decoded.get("d") != self._keys.deployment_id or decoded.get("s") != scope:
            raise invalid
        if not isinstance(position, dict) or not all(
            isinstance(value, str) and self._keys.owns(value)
            for name, value in position.items()
            if name.endswith("PK")
        ):
            raise invalid
        return position

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()[:_SIGNATURE_BYTES]
