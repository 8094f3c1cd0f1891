"""Signed one-click answer links: who answers which match with what, valid until when.

A link carries its claims in the clear (base64url JSON) and an HMAC-SHA256 over them, so
nothing is stored when it is made; it expires after `lifetime`. That a link is used once is
the endpoint's business (it remembers the digest of each link it acted on).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol
from urllib.parse import quote

from config.settings import Settings
from notifications.addresses import BAD_USER_INPUT
from notifications.answers import Answer, AnswerLinks

DEFAULT_LIFETIME = timedelta(days=21)
MAX_TOKEN_CHARS = 1000


class InvalidAnswerLink(ValueError):
    """A link that cannot be acted on; `reason` is TAMPERED, EXPIRED or MALFORMED."""

    code = BAD_USER_INPUT

    def __init__(self, *, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class AnswerClaim:
    """What a valid link says: this person answers this match so, until `expires`."""

    match_id: str
    user_id: str
    answer: Answer
    expires: datetime
    digest: str


class AnswerLinkMaker(Protocol):
    def __call__(self, *, match_id: str, user_id: str) -> AnswerLinks: ...


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class AnswerLinkSigner:
    """Makes and reads answer links for one deployment, with a key only it holds."""

    def __init__(
        self,
        *,
        key: bytes,
        public_url: str,
        lifetime: timedelta = DEFAULT_LIFETIME,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if len(key) < 32:
            raise ValueError("the answer link key must be at least 32 bytes")
        self._key = key
        self._base = public_url.rstrip("/")
        self._lifetime = lifetime
        self._clock = clock

    def _mac(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode(), hashlib.sha256).digest())

    def token(self, *, match_id: str, user_id: str, answer: Answer) -> str:
        expires = int((self._clock() + self._lifetime).timestamp())
        claims = {"m": match_id, "u": user_id, "a": answer.value, "e": expires}
        # The nonce makes each link its own, so using one leaves the others usable.
        claims["n"] = secrets.token_urlsafe(8)
        payload = _b64(json.dumps(claims, separators=(",", ":"), sort_keys=True).encode())
        return f"{payload}.{self._mac(payload)}"

    def url(self, *, match_id: str, user_id: str, answer: Answer) -> str:
        token = self.token(match_id=match_id, user_id=user_id, answer=answer)
        return f"{self._base}/answer?token={quote(token)}"

    def __call__(self, *, match_id: str, user_id: str) -> AnswerLinks:
        def link(answer: Answer) -> str:
            return self.url(match_id=match_id, user_id=user_id, answer=answer)

        return AnswerLinks(
            met=link(Answer.MET), not_yet=link(Answer.NOT_YET), skip=link(Answer.SKIP)
        )

    def read(self, token: str) -> AnswerClaim:
        """The link's claims, if this deployment signed it and it has not expired."""
        if len(token) > MAX_TOKEN_CHARS or token.count(".") != 1:
            raise InvalidAnswerLink(reason="MALFORMED", message="This is not an answer link.")
        payload, mac = token.split(".")
        if not hmac.compare_digest(mac.encode(), self._mac(payload).encode()):
            raise InvalidAnswerLink(
                reason="TAMPERED", message="This link was changed or is not ours."
            )
        try:
            claims = json.loads(_unb64(payload))
            answer = Answer(claims["a"])
            expires = datetime.fromtimestamp(int(claims["e"]), tz=UTC)
            match_id, user_id = str(claims["m"]), str(claims["u"])
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            raise InvalidAnswerLink(
                reason="MALFORMED", message="This is not an answer link."
            ) from exc
        if self._clock() >= expires:
            raise InvalidAnswerLink(
                reason="EXPIRED", message="This link has expired; answer on your match page."
            )
        digest = hashlib.sha256(token.encode()).hexdigest()
        return AnswerClaim(
            match_id=match_id, user_id=user_id, answer=answer, expires=expires, digest=digest
        )


def answer_link_key(settings: Settings) -> bytes:
    """One-click answer links are signed with a key derived from the session secret."""
    secret = settings.session_secret.get_secret_value().encode()
    return hashlib.sha256(b"vcoffee-answer-links\0" + secret).digest()


def signer_for(settings: Settings) -> AnswerLinkSigner:
    """The instance's signer: every process of one deployment makes and reads the same links."""
    return AnswerLinkSigner(key=answer_link_key(settings), public_url=settings.public_url)
