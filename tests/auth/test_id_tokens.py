"""A provider's id_token is accepted only as OIDC Core 3.1.3.7 allows."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from auth.id_tokens import IdTokenRejected, check_algorithms, validate_id_token

ISSUER = "https://sso.example.com"
CLIENT = "vcoffee-client"
NONCE = "n-0123456789"
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
JWKS = {"keys": [{**json.loads(RSAAlgorithm.to_jwk(KEY.public_key())), "kid": "r1"}]}


def claims(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "iss": ISSUER,
        "aud": CLIENT,
        "sub": "248289761001",
        "nonce": NONCE,
        "iat": int(NOW.timestamp()),
        "exp": int((NOW + timedelta(minutes=5)).timestamp()),
        "email": "pat@example.com",
        "email_verified": True,
    }
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


def token(payload: dict[str, Any], **header: Any) -> str:
    return jwt.encode(payload, KEY, algorithm="RS256", headers={"kid": "r1", **header})


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def validate(id_token: str, *, nonce: str = NONCE) -> dict[str, Any]:
    return validate_id_token(
        id_token=id_token,
        jwks=JWKS,
        issuer=ISSUER,
        client_id=CLIENT,
        nonce=nonce,
        algorithms=("RS256",),
        now=NOW,
    )


def test_a_fresh_answer_to_our_request_is_accepted() -> None:
    assert validate(token(claims()))["sub"] == "248289761001"


def test_nonce_mismatch_is_refused() -> None:
    with pytest.raises(IdTokenRejected, match="nonce"):
        validate(token(claims()), nonce="another-sign-in")
    with pytest.raises(IdTokenRejected, match="nonce"):
        validate(token(claims(nonce=None)))


@pytest.mark.parametrize(
    "issuer",
    [
        "https://sso.example.com.evil.test",
        "https://sso.example.co",
        "https://evil.test",
        "https://sso.example.com/",
    ],
)
def test_another_or_prefix_issuer_is_refused(issuer: str) -> None:
    with pytest.raises(IdTokenRejected, match="issuer"):
        validate(token(claims(iss=issuer)))


def test_another_audience_is_refused() -> None:
    with pytest.raises(IdTokenRejected, match="client"):
        validate(token(claims(aud="other-client")))


def test_several_audiences_need_us_as_authorized_party() -> None:
    with pytest.raises(IdTokenRejected, match="authorized party"):
        validate(token(claims(aud=[CLIENT, "other"])))
    with pytest.raises(IdTokenRejected, match="authorized party"):
        validate(token(claims(aud=[CLIENT, "other"], azp="other")))
    assert validate(token(claims(aud=[CLIENT, "other"], azp=CLIENT)))["azp"] == CLIENT


def test_expired_old_and_future_tokens_are_refused() -> None:
    with pytest.raises(IdTokenRejected, match="expired"):
        validate(token(claims(exp=int((NOW - timedelta(minutes=5)).timestamp()))))
    with pytest.raises(IdTokenRejected, match="too long ago"):
        validate(token(claims(iat=int((NOW - timedelta(hours=2)).timestamp()))))
    with pytest.raises(IdTokenRejected, match="future"):
        validate(token(claims(iat=int((NOW + timedelta(hours=1)).timestamp()))))
    with pytest.raises(IdTokenRejected):
        validate(token(claims(exp=None)))


def test_symmetric_and_unlisted_algorithms_are_refused() -> None:
    # The attacker keys HMAC with the provider's published key, which pyjwt will not do.
    public_jwk = json.dumps(JWKS["keys"][0]).encode()
    head = _b64(json.dumps({"alg": "HS256", "kid": "r1"}).encode())
    body = _b64(json.dumps(claims()).encode())
    mac = hmac.new(public_jwk, f"{head}.{body}".encode(), hashlib.sha256).digest()
    forged = f"{head}.{body}.{_b64(mac)}"
    with pytest.raises(IdTokenRejected, match="algorithm"):
        validate(forged)
    unsigned = f"{_b64(json.dumps({'alg': 'none'}).encode())}.{body}."
    with pytest.raises(IdTokenRejected, match="algorithm"):
        validate(unsigned)


def test_unknown_critical_header_is_refused() -> None:
    with pytest.raises(IdTokenRejected):
        validate(token(claims(), crit=["x-magic"], **{"x-magic": 1}))


def test_a_key_the_provider_does_not_list_is_refused() -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims(), other, algorithm="RS256", headers={"kid": "r2"})
    with pytest.raises(IdTokenRejected, match="key"):
        validate(forged)
    resigned = jwt.encode(claims(), other, algorithm="RS256", headers={"kid": "r1"})
    with pytest.raises(IdTokenRejected, match="signature"):
        validate(resigned)


def test_configuring_a_symmetric_algorithm_is_refused() -> None:
    with pytest.raises(ValueError, match="HS256"):
        check_algorithms(["RS256", "HS256"])
    with pytest.raises(ValueError, match="empty"):
        check_algorithms([])
