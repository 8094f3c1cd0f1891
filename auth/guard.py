"""Authenticates a request's access token, and records attempts with another deployment's."""

from __future__ import annotations

from datetime import UTC, datetime

from redis.asyncio import Redis

from auth.principal import Principal
from auth.sessions import RevokedSessions
from auth.tokens import ACCESS_TTL, CrossDeploymentToken, TokenService
from core.errors import Unauthenticated
from repositories.audit import AuditAction, AuditEvent, AuditRepository

SESSION_ENDED = "this session was ended; sign in again"


class Authenticator:
    """Turns a bearer token into a principal of this deployment, or an error with a code."""

    def __init__(
        self,
        *,
        tokens: TokenService,
        revoked: RevokedSessions,
        audit: AuditRepository,
        redis: Redis,
    ) -> None:
        self._tokens = tokens
        self._revoked = revoked
        self._audit = audit
        self._redis = redis
        self._seen_prefix = f"vcoffee:{tokens.deployment_id}:foreign-token:"

    async def authenticate(self, token: str, *, transport: str) -> Principal:
        try:
            principal = self._tokens.verify_access(token)
        except CrossDeploymentToken as refused:
            await self.record_foreign(refused, transport=transport)
            raise
        if await self._revoked.contains(principal.session_id or ""):
            raise Unauthenticated(SESSION_ENDED)
        return principal

    async def still_valid(self, principal: Principal, *, now: datetime | None = None) -> bool:
        """For long-lived connections: false once the token expired or its session ended."""
        moment = now or datetime.now(UTC)
        if moment >= principal.expires_at:
            return False
        return not await self._revoked.contains(principal.session_id or "")

    async def ended_sessions(self, session_ids: list[str]) -> set[str]:
        """Of these sessions, those ended (by logout or revocation) before their tokens expired."""
        return await self._revoked.among(session_ids)

    async def record_foreign(self, refused: CrossDeploymentToken, *, transport: str) -> None:
        # One event per token, however often it is replayed, so an attacker cannot flood the log.
        first = await self._redis.set(
            self._seen_prefix + refused.token_id,
            b"1",
            nx=True,
            ex=int(ACCESS_TTL.total_seconds()) * 2,
        )
        if not first:
            return
        await self._audit.record(
            AuditEvent(
                at=datetime.now(UTC),
                action=AuditAction.CROSS_DEPLOYMENT,
                # The subject is an opaque user id of the other deployment, not PII.
                actor=refused.subject,
                deployment_id=self._tokens.deployment_id,
                target_deployment=refused.deployment_id,
                detail={"token_id": refused.token_id, "transport": transport},
            )
        )
