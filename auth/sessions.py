"""Sessions: a sign-in opens a refresh-token family; refresh rotates it; logout revokes it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from redis.asyncio import Redis

from auth.accounts import AccountDirectory, SignInPolicy
from auth.principal import Role
from auth.tokens import ACCESS_TTL, LEEWAY, TokenService
from repositories.audit import AuditAction, AuditEvent, AuditRepository
from repositories.refresh_tokens import (
    IssuedRefresh,
    RefreshRejected,
    RefreshReused,
    RefreshTokenRepository,
)


@dataclass(frozen=True)
class Session:
    """What a client receives: a short access token and the refresh token that renews it."""

    user_id: str
    role: Role
    session_id: str
    access_token: str
    access_expires_at: datetime
    refresh: IssuedRefresh


class RevokedSessions:
    """Sessions ended before their access tokens expired, remembered for one token lifetime."""

    def __init__(self, *, redis: Redis, deployment_id: str) -> None:
        self._redis = redis
        self._prefix = f"vcoffee:{deployment_id}:revoked-session:"

    async def add(self, session_id: str) -> None:
        lifetime = int((ACCESS_TTL + LEEWAY).total_seconds())
        await self._redis.set(self._prefix + session_id, b"1", ex=lifetime)

    def key(self, session_id: str) -> str:
        """Present while the session is ended early; `contains` asks for it."""
        return self._prefix + session_id

    async def contains(self, session_id: str) -> bool:
        return bool(await self._redis.exists(self.key(session_id)))

    async def among(self, session_ids: list[str]) -> set[str]:
        """Those of `session_ids` that were ended, asked in one pipeline."""
        async with self._redis.pipeline(transaction=False) as pipe:
            for session_id in session_ids:
                pipe.exists(self._prefix + session_id)
            found = await pipe.execute()
        return {session_id for session_id, hit in zip(session_ids, found, strict=True) if hit}


class SessionService:
    """Opens, renews and ends sessions of one deployment."""

    def __init__(
        self,
        *,
        tokens: TokenService,
        refresh_tokens: RefreshTokenRepository,
        accounts: AccountDirectory,
        policy: SignInPolicy,
        revoked: RevokedSessions,
        audit: AuditRepository,
    ) -> None:
        self._tokens = tokens
        self._refresh = refresh_tokens
        self._accounts = accounts
        self._policy = policy
        self._revoked = revoked
        self._audit = audit

    @property
    def deployment_id(self) -> str:
        return self._tokens.deployment_id

    async def open(self, *, user_id: str, verified_email_digest: str | None) -> Session:
        """A new session for a person who just proved who they are."""
        account = await self._accounts.by_id(user_id=user_id)
        if account is None:
            raise RefreshRejected("this person is not registered here")
        refresh = await self._refresh.start(
            user_id=user_id, verified_email_digest=verified_email_digest
        )
        role = await self._policy.role(account=account, verified_email_digest=verified_email_digest)
        return self._session(user_id=user_id, role=role, refresh=refresh)

    async def renew(
        self, *, refresh_token: str, admit: Callable[[str], Awaitable[None]] | None = None
    ) -> Session:
        """Rotates the refresh token; the role is worked out again, so changes apply.

        `admit(user_id)` may refuse the renewal before anything is written (rate limits).
        """
        try:
            refresh = await self._refresh.rotate(token=refresh_token, admit=admit)
        except RefreshReused:
            await self._on_reuse(refresh_token)
            raise
        family = refresh.family
        account = await self._accounts.by_id(user_id=family.user_id)
        if account is None:
            await self._refresh.revoke_family(family_id=family.family_id, reason="user removed")
            raise RefreshRejected("this person is no longer registered here")
        role = await self._policy.role(
            account=account, verified_email_digest=family.verified_email_digest
        )
        return self._session(user_id=family.user_id, role=role, refresh=refresh)

    async def close(self, *, refresh_token: str | None, session_id: str | None) -> None:
        """Logout: the refresh family ends and its access tokens stop working at once.

        The access tokens are ended first, in Redis: while Redis is away the logout fails
        before the table changed, and the client's retry does all of it.
        """
        family_id = session_id
        if refresh_token is not None:
            family_id = await self._refresh.family_id_of(token=refresh_token) or family_id
        if family_id is None:
            return
        await self._revoked.add(family_id)
        family = await self._refresh.revoke_family(family_id=family_id, reason="logout")
        if family is not None:
            await self._record(AuditAction.LOGOUT, actor=family.user_id, session=family_id)

    async def _on_reuse(self, refresh_token: str) -> None:
        family = await self._refresh.revoke_token_family(token=refresh_token, reason="reuse")
        if family is None:
            return
        await self._revoked.add(family.family_id)
        await self._record(
            AuditAction.REFRESH_REUSE, actor=family.user_id, session=family.family_id
        )

    async def _record(self, action: AuditAction, *, actor: str, session: str) -> None:
        await self._audit.record(
            AuditEvent(
                at=datetime.now(UTC),
                action=action,
                actor=actor,
                deployment_id=self.deployment_id,
                detail={"session": session},
            )
        )

    def _session(self, *, user_id: str, role: Role, refresh: IssuedRefresh) -> Session:
        issued = datetime.now(UTC)
        access = self._tokens.issue_access(
            user_id=user_id, role=role, session_id=refresh.family.family_id, now=issued
        )
        return Session(
            user_id=user_id,
            role=role,
            session_id=refresh.family.family_id,
            access_token=access,
            access_expires_at=issued + ACCESS_TTL,
            refresh=refresh,
        )
