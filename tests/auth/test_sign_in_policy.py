"""Which emails may sign in: the instance's domain list and the deployment's, each if set."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette

from auth.accounts import Account, SignInClaims, SignInPolicy, email_digest
from auth.principal import Role
from auth.runtime import AuthRuntime
from core.errors import Forbidden
from repositories.config import ConfigRepository


def claims(email: str, *, verified: bool = True) -> SignInClaims:
    return SignInClaims(
        issuer="https://sso.example.com",
        subject=email,
        email=email,
        email_verified=verified,
        name="Pat",
    )


async def keep_domains(config: ConfigRepository, domains: list[str]) -> None:
    current = await config.get()
    await config.update(
        config=current.model_copy(update={"allowed_email_domains": domains}),
        expected_version=current.version,
    )


async def test_without_any_list_every_email_signs_in(auth: AuthRuntime) -> None:
    assert await auth.policy.admit(claims("pat@anywhere.test", verified=False))


async def test_the_deployments_list_alone_limits_sign_in(app: Starlette, auth: AuthRuntime) -> None:
    config = app.state.services.repositories.config
    await keep_domains(config, ["example.com"])
    assert await auth.policy.admit(claims("pat@Example.com")) == "pat@Example.com"
    for refused in (claims("pat@other.test"), claims("pat@example.com", verified=False)):
        with pytest.raises(Forbidden):
            await auth.policy.admit(refused)
    await keep_domains(config, [])
    assert await auth.policy.admit(claims("pat@other.test"))


async def test_an_admin_email_counts_for_the_account_registered_with_it() -> None:
    policy = SignInPolicy(allowed_domains=[], admin_emails=["Root@Example.com"])
    root = Account(
        user_id="u-root", stored_admin=False, email_digest=email_digest("root@example.com")
    )
    pat = Account(user_id="u-pat", stored_admin=False, email_digest=email_digest("pat@example.com"))
    admin_digest = email_digest("root@example.com")
    assert await policy.role(account=root, verified_email_digest=admin_digest) is Role.ADMIN
    # Pat changed their address at the provider to the admin's: still a member.
    assert await policy.role(account=pat, verified_email_digest=admin_digest) is Role.MEMBER
    # The provider no longer verifies the registered address: a member until it does again.
    assert await policy.role(account=root, verified_email_digest=None) is Role.MEMBER
    assert (
        await policy.role(account=root, verified_email_digest=email_digest("x@example.com"))
        is Role.MEMBER
    )


async def test_the_registered_email_is_what_counts_after_a_real_sign_in(
    auth: AuthRuntime,
) -> None:
    registered = await auth.accounts.register(
        claims=claims("root@example.com"), email="root@example.com"
    )
    found = await auth.accounts.by_id(user_id=registered.user_id)
    assert found is not None
    assert found.email_digest == email_digest("root@example.com")
