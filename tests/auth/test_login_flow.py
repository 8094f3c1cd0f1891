"""The whole sign-in, end to end: real local OpenID provider, real app under uvicorn, httpx."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from redis.asyncio import Redis

from devtools.stack import Endpoints
from tests.auth.stack import CSRF, Stack, access_token, sign_in, start_login

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]

ME = "{ me { id } }"


async def test_sign_in_end_to_end(stack: Stack) -> None:
    async with httpx.AsyncClient(timeout=20) as browser:
        providers = (await browser.get(f"{stack.app_url}/auth/providers")).json()
        assert providers == [
            {"name": "local", "label": "Local sign-in", "loginUrl": "/auth/login/local"}
        ]
        form = await start_login(browser, stack)
        query = parse_qs(urlsplit(str(form.url)).query)
        assert query["code_challenge_method"] == ["S256"]
        assert len(query["code_challenge"][0]) >= 43
        assert query["state"][0]
        assert query["nonce"][0]
        assert query["redirect_uri"] == [f"{stack.app_url}/auth/callback/local"]
        done = await browser.post(str(form.url), data={"sub": "alice"}, follow_redirects=True)
        assert urlsplit(str(done.url)).path == "/"
        assert "auth_error" not in str(done.url)
        # Plain-http loopback: the unprefixed cookie name (browsers refuse __Host- without TLS).
        assert browser.cookies.get("vcoffee_refresh")
        session = await access_token(browser, stack)
        assert session["role"] == "admin"
        me = await browser.post(
            f"{stack.app_url}/graphql",
            json={"query": ME},
            headers={"authorization": f"Bearer {session['accessToken']}"},
        )
        assert me.json()["data"]["me"]["id"] == session["userId"]

    async with httpx.AsyncClient(timeout=20) as again:
        await sign_in(again, stack, "alice")
        # The same (issuer, subject) is the same person, however often they sign in.
        assert (await access_token(again, stack))["userId"] == session["userId"]


async def test_a_member_signs_in_without_joining(stack: Stack) -> None:
    async with httpx.AsyncClient(timeout=20) as browser:
        await sign_in(browser, stack, "bob")
        session = await access_token(browser, stack)
        assert session["role"] == "member"
        me = await browser.post(
            f"{stack.app_url}/graphql",
            json={"query": "{ me { participation { status } } }"},
            headers={"authorization": f"Bearer {session['accessToken']}"},
        )
        assert me.json()["data"]["me"]["participation"]["status"] == "NOT_JOINED", me.text


@pytest.mark.parametrize(
    ("subject", "reason"), [("eve", "email_domain"), ("mallory", "email_verified")]
)
async def test_emails_outside_the_allowed_domains_or_unverified_are_refused(
    stack: Stack, subject: str, reason: str
) -> None:
    async with httpx.AsyncClient(timeout=20) as browser:
        done = await sign_in(browser, stack, subject)
        assert f"auth_error=FORBIDDEN&auth_reason={reason}" in str(done.url)
        assert not browser.cookies.get("vcoffee_refresh")


async def test_a_callback_with_another_sessions_state_is_refused(stack: Stack) -> None:
    async with httpx.AsyncClient(timeout=20) as attacker, httpx.AsyncClient(timeout=20) as victim:
        form = await start_login(attacker, stack)
        consent = await attacker.post(str(form.url), data={"sub": "bob"})
        callback = consent.headers["location"]
        assert callback.startswith(f"{stack.app_url}/auth/callback/local?code=")
        landed = await victim.get(callback, follow_redirects=True)
        assert "auth_error=BAD_USER_INPUT&auth_reason=state" in str(landed.url)
        assert not victim.cookies.get("vcoffee_refresh")
        refused = await victim.post(f"{stack.app_url}/auth/refresh", headers=CSRF, content="{}")
        assert refused.status_code == 401


async def test_a_replayed_callback_is_refused(stack: Stack) -> None:
    async with httpx.AsyncClient(timeout=20) as browser:
        form = await start_login(browser, stack)
        consent = await browser.post(str(form.url), data={"sub": "bob"})
        callback = consent.headers["location"]
        first = await browser.get(callback, follow_redirects=True)
        assert "auth_error" not in str(first.url)
        replay = await browser.get(callback, follow_redirects=True)
        assert "auth_error=BAD_USER_INPUT" in str(replay.url)


async def test_an_id_token_with_another_nonce_is_refused(
    stack: Stack, endpoints: Endpoints
) -> None:
    async with httpx.AsyncClient(timeout=20) as browser:
        form = await start_login(browser, stack)
        state = parse_qs(urlsplit(str(form.url)).query)["state"][0]
        redis = Redis.from_url(endpoints.redis_url)
        key = f"vcoffee:team-a:oidc:_state_local_{state}"
        pending = json.loads(await redis.get(key))
        pending["data"]["nonce"] = "a-nonce-of-another-sign-in"
        await redis.set(key, json.dumps(pending), ex=300)
        await redis.aclose()
        done = await browser.post(str(form.url), data={"sub": "bob"}, follow_redirects=True)
        assert "auth_error=UNAUTHENTICATED" in str(done.url)
        assert not browser.cookies.get("vcoffee_refresh")


async def test_logs_hold_no_email_name_or_token(stack: Stack) -> None:
    async with httpx.AsyncClient(timeout=20) as browser:
        form = await start_login(browser, stack)
        consent = await browser.post(str(form.url), data={"sub": "alice"})
        code = parse_qs(urlsplit(consent.headers["location"]).query)["code"][0]
        await browser.get(consent.headers["location"], follow_redirects=True)
        session = await access_token(browser, stack)
        refresh = browser.cookies.get("vcoffee_refresh")
        await browser.post(
            f"{stack.app_url}/graphql",
            json={"query": ME},
            headers={"authorization": f"Bearer {session['accessToken']}"},
        )
    text = stack.app_log.read_text()
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines
    for line in lines:
        json.loads(line)  # every line is structured
    assert "/auth/callback/local" in text  # the requests were logged...
    for secret in (
        "alice@example.com",
        "Alice Example",
        code,
        session["accessToken"],
        refresh or "-",
    ):
        assert secret not in text  # ...but none of what identifies or authenticates
    assert not re.search(r"eyJ[\w-]+\.eyJ", text)


@pytest.mark.parametrize(
    "query",
    ["state={state}", "state={state}&error=access_denied", "state={state}&code="],
    ids=["no-code", "provider-error", "empty-code"],
)
async def test_a_callback_with_a_valid_state_and_no_code_is_a_coded_refusal(
    stack: Stack, query: str
) -> None:
    async with httpx.AsyncClient(timeout=20) as browser:
        form = await start_login(browser, stack)
        state = parse_qs(urlsplit(str(form.url)).query)["state"][0]
        landed = await browser.get(
            f"{stack.app_url}/auth/callback/local?{query.format(state=state)}"
        )
        assert landed.status_code == 303, landed.text
        # The field at fault may follow as the reason the sign-in page shows.
        location = landed.headers["location"]
        assert re.fullmatch(r"/\?auth_error=BAD_USER_INPUT(&auth_reason=\w+)?", location), location
        assert not browser.cookies.get("vcoffee_refresh")


CONFIG_DOMAINS = """mutation($domains: [String!]!) {
  updateDeploymentConfig(input: {allowedEmailDomains: $domains}) { allowedEmailDomains } }"""


async def set_deployment_domains(stack: Stack, token: str, domains: list[str]) -> None:
    async with httpx.AsyncClient(timeout=20) as http:
        answer = await http.post(
            f"{stack.app_url}/graphql",
            json={"query": CONFIG_DOMAINS, "variables": {"domains": domains}},
            headers={"authorization": f"Bearer {token}"},
        )
    assert answer.json()["data"]["updateDeploymentConfig"]["allowedEmailDomains"] == domains


async def test_the_admins_domain_list_is_enforced_at_sign_in_within_the_instances(
    stack: Stack,
) -> None:
    async with httpx.AsyncClient(timeout=20) as admin:
        await sign_in(admin, stack, "alice")
        token = (await access_token(admin, stack))["accessToken"]
    # The instance allows example.com; the admins narrow that to example.org.
    await set_deployment_domains(stack, token, ["example.org"])
    try:
        async with httpx.AsyncClient(timeout=20) as browser:
            done = await sign_in(browser, stack, "bob")
            assert "auth_error=FORBIDDEN" in str(done.url)
            assert not browser.cookies.get("vcoffee_refresh")
        # Admins cannot widen what the instance allows.
        await set_deployment_domains(stack, token, ["evil.test", "example.com"])
        async with httpx.AsyncClient(timeout=20) as browser:
            done = await sign_in(browser, stack, "eve")
            assert "auth_error=FORBIDDEN" in str(done.url)
        async with httpx.AsyncClient(timeout=20) as browser:
            done = await sign_in(browser, stack, "bob")
            assert "auth_error" not in str(done.url)
    finally:
        await set_deployment_domains(stack, token, [])
