"""Sign-in providers through authlib's Starlette client: PKCE (S256), state and nonce."""

from __future__ import annotations

import time
import warnings
from datetime import UTC, datetime
from typing import Any

import httpx
from authlib.common.errors import AuthlibBaseError
from authlib.deprecate import AuthlibDeprecationWarning
from redis.asyncio import Redis
from starlette.requests import Request
from starlette.responses import RedirectResponse

from auth.id_tokens import UnknownSigningKey, check_algorithms, validate_id_token
from config.settings import OidcProvider
from core.errors import BadUserInput, NotFound, RateLimited, ServiceUnavailable

with warnings.catch_warnings():
    # authlib announces a move from httpx to httpx2 on import; httpx is what we ship.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.starlette_client import OAuth, OAuthError, StarletteOAuth2App

# A sign-in started more than this long ago cannot be finished.
LOGIN_WINDOW_SECONDS = 600
# Sign-ins started and not yet finished, of all clients together; each holds a few hundred
# bytes in Redis for LOGIN_WINDOW_SECONDS.
MAX_PENDING_SIGN_INS = 10_000


class LoginRefused(BadUserInput):
    """The provider's redirect back did not belong to a sign-in this browser started."""


class RedisStateStore:
    """Where authlib keeps a pending sign-in (state, nonce, PKCE verifier): server side, once.

    The browser's session cookie holds only a marker, so the verifier never leaves the server
    and a state can be redeemed once, by the browser that started the sign-in.
    """

    def __init__(
        self, *, redis: Redis, deployment_id: str, limit: int = MAX_PENDING_SIGN_INS
    ) -> None:
        self._redis = redis
        self._prefix = f"vcoffee:{deployment_id}:oidc:"
        # Every pending sign-in, scored by when it expires, so they can be counted.
        self._pending = f"vcoffee:{deployment_id}:oidc-pending"
        self._limit = limit

    async def get(self, key: str) -> str | None:
        value = await self._redis.get(self._prefix + key)
        return None if value is None else value.decode() if isinstance(value, bytes) else value

    async def set(self, key: str, value: str, expires_in: int | None = None) -> None:
        seconds = expires_in or LOGIN_WINDOW_SECONDS
        now = time.time()
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(self._pending, "-inf", now)
            pipe.zcard(self._pending)
            _, pending = await pipe.execute()
        if int(pending) >= self._limit:
            raise RateLimited(
                "too many sign-ins are under way; try again in a minute", retry_after=60
            )
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(self._prefix + key, value, ex=seconds)
            pipe.zadd(self._pending, {key: now + seconds})
            pipe.expire(self._pending, LOGIN_WINDOW_SECONDS + 60)
            await pipe.execute()

    async def delete(self, key: str) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(self._prefix + key)
            pipe.zrem(self._pending, key)
            await pipe.execute()


class VerifyingOpenIDApp(StarletteOAuth2App):  # type: ignore[misc]
    """authlib's client, with the id_token checked by our own validator."""

    provider: OidcProvider

    async def load_server_metadata(self) -> dict[str, Any]:
        metadata: dict[str, Any] = await super().load_server_metadata()
        # OpenID Connect Discovery 4.3: the document must name exactly the configured issuer.
        if metadata.get("issuer") != self.provider.issuer:
            self.server_metadata.pop("_loaded_at", None)
            raise ServiceUnavailable(
                f"the sign-in provider {self.provider.name!r} announces another issuer"
            )
        return metadata

    async def parse_id_token(
        self,
        token: dict[str, Any],
        nonce: str,
        claims_options: Any = None,
        claims_cls: Any = None,
        leeway: int = 0,
    ) -> dict[str, Any]:
        await self.load_server_metadata()
        try:
            return self._validate(token, nonce, await self.fetch_jwk_set())
        except UnknownSigningKey:
            return self._validate(token, nonce, await self.fetch_jwk_set(force=True))

    def _validate(self, token: dict[str, Any], nonce: str, jwks: dict[str, Any]) -> dict[str, Any]:
        return validate_id_token(
            id_token=str(token["id_token"]),
            jwks=jwks,
            issuer=self.provider.issuer,
            client_id=self.provider.client_id,
            nonce=nonce,
            algorithms=self.provider.id_token_algorithms,
            now=datetime.now(UTC),
        )


class Providers:
    """The sign-in providers of this deployment, by name."""

    def __init__(self, *, providers: list[OidcProvider], state: RedisStateStore) -> None:
        self._configs = {provider.name: provider for provider in providers}
        self._oauth = OAuth(cache=state)
        for provider in providers:
            check_algorithms(provider.id_token_algorithms)
            self._oauth.register(
                provider.name,
                client_cls=VerifyingOpenIDApp,
                client_id=provider.client_id,
                client_secret=provider.client_secret.get_secret_value() or None,
                server_metadata_url=provider.issuer.rstrip("/")
                + "/.well-known/openid-configuration",
                client_kwargs={
                    "scope": provider.scopes,
                    "code_challenge_method": "S256",
                    "token_endpoint_auth_method": (
                        "client_secret_basic"
                        if provider.client_secret.get_secret_value()
                        else "none"
                    ),
                    "timeout": 10,
                },
            )
            client = self._oauth.create_client(provider.name)
            client.provider = provider
            client.framework.expires_in = LOGIN_WINDOW_SECONDS

    def listed(self) -> list[OidcProvider]:
        return list(self._configs.values())

    def config(self, name: str) -> OidcProvider:
        provider = self._configs.get(name)
        if provider is None:
            raise NotFound(f"no sign-in provider is called {name!r}", fields=("provider",))
        return provider

    async def redirect_to_login(
        self, request: Request, *, name: str, redirect_uri: str
    ) -> RedirectResponse:
        self.config(name)
        client = self._oauth.create_client(name)
        try:
            response: RedirectResponse = await client.authorize_redirect(request, redirect_uri)
        except httpx.HTTPError as error:
            raise ServiceUnavailable(
                f"the sign-in provider {name!r} does not answer; try again later"
            ) from error
        return response

    async def finish_login(self, request: Request, *, name: str) -> dict[str, Any]:
        """The validated id_token claims of a sign-in this browser started."""
        self.config(name)
        client = self._oauth.create_client(name)
        try:
            token: dict[str, Any] = await client.authorize_access_token(request)
        except OAuthError as error:
            raise LoginRefused(
                f"the sign-in could not be completed ({error.error}); start it again",
                fields=("state",),
            ) from None
        except httpx.HTTPError as error:
            raise ServiceUnavailable(
                f"the sign-in provider {name!r} does not answer; try again later"
            ) from error
        except AuthlibBaseError as error:
            # A redirect back without a code, or with an error the provider put there.
            raise LoginRefused(
                f"the sign-in could not be completed ({error.error or 'refused'}); start again",
                fields=("code",),
            ) from None
        claims = token.get("userinfo")
        if "id_token" not in token or not isinstance(claims, dict):
            raise LoginRefused("the provider answered without an id_token; start again")
        return claims
