"""Admits a GraphQL request over HTTP in one Redis call: the client's budget, the session, the
person's budget.

Each Redis call costs the API process 0.1-0.2 ms of CPU; one script does the three checks in
the order three calls made them, and a check that refuses stops the ones after it.
"""

from __future__ import annotations

from redis.asyncio import Redis

from auth.guard import SESSION_ENDED, Authenticator
from auth.principal import Principal
from auth.rate_limits import Budget, rate_key, refusal, spend
from auth.sessions import RevokedSessions
from auth.tokens import CrossDeploymentToken, TokenService
from core.errors import AppError, Unauthenticated

# KEYS: the client's counter, then (with a token) the session's revocation and the person's
# counter. ARGV: each counter's lifetime and budget. Returns the client's count, whether the
# session was ended, and the person's count (0 where a check did not run).
ADMIT = """
local client = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1])
if client > tonumber(ARGV[2]) or #KEYS == 1 then
  return {client, 0, 0}
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {client, 1, 0}
end
local person = redis.call('INCR', KEYS[3])
redis.call('EXPIRE', KEYS[3], ARGV[3])
return {client, 0, person}
"""


class RequestAdmission:
    """The checks every GraphQL request over HTTP passes before it is executed."""

    def __init__(
        self,
        *,
        redis: Redis,
        deployment_id: str,
        client_budget: Budget,
        person_budget: Budget,
        tokens: TokenService,
        authenticator: Authenticator,
        revoked: RevokedSessions,
    ) -> None:
        self._redis = redis
        self._deployment_id = deployment_id
        self._client_budget = client_budget
        self._person_budget = person_budget
        self._tokens = tokens
        self._authenticator = authenticator
        self._revoked = revoked
        self._admit = redis.register_script(ADMIT)

    async def admit(self, *, client: str, token: str | None) -> Principal | None:
        """The request's principal (None without a token), or RateLimited / an AppError."""
        principal = None
        if token is not None:
            try:
                principal = self._tokens.verify_access(token)
            except AppError as invalid:
                # The client's budget is spent and checked first, for bad tokens as well.
                await self._spend_client(client)
                if isinstance(invalid, CrossDeploymentToken):
                    await self._authenticator.record_foreign(invalid, transport="http")
                raise
        keys = [self._client_key(client)]
        if principal is not None:
            keys.append(self._revoked.key(principal.session_id or ""))
            keys.append(self._person_key(principal.user_id))
        args = [
            self._client_budget.seconds + 1,
            self._client_budget.calls,
            self._person_budget.seconds + 1,
        ]
        client_used, ended, person_used = await self._admit(keys=keys, args=args)
        if int(client_used) > self._client_budget.calls:
            raise refusal(self._client_budget)
        if int(ended):
            raise Unauthenticated(SESSION_ENDED)
        if int(person_used) > self._person_budget.calls:
            raise refusal(self._person_budget)
        return principal

    async def _spend_client(self, client: str) -> None:
        await spend(
            redis=self._redis,
            deployment_id=self._deployment_id,
            budget=self._client_budget,
            subject=f"client:{client}",
        )

    def _client_key(self, client: str) -> str:
        budget = self._client_budget
        return rate_key(
            deployment_id=self._deployment_id, budget=budget, subject=f"client:{client}"
        )

    def _person_key(self, user_id: str) -> str:
        budget = self._person_budget
        return rate_key(
            deployment_id=self._deployment_id, budget=budget, subject=f"person:{user_id}"
        )
