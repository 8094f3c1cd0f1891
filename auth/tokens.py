"""Our access tokens: short-lived JWTs for one deployment, keys identified by `kid`."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from auth.principal import Principal, Role
from vcoffee.errors import Forbidden, Unauthenticated

ALGORITHM = "HS256"
ACCESS_TTL = timedelta(minutes=15)
ISSUER = "virtual-coffee"


@dataclass(frozen=True)
class SigningKey:
    kid: str
    secret: bytes


def parse_keyring(raw: str) -> list[SigningKey]:
    """`kid1:secret1,kid2:secret2`; the first key signs, all verify (rotation)."""
    keys: list[SigningKey] = []
    for index, entry in enumerate(part.strip() for part in raw.split(",") if part.strip()):
        kid, sep, secret = entry.partition(":")
        if not sep:
            kid, secret = f"k{index}", entry
        keys.append(SigningKey(kid=kid, secret=secret.encode()))
    if not keys:
        raise ValueError("at least one signing key is required")
    return keys


class TokenService:
    def __init__(self, *, keyring: list[SigningKey], deployment_id: str) -> None:
        self._keys = {key.kid: key for key in keyring}
        self._active = keyring[0]
        self._deployment_id = deployment_id

    def issue_access(self, *, user_id: str, role: Role, now: datetime | None = None) -> str:
        issued = now or datetime.now(UTC)
        claims = {
            "iss": ISSUER,
            "aud": self._deployment_id,
            "sub": user_id,
            "role": role.value,
            "iat": int(issued.timestamp()),
            "exp": int((issued + ACCESS_TTL).timestamp()),
            "jti": secrets.token_urlsafe(12),
            "typ": "access",
        }
        return jwt.encode(
            claims, self._active.secret, algorithm=ALGORITHM, headers={"kid": self._active.kid}
        )

    def verify_access(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
            key = self._keys.get(str(header.get("kid")))
            if key is None:
                raise Unauthenticated("the token was signed with an unknown key")
            claims: dict[str, Any] = jwt.decode(
                token,
                key.secret,
                algorithms=[ALGORITHM],
                issuer=ISSUER,
                options={
                    "require": ["iss", "aud", "sub", "iat", "exp", "jti", "typ"],
                    "verify_aud": False,
                },
            )
        except jwt.PyJWTError as error:
            raise Unauthenticated("the access token is invalid or expired") from error
        if claims.get("typ") != "access":
            raise Unauthenticated("not an access token")
        if claims.get("aud") != self._deployment_id:
            raise Forbidden("the token belongs to another deployment")
        return Principal(
            user_id=str(claims["sub"]),
            deployment_id=self._deployment_id,
            role=Role(claims["role"]),
            token_id=str(claims["jti"]),
            expires_at=datetime.fromtimestamp(int(claims["exp"]), tz=UTC),
        )
