"""Forged, foreign and stale access tokens are refused; genuine ones name their person."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from auth.principal import Role
from auth.tokens import CrossDeploymentToken, TokenService
from config.signing_keys import derive_key, parse_keyring
from core.errors import ErrorCode, Unauthenticated

KEYRING = "k1:first-key-0123456789abcdef0123456789,k0:older-key-0123456789abcdef012345678"
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def service(deployment: str = "team-a", keyring: str = KEYRING) -> TokenService:
    return TokenService(keyring=parse_keyring(keyring), deployment_id=deployment)


def b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def valid_claims(**changes: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "iss": "virtual-coffee",
        "aud": "team-a",
        "sub": "user-1",
        "role": "admin",
        "iat": int(NOW.timestamp()),
        "exp": int((NOW + timedelta(minutes=15)).timestamp()),
        "jti": "j1",
        "typ": "access",
    }
    claims.update(changes)
    return {key: value for key, value in claims.items() if value is not None}


def signed(claims: dict[str, Any], **header: Any) -> str:
    key = parse_keyring(KEYRING)[0]
    headers = {"kid": "k1", "typ": "at+jwt", **header}
    return jwt.encode(claims, key.private_key, algorithm="ES256", headers=headers)


def refused(token: str) -> Unauthenticated:
    with pytest.raises(Unauthenticated) as caught:
        service().verify_access(token, now=NOW)
    assert caught.value.code is ErrorCode.UNAUTHENTICATED
    return caught.value


def test_a_genuine_token_names_person_role_and_session() -> None:
    tokens = service()
    token = tokens.issue_access(user_id="user-1", role=Role.ADMIN, session_id="s1", now=NOW)
    principal = tokens.verify_access(token, now=NOW + timedelta(minutes=14))
    assert (principal.user_id, principal.role, principal.session_id) == ("user-1", Role.ADMIN, "s1")
    assert principal.deployment_id == "team-a"
    assert principal.expires_at == NOW + timedelta(minutes=15)
    assert jwt.get_unverified_header(token)["alg"] == "ES256"


@pytest.mark.parametrize("alg", ["none", "None", "NONE", "nOnE"])
def test_unsigned_tokens_are_refused_in_every_spelling(alg: str) -> None:
    token = f"{b64({'alg': alg, 'typ': 'at+jwt', 'kid': 'k1'})}.{b64(valid_claims())}."
    refused(token)


def test_hs256_signed_with_our_public_key_is_refused() -> None:
    public_pem = parse_keyring(KEYRING)[0].public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = b64({"alg": "HS256", "typ": "at+jwt", "kid": "k1"})
    body = b64(valid_claims())
    mac = hmac.new(public_pem, f"{header}.{body}".encode(), hashlib.sha256).digest()
    signature = base64.urlsafe_b64encode(mac).rstrip(b"=").decode()
    refused(f"{header}.{body}.{signature}")


@pytest.mark.parametrize("issuer", ["someone-else", "virtual-coffee-evil", "virtual-coffe", ""])
def test_wrong_or_prefixed_issuer_is_refused(issuer: str) -> None:
    refused(signed(valid_claims(iss=issuer)))


def test_missing_audience_is_refused() -> None:
    refused(signed(valid_claims(aud=None)))


def test_an_audience_list_is_not_a_deployment() -> None:
    refused(signed(valid_claims(aud=["team-a", "team-b"])))


def test_missing_expiry_is_refused() -> None:
    refused(signed(valid_claims(exp=None)))


def test_expired_token_is_refused() -> None:
    token = service().issue_access(user_id="u", role=Role.MEMBER, now=NOW - timedelta(hours=1))
    assert "expired" in refused(token).message


def test_a_token_claiming_a_longer_life_is_refused() -> None:
    refused(signed(valid_claims(exp=int((NOW + timedelta(days=30)).timestamp()))))


def test_unknown_critical_header_is_refused() -> None:
    refused(signed(valid_claims(), crit=["exp-magic"], **{"exp-magic": True}))


def test_a_token_of_an_unknown_key_is_refused() -> None:
    stranger = derive_key(kid="k1", secret=b"another-secret-0123456789abcdef01234")
    token = jwt.encode(
        valid_claims(),
        stranger.private_key,
        algorithm="ES256",
        headers={"kid": "k1", "typ": "at+jwt"},
    )
    refused(token)


def test_a_refresh_token_is_not_an_access_token() -> None:
    refused("dGhpcyBpcyBhbiBvcGFxdWUgcmVmcmVzaCB0b2tlbg")


def test_another_jwt_type_signed_by_us_is_refused() -> None:
    refused(signed(valid_claims(typ="refresh")))
    refused(signed(valid_claims(), typ="JWT"))


def test_a_provider_id_token_is_not_an_access_token() -> None:
    provider_key = derive_key(kid="google-1", secret=b"provider-key-material-0123456789abc")
    id_token = jwt.encode(
        {
            "iss": "https://accounts.google.com",
            "aud": "client",
            "sub": "1",
            "exp": 2**31,
            "iat": int(NOW.timestamp()),
        },
        provider_key.private_key,
        algorithm="ES256",
        headers={"kid": "google-1"},
    )
    refused(id_token)


def test_a_token_of_another_deployment_is_forbidden() -> None:
    foreign = service("team-b").issue_access(user_id="user-9", role=Role.ADMIN, now=NOW)
    with pytest.raises(CrossDeploymentToken) as caught:
        service("team-a").verify_access(foreign, now=NOW)
    assert caught.value.code is ErrorCode.FORBIDDEN
    assert (caught.value.deployment_id, caught.value.subject) == ("team-b", "user-9")


def test_rotation_keeps_tokens_of_the_previous_key_valid() -> None:
    old = service(keyring="k0:older-key-0123456789abcdef012345678")
    token = old.issue_access(user_id="user-1", role=Role.MEMBER, now=NOW)
    assert service().verify_access(token, now=NOW).user_id == "user-1"
    assert (
        jwt.get_unverified_header(service().issue_access(user_id="u", role=Role.MEMBER, now=NOW))[
            "kid"
        ]
        == "k1"
    )


def test_short_or_unnamed_keys_are_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="shorter than 32"):
        parse_keyring("k1:short", require_strong=True)
    with pytest.raises(ValueError, match="own kid"):
        parse_keyring("a:" + "x" * 40 + ",a:" + "y" * 40)
    with pytest.raises(ValueError, match="at least one"):
        parse_keyring(" , ")


def count_signature_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Wraps pyjwt's decode (the signature check) to record the tokens it is given."""
    checked: list[str] = []
    decode = jwt.decode

    def counting(token: str, *args: Any, **kwargs: Any) -> Any:
        checked.append(token)
        return decode(token, *args, **kwargs)

    monkeypatch.setattr(jwt, "decode", counting)
    return checked


