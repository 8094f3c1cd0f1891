"""Which emails may sign in: the instance's domain list and the deployment's, each if set."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette

from auth.accounts import SignInClaims
from auth.runtime import AuthRuntime
from repositories.config import ConfigRepository
from vcoffee.errors import Forbidden


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
