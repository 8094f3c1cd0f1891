"""Who signs in: the person behind an (issuer, subject) pair, the sign-in policy and roles."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import ValidationError

from auth.principal import Role
from core.errors import AlreadyExists, BadUserInput, Forbidden
from repositories.config import ConfigRepository
from repositories.models.users import Identity, Profile, User
from repositories.users import UserRepository

NAME_LIMIT = 100


@dataclass(frozen=True)
class SignInClaims:
    """What a validated id_token says about the person."""

    issuer: str
    subject: str
    email: str | None
    email_verified: bool
    name: str | None

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> SignInClaims:
        email = claims.get("email")
        name = claims.get("name")
        return cls(
            issuer=str(claims["iss"]),
            subject=str(claims["sub"]),
            email=email.strip() if isinstance(email, str) and email.strip() else None,
            # Only a JSON true counts: some providers send the string "true", which we refuse.
            email_verified=claims.get("email_verified") is True,
            name=name.strip()[:NAME_LIMIT] if isinstance(name, str) and name.strip() else None,
        )

    @property
    def verified_email(self) -> str | None:
        return self.email.lower() if self.email and self.email_verified else None


@dataclass(frozen=True)
class Account:
    user_id: str
    stored_admin: bool
    # Digest of the email the account was registered with, which sign-ins do not change.
    email_digest: str | None = None


class AccountDirectory(Protocol):
    """The people of this deployment as sign-in sees them."""

    async def by_identity(self, *, issuer: str, subject: str) -> Account | None: ...

    async def register(self, *, claims: SignInClaims, email: str) -> Account: ...

    async def by_id(self, *, user_id: str) -> Account | None: ...


def email_digest(email: str) -> str:
    """How a verified email is remembered with a session: enough to match, not to read."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def domain_set(domains: list[str]) -> frozenset[str]:
    return frozenset(domain.strip().lower().lstrip("@") for domain in domains)


class SignInPolicy:
    """Who may sign in to this deployment and who is an admin by configuration.

    Two domain lists limit sign-in: the instance's (VCOFFEE_ALLOWED_EMAIL_DOMAINS, set by the
    operator) and the deployment's (`allowedEmailDomains`, kept by admins). Each list that is
    set must admit the verified email's domain, so admins can narrow what the operator allows
    but never widen it; with neither set, any email may sign in.

    Admins by configuration are the instance's admin emails and those admins keep in the
    deployment's configuration; either counts only for an email the provider verified.
    """

    def __init__(
        self,
        *,
        allowed_domains: list[str],
        admin_emails: list[str],
        config: ConfigRepository | None = None,
    ) -> None:
        self._domains = domain_set(allowed_domains)
        self._admin_digests = frozenset(email_digest(email) for email in admin_emails)
        self._config = config

    async def admit(self, claims: SignInClaims) -> str:
        """The email to register the person with, or FORBIDDEN with the reason."""
        if claims.email is None:
            raise Forbidden("the sign-in provider shared no email address", fields=("email",))
        limits = [limit for limit in (self._domains, await self._deployment_domains()) if limit]
        if not limits:
            return claims.email
        verified = claims.verified_email
        if verified is None:
            raise Forbidden(
                "this deployment accepts only verified email addresses", fields=("email_verified",)
            )
        domain = verified.rpartition("@")[2]
        if not all(domain in limit for limit in limits):
            raise Forbidden(
                "this deployment does not accept email addresses of that domain",
                fields=("email_domain",),
            )
        return claims.email

    async def _deployment_domains(self) -> frozenset[str]:
        if self._config is None:
            return frozenset()
        return domain_set((await self._config.get()).allowed_email_domains)

    async def role(self, *, account: Account, verified_email_digest: str | None) -> Role:
        """Worked out at sign-in and at every refresh, so a change applies at the next one.

        An admin email counts for the account registered with it, and only while the provider
        still verifies that same address: a person who changes their email at the provider to
        an admin's does not become an admin, nor does an account whose email was never
        verified.
        """
        if account.stored_admin:
            return Role.ADMIN
        if verified_email_digest is None or verified_email_digest != account.email_digest:
            return Role.MEMBER
        if verified_email_digest in self._admin_digests:
            return Role.ADMIN
        if self._config is not None:
            granted = (await self._config.get()).admin_emails
            if any(email_digest(email) == verified_email_digest for email in granted):
                return Role.ADMIN
        return Role.MEMBER


def account_of(user: User) -> Account:
    return Account(
        user_id=user.id,
        stored_admin=user.role is Role.ADMIN,
        email_digest=email_digest(user.profile.email),
    )


class RepositoryDirectory:
    """AccountDirectory over the users repository; registration leaves people not yet joined."""

    def __init__(self, users: UserRepository) -> None:
        self._users = users

    async def by_identity(self, *, issuer: str, subject: str) -> Account | None:
        user = await self._users.get_by_identity(issuer=issuer, subject=subject)
        return None if user is None else account_of(user)

    async def by_id(self, *, user_id: str) -> Account | None:
        user = await self._users.get(user_id=user_id)
        return None if user is None else account_of(user)

    async def register(self, *, claims: SignInClaims, email: str) -> Account:
        try:
            profile = Profile(name=claims.name or email.partition("@")[0][:NAME_LIMIT], email=email)
            identity = Identity(issuer=claims.issuer, subject=claims.subject)
        except ValidationError:
            raise BadUserInput(
                "the sign-in provider shared an unusable email address or name",
                fields=("email",),
            ) from None
        try:
            user = await self._users.register(identity=identity, profile=profile)
        except AlreadyExists as error:
            if "identity" in error.fields:
                # The same person's other tab registered first.
                found = await self.by_identity(issuer=claims.issuer, subject=claims.subject)
                if found is not None:
                    return found
            raise AlreadyExists(
                "a person with this email address already signs in another way; use that sign-in",
                fields=("email",),
            ) from None
        return account_of(user)
