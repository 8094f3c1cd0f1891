"""Everything sign-in needs in one process, built once from the shared services."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from redis.asyncio import Redis

from auth.accounts import AccountDirectory, RepositoryDirectory, SignInPolicy
from auth.admission import RequestAdmission
from auth.cookies import CookiePolicy
from auth.guard import Authenticator
from auth.oidc import Providers, RedisStateStore
from auth.rate_limits import Budgets
from auth.sessions import RevokedSessions, SessionService
from auth.tokens import TokenService
from config.settings import Settings
from repositories.audit import AuditRepository
from repositories.breaker import CircuitBreaker
from repositories.config import ConfigRepository
from repositories.cursor import CursorCodec
from repositories.gateway import TableGateway
from repositories.keys import Keys
from repositories.refresh_tokens import RefreshTokenRepository
from repositories.users import UserRepository

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


class AuthServices(Protocol):
    """The shared clients sign-in is built from (the process's `Services` has them all)."""

    @property
    def settings(self) -> Settings: ...
    @property
    def dynamodb(self) -> DynamoDBClient: ...
    @property
    def redis(self) -> Redis: ...
    @property
    def tokens(self) -> TokenService: ...


@dataclass(frozen=True)
class AuthRuntime:
    settings: Settings
    providers: Providers
    sessions: SessionService
    authenticator: Authenticator
    admission: RequestAdmission
    cookies: CookiePolicy
    policy: SignInPolicy
    accounts: AccountDirectory
    audit: AuditRepository
    redis: Redis
    budgets: Budgets


def build_auth(services: AuthServices) -> AuthRuntime:
    settings = services.settings
    deployment = settings.deployment_id
    gateway = TableGateway(
        client=services.dynamodb,
        table_name=settings.table_name,
        keys=Keys(deployment),
        breaker=CircuitBreaker(name="DynamoDB (sign-in)"),
    )
    # Sign-in never lists people, so its cursor codec's key is never used; it is still unique.
    cursor_secret = hmac.new(
        settings.session_secret.get_secret_value().encode(), b"auth-cursors", hashlib.sha256
    ).digest()
    users = UserRepository(
        gateway=gateway, cursors=CursorCodec(secret=cursor_secret, keys=gateway.keys)
    )
    revoked = RevokedSessions(redis=services.redis, deployment_id=deployment)
    audit = AuditRepository(gateway=gateway)
    accounts = RepositoryDirectory(users)
    policy = SignInPolicy(
        allowed_domains=settings.allowed_email_domains,
        admin_emails=settings.admin_emails,
        config=ConfigRepository(gateway=gateway),
    )
    authenticator = Authenticator(
        tokens=services.tokens, revoked=revoked, audit=audit, redis=services.redis
    )
    budgets = Budgets.of(settings)
    return AuthRuntime(
        settings=settings,
        providers=Providers(
            providers=settings.oidc_providers,
            state=RedisStateStore(redis=services.redis, deployment_id=deployment),
        ),
        sessions=SessionService(
            tokens=services.tokens,
            refresh_tokens=RefreshTokenRepository(gateway=gateway),
            accounts=accounts,
            policy=policy,
            revoked=revoked,
            audit=audit,
        ),
        authenticator=authenticator,
        admission=RequestAdmission(
            redis=services.redis,
            deployment_id=deployment,
            client_budget=budgets.client_requests,
            person_budget=budgets.person_requests,
            tokens=services.tokens,
            authenticator=authenticator,
            revoked=revoked,
        ),
        cookies=CookiePolicy(settings),
        policy=policy,
        accounts=accounts,
        audit=audit,
        redis=services.redis,
        budgets=budgets,
    )
