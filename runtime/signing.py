"""SigV4 for the DynamoDB client without the per-call work whose result does not change.

botocore derives the signing key (four HMACs) on every call, and parses the endpoint URL for the
host header twice per call. The key depends only on the secret, the day, the region and the
service, and the host only on the URL, so both are kept here; the canonical request, the string
to sign and the signature are computed for every request exactly as botocore does, from the
credentials it hands over for that call (so refreshed credentials and session tokens apply).
"""

from __future__ import annotations

import functools
import hmac
from hashlib import sha256
from typing import Any

import botocore.auth
from botocore.auth import SIGNED_HEADERS_BLACKLIST, SigV4Auth
from botocore.client import BaseClient
from botocore.compat import HTTPHeaders

SIGNATURE_VERSION = "v4-vcoffee"


@functools.lru_cache(maxsize=16)
def signing_key(secret_key: str, scope: str) -> bytes:
    """SigV4's key for a credential scope, `day/region/service/aws4_request`."""
    key = f"AWS4{secret_key}".encode()
    for part in scope.split("/"):
        key = hmac.new(key, part.encode(), sha256).digest()
    return key


_host_from_url = functools.lru_cache(maxsize=16)(getattr(botocore.auth, "_host_from_url"))  # noqa: B009


class CachedKeySigV4Auth(SigV4Auth):
    """botocore's SigV4 with the signing key and the host kept between calls."""

    def signature(self, string_to_sign: str, request: Any) -> str:
        key = signing_key(self.credentials.secret_key, self.credential_scope(request))
        return hmac.new(key, string_to_sign.encode(), sha256).hexdigest()

    def headers_to_sign(self, request: Any) -> HTTPHeaders:
        # botocore's selection, with the host from the URL parsed once per URL, not twice a call.
        header_map = HTTPHeaders()
        for name, value in request.headers.items():
            lower = name.lower()
            if lower not in SIGNED_HEADERS_BLACKLIST:
                header_map[lower] = value
        if "host" not in header_map:
            header_map["host"] = _host_from_url(request.url)
        return header_map


def choose_cached_signer(signature_version: str, context: dict[str, Any], **_: Any) -> str | None:
    """Plain SigV4 is signed by CachedKeySigV4Auth; anything else is left to botocore."""
    if signature_version == "v4" and context.get("auth_type") in (None, "v4"):
        return SIGNATURE_VERSION
    return None


def use_cached_signer(client: BaseClient) -> None:
    """Signs this client's SigV4 requests with CachedKeySigV4Auth (other clients are untouched)."""
    botocore.auth.AUTH_TYPE_MAPS.setdefault(SIGNATURE_VERSION, CachedKeySigV4Auth)
    service = client.meta.service_model.service_id.hyphenize()
    # botocore's stubs say handlers return None; choose-signer's return the version to use.
    client.meta.events.register_first(f"choose-signer.{service}", choose_cached_signer)  # type: ignore[arg-type]
