"""Validation of a provider's id_token as OpenID Connect Core 3.1.3.7 requires."""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import jwt

from core.errors import Unauthenticated

# Asymmetric algorithms only: a symmetric one would be keyed with the client secret, and
# accepting it opens the door to tokens signed with a provider's public key.
ASYMMETRIC_ALGORITHMS = frozenset(
    {
        "RS256",
        "RS384",
        "RS512",
        "PS256",
        "PS384",
        "PS512",
        "ES256",
        "ES384",
        "ES512",
        "EdDSA",
    }
)
DEFAULT_ALGORITHMS = ("RS256", "ES256")
LEEWAY = timedelta(seconds=60)
# An id_token is used at once; one issued long ago has been replayed or held back.
MAX_AGE = timedelta(minutes=10)


class IdTokenRejected(Unauthenticated):
    """The provider's answer did not prove who signed in."""


class UnknownSigningKey(IdTokenRejected):
    """The token names a key the cached key set lacks; the set may have rotated."""


def check_algorithms(algorithms: Sequence[str]) -> tuple[str, ...]:
    refused = [name for name in algorithms if name not in ASYMMETRIC_ALGORITHMS]
    if refused or not algorithms:
        raise ValueError(
            f"id_token algorithms must be asymmetric ones of {sorted(ASYMMETRIC_ALGORITHMS)}; "
            f"refused: {refused or 'an empty list'}"
        )
    return tuple(algorithms)


def validate_id_token(
    *,
    id_token: str,
    jwks: dict[str, Any],
    issuer: str,
    client_id: str,
    nonce: str,
    algorithms: Sequence[str],
    now: datetime,
) -> dict[str, Any]:
    """The claims of `id_token` if it is a fresh answer to our request, else IdTokenRejected."""
    header = _header(id_token, algorithms)
    key = _key(jwks, header)
    try:
        claims: dict[str, Any] = jwt.decode(
            id_token,
            key,
            algorithms=[header["alg"]],
            audience=client_id,
            issuer=issuer,
            options={
                "require": ["iss", "sub", "aud", "exp", "iat"],
                "verify_exp": False,
                "verify_iat": False,
                "verify_nbf": False,
            },
        )
    except jwt.InvalidAudienceError:
        raise IdTokenRejected("the id_token was issued to another client") from None
    except jwt.InvalidIssuerError:
        raise IdTokenRejected("the id_token comes from another issuer") from None
    except jwt.PyJWTError:
        raise IdTokenRejected("the id_token signature or claims are wrong") from None
    _check_authorized_party(claims, client_id)
    _check_times(claims, now)
    _check_nonce(claims, nonce)
    if not isinstance(claims["sub"], str) or not claims["sub"]:
        raise IdTokenRejected("the id_token has no subject")
    return claims


def _header(id_token: str, algorithms: Sequence[str]) -> dict[str, Any]:
    try:
        header: dict[str, Any] = jwt.get_unverified_header(id_token)
    except jwt.PyJWTError:
        raise IdTokenRejected("the id_token is not a JWT") from None
    if header.get("alg") not in algorithms:
        raise IdTokenRejected("the id_token is signed with an algorithm we do not accept")
    if "crit" in header:
        raise IdTokenRejected("the id_token demands header extensions we do not know")
    return header


def _key(jwks: dict[str, Any], header: dict[str, Any]) -> Any:
    try:
        key_set = jwt.PyJWKSet.from_dict(jwks)
    except jwt.PyJWTError:
        raise IdTokenRejected("the provider's key set is unusable") from None
    candidates = [key for key in key_set.keys if key.public_key_use in (None, "sig")]
    kid = header.get("kid")
    if kid is not None:
        candidates = [key for key in candidates if key.key_id == kid]
    elif len(candidates) != 1:
        raise IdTokenRejected("the id_token names no key and the provider has several")
    if not candidates:
        raise UnknownSigningKey("the id_token was signed with a key the provider does not list")
    return candidates[0].key


def _check_authorized_party(claims: dict[str, Any], client_id: str) -> None:
    audience = claims["aud"]
    audiences = [audience] if isinstance(audience, str) else list(audience)
    party = claims.get("azp")
    if len(audiences) > 1 and party is None:
        raise IdTokenRejected("the id_token has several audiences but no authorized party")
    if party is not None and party != client_id:
        raise IdTokenRejected("the id_token was issued to another authorized party")


def _check_times(claims: dict[str, Any], now: datetime) -> None:
    expires, issued = claims["exp"], claims["iat"]
    if not isinstance(expires, int | float) or not isinstance(issued, int | float):
        raise IdTokenRejected("the id_token times are not numbers")
    moment, leeway = now.timestamp(), LEEWAY.total_seconds()
    if expires <= moment - leeway:
        raise IdTokenRejected("the id_token has expired")
    if issued > moment + leeway:
        raise IdTokenRejected("the id_token was issued in the future")
    if issued < moment - MAX_AGE.total_seconds() - leeway:
        raise IdTokenRejected("the id_token was issued too long ago")


def _check_nonce(claims: dict[str, Any], nonce: str) -> None:
    presented = claims.get("nonce")
    if not isinstance(presented, str) or not hmac.compare_digest(
        presented.encode(), nonce.encode()
    ):
        raise IdTokenRejected("the id_token does not answer this sign-in (nonce mismatch)")
