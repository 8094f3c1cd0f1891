"""Signing keys of our access tokens: ES256 key pairs derived from configured secrets, by `kid`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from jwt.algorithms import ECAlgorithm

# Order of the P-256 group: a private scalar lies in [1, N - 1].
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
MIN_SECRET_LENGTH = 32
KID_PATTERN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


@dataclass(frozen=True)
class SigningKey:
    """One key pair; only the first of a keyring signs, every one of them verifies."""

    kid: str
    private_key: ec.EllipticCurvePrivateKey

    @property
    def public_key(self) -> ec.EllipticCurvePublicKey:
        return self.private_key.public_key()

    def public_jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = json.loads(ECAlgorithm.to_jwk(self.public_key))
        return {**jwk, "kid": self.kid, "alg": "ES256", "use": "sig"}


def derive_key(*, kid: str, secret: bytes) -> SigningKey:
    """A P-256 key pair derived from a high-entropy secret, so one env var holds the key."""
    seed = HKDF(
        algorithm=hashes.SHA256(), length=48, salt=b"vcoffee access tokens", info=kid.encode()
    ).derive(secret)
    # 48 bytes reduced modulo the order leave a bias below 2**-128.
    scalar = int.from_bytes(seed, "big") % (P256_ORDER - 1) + 1
    return SigningKey(kid=kid, private_key=ec.derive_private_key(scalar, ec.SECP256R1()))


def parse_keyring(raw: str, *, require_strong: bool = False) -> list[SigningKey]:
    """`kid1:secret1,kid2:secret2`: the first key signs, all verify, so keys rotate smoothly.

    To rotate, put the new key first and keep the old one listed for at least the lifetime of
    an access token (15 minutes); then drop it.
    """
    keys: list[SigningKey] = []
    for index, entry in enumerate(part.strip() for part in raw.split(",") if part.strip()):
        kid, sep, secret = entry.partition(":")
        if not sep:
            kid, secret = f"k{index}", entry
        if not kid or not set(kid) <= KID_PATTERN_CHARS:
            raise ValueError(f"signing key {index + 1}: the kid may hold only [A-Za-z0-9._-]")
        if require_strong and len(secret) < MIN_SECRET_LENGTH:
            raise ValueError(
                f"signing key {kid!r} is shorter than {MIN_SECRET_LENGTH} characters; "
                "generate one with `python -c 'import secrets; print(secrets.token_urlsafe(32))'`"
            )
        keys.append(derive_key(kid=kid, secret=secret.encode()))
    if not keys:
        raise ValueError("at least one signing key is required")
    if len({key.kid for key in keys}) != len(keys):
        raise ValueError("each signing key needs its own kid")
    return keys