def test_a_signature_is_checked_once_but_expiry_on_every_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tokens = service()
    token = tokens.issue_access(user_id="user-1", role=Role.MEMBER, now=NOW)
    checked = count_signature_checks(monkeypatch)
    for minutes in (1, 5, 14):
        principal = tokens.verify_access(token, now=NOW + timedelta(minutes=minutes))
        assert principal.user_id == "user-1"
    assert checked == [token]
    with pytest.raises(Unauthenticated, match="expired"):
        tokens.verify_access(token, now=NOW + timedelta(minutes=16))
    # One changed character is another text: checked, and refused.
    tampered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    with pytest.raises(Unauthenticated):
        tokens.verify_access(tampered, now=NOW)
    assert checked == [token, tampered]


def test_a_remembered_token_of_another_deployment_stays_forbidden() -> None:
    other = service(deployment="team-b").issue_access(user_id="u", role=Role.MEMBER, now=NOW)
    tokens = service()
    for _ in range(2):
        with pytest.raises(CrossDeploymentToken):
            tokens.verify_access(other, now=NOW)


def test_remembered_signatures_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("auth.tokens.VERIFIED_TOKENS", 3)
    tokens = service()
    issued = [tokens.issue_access(user_id=f"u{n}", role=Role.MEMBER, now=NOW) for n in range(4)]
    checked = count_signature_checks(monkeypatch)
    for token in issued:
        tokens.verify_access(token, now=NOW)
    tokens.verify_access(issued[3], now=NOW)
    tokens.verify_access(issued[0], now=NOW)  # the oldest was let go: checked again
    assert checked == [*issued, issued[0]]
