"""Our access tokens: 15-minute ES256 JWTs for one deployment, keys identified by `kid`."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from auth.principal import Principal, Role
from config.signing_keys import SigningKey, parse_keyring
from core.errors import Forbidden, Unauthenticated

__all__ = ["ACCESS_TTL", "ISSUER", "CrossDeploymentToken", "TokenService", "parse_keyring"]

ALGORITHM = "ES256"
# RFC 9068: the header names the token type, so an id_token or other JWT is never mistaken.
HEADER_TYPE = "at+jwt"
ACCESS_TTL = timedelta(minutes=15)
ISSUER = "virtual-coffee"
LEEWAY = timedelta(seconds=30)
REQUIRED_CLAIMS = ("iss", "aud", "sub", "role", "iat", "exp", "jti", "typ")
# Tokens whose signature was checked, by their exact text: a client sends the same one with
# every request for 15 minutes, and an ES256 check costs more than the rest of a small query.
VERIFIED_TOKENS = 4096


class CrossDeploymentToken(Forbidden):
    """A genuine token of ours, issued for another deployment; worth an audit event."""

    def __init__(self, *, deployment_id: str, subject: str, token_id: str) -> None:
        super().__init__("the token belongs to another deployment")
        self.deployment_id = deployment_id
        self.subject = subject
        self.token_id = token_id


def _refuse(reason: str) -> Unauthenticated:
    return Unauthenticated(f"the access token is not valid: {reason}")


class TokenService:
    """Issues and verifies access tokens; the first key of the keyring signs."""

    def __init__(self, *, keyring: list[SigningKey], deployment_id: str) -> None:
        if not keyring:
            raise ValueError("at least one signing key is required")
        self._keys = {key.kid: key for key in keyring}
        self._active = keyring[0]
        self._deployment_id = deployment_id
        self._verified: OrderedDict[str, dict[str, Any]] = OrderedDict()

    @property
    def deployment_id(self) -> str:
        return self._deployment_id

    def public_jwks(self) -> dict[str, Any]:
        """The verification keys, for services that check our tokens without the secret."""
        return {"keys": [key.public_jwk() for key in self._keys.values()]}

    def issue_access(
        self,
        *,
        user_id: str,
        role: Role,
        session_id: str | None = None,
        now: datetime | None = None,
    ) -> str:
        issued = now or datetime.now(UTC)
        claims: dict[str, Any] = {
            "iss": ISSUER,
            "aud": self._deployment_id,
            "sub": user_id,
            "role": role.value,
            "iat": int(issued.timestamp()),
            "exp": int((issued + ACCESS_TTL).timestamp()),
            "jti": secrets.token_urlsafe(16),
            "typ": "access",
        }
        if session_id is not None:
            claims["sid"] = session_id
        return jwt.encode(
            claims,
            self._active.private_key,
            algorithm=ALGORITHM,
            headers={"kid": self._active.kid, "typ": HEADER_TYPE},
        )

    def verify_access(self, token: str, *, now: datetime | None = None) -> Principal:
        """The principal of a valid token of this deployment.

        Raises UNAUTHENTICATED for anything not a valid access token of ours, and
        CrossDeploymentToken (FORBIDDEN) for a valid one issued to another deployment.
        """
        claims = self._signed_claims(token)
        # Times are checked on every use: a remembered signature does not extend a token's life.
        _check_times(claims, now or datetime.now(UTC))
        if claims["typ"] != "access":
            raise _refuse("it is not an access token")
        audience = claims["aud"]
        if audience != self._deployment_id:
            raise CrossDeploymentToken(
                deployment_id=str(audience), subject=str(claims["sub"]), token_id=str(claims["jti"])
            )
        try:
            role = Role(claims["role"])
        except ValueError:
            raise _refuse("it names an unknown role") from None
        session = claims.get("sid")
        return Principal(
            user_id=str(claims["sub"]),
            deployment_id=self._deployment_id,
            role=role,
            token_id=str(claims["jti"]),
            expires_at=datetime.fromtimestamp(int(claims["exp"]), tz=UTC),
            session_id=None if session is None else str(session),
        )

    @staticmethod
    def _header(token: str) -> dict[str, Any]:
        try:
            header: dict[str, Any] = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise _refuse("it is not a JWT") from None
        # Checked by exact value before any key is touched: this rules out "none" in every
        # spelling and every algorithm-confusion trick (HS256 keyed with our public key).
        if header.get("alg") != ALGORITHM:
            raise _refuse("it is not signed with the expected algorithm")
        if "crit" in header:
            raise _refuse("it demands header extensions this service does not know")
        if header.get("typ") != HEADER_TYPE:
            raise _refuse("it is not an access token")
        return header

    def _key_for(self, header: dict[str, Any]) -> SigningKey:
        key = self._keys.get(str(header.get("kid")))
        if key is None:
            raise _refuse("it was signed with an unknown key")
        return key

    def _signed_claims(self, token: str) -> dict[str, Any]:
        """The claims of a token whose header and signature are ours (checked once per text)."""
        claims = self._verified.get(token)
        if claims is not None:
            self._verified.move_to_end(token)
            return claims
        claims = self._decoded(token, self._key_for(self._header(token)))
        self._verified[token] = claims
        if len(self._verified) > VERIFIED_TOKENS:
            self._verified.popitem(last=False)
        return claims

    @staticmethod
    def _decoded(token: str, key: SigningKey) -> dict[str, Any]:
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key.public_key,
                algorithms=[ALGORITHM],
                issuer=ISSUER,
                leeway=LEEWAY,
                options={
                    "require": list(REQUIRED_CLAIMS),
                    # The audience is compared below, to tell another deployment from garbage.
                    "verify_aud": False,
                    "verify_exp": False,
                    "verify_iat": False,
                },
            )
        except jwt.ExpiredSignatureError:
            raise _refuse("it has expired") from None
        except jwt.PyJWTError:
            raise _refuse("its signature or claims are wrong") from None
        if not isinstance(claims["aud"], str) or not claims["aud"]:
            raise _refuse("its audience is not a deployment")
        return claims


def _check_times(claims: dict[str, Any], now: datetime) -> None:
    # Checked here against an injectable clock rather than by pyjwt, so tests need not sleep.
    expires, issued = claims["exp"], claims["iat"]
    if not isinstance(expires, int) or not isinstance(issued, int):
        raise _refuse("its times are not numbers")
    moment = now.timestamp()
    if expires <= moment - LEEWAY.total_seconds():
        raise _refuse("it has expired")
    if issued > moment + LEEWAY.total_seconds():
        raise _refuse("it was issued in the future")
    if expires - issued > ACCESS_TTL.total_seconds():
        raise _refuse("it claims a longer life than access tokens have")
