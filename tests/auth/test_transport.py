"""HTTPS is enforced outside loopback, and every response carries the security headers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from devtools.stack import Endpoints
from tests.conftest import make_settings
from vcoffee.app import create_app

PUBLIC = "https://coffee.example.com"


@pytest.fixture
async def public_app(endpoints: Endpoints, table: str) -> AsyncIterator[Starlette]:
    settings = make_settings(endpoints, public_url=PUBLIC, table_name=table)
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


async def test_plain_http_is_redirected_to_https_of_the_public_host(
    public_app: Starlette,
) -> None:
    transport = httpx.ASGITransport(app=public_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://evil.test") as http:
        response = await http.get("/auth/providers?x=1")
        assert response.status_code == 308
        # The target comes from configuration, not from the Host header.
        assert response.headers["location"] == f"{PUBLIC}/auth/providers?x=1"
        post = await http.post("/auth/refresh", json={})
        assert post.status_code == 403
        # Probes come over plain http from the kubelet.
        assert (await http.get("/healthz")).status_code == 200


async def test_https_responses_carry_hsts_csp_and_friends(public_app: Starlette) -> None:
    transport = httpx.ASGITransport(app=public_app)
    async with httpx.AsyncClient(transport=transport, base_url=PUBLIC) as http:
        response = await http.get("/auth/providers")
    assert response.status_code == 200
    headers = response.headers
    assert headers["strict-transport-security"].startswith("max-age=63072000")
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "connect-src 'self' wss://coffee.example.com" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(("trusted", "expected"), [(True, 200), (False, 308)])
async def test_only_a_trusted_proxy_may_say_the_request_was_https(
    endpoints: Endpoints, table: str, trusted: bool, expected: int
) -> None:
    settings = make_settings(endpoints, public_url=PUBLIC, table_name=table, trusted_proxy=trusted)
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://10.0.0.5") as http:
            response = await http.get("/auth/providers", headers={"x-forwarded-proto": "https"})
    assert response.status_code == expected
    if trusted:
        assert "strict-transport-security" in response.headers


@pytest.mark.parametrize("path", ["/auth/providers/", "/auth/login/local/"])
async def test_redirects_point_at_the_public_url_whatever_the_host_header(
    public_app: Starlette, path: str
) -> None:
    transport = httpx.ASGITransport(app=public_app)
    async with httpx.AsyncClient(transport=transport, base_url=PUBLIC) as http:
        response = await http.get(path, headers={"host": "evil.test"})
    assert response.is_redirect
    assert response.headers["location"] == PUBLIC + path.rstrip("/")


@pytest.mark.parametrize("trusted", [True, False])
async def test_behind_a_trusted_proxy_redirects_keep_https(
    endpoints: Endpoints, table: str, trusted: bool
) -> None:
    settings = make_settings(endpoints, public_url=PUBLIC, table_name=table, trusted_proxy=trusted)
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://10.0.0.5") as http:
            response = await http.get(
                "/auth/providers/",
                headers={"x-forwarded-proto": "https", "host": "evil.test"},
            )
    assert response.is_redirect
    location = response.headers["location"]
    assert location.startswith(PUBLIC + "/auth/providers"), location


async def test_loopback_deployments_may_use_plain_http(client: httpx.AsyncClient) -> None:
    response = await client.get("/auth/providers")
    assert response.status_code == 200
    assert "strict-transport-security" not in response.headers
    assert "content-security-policy" in response.headers


async def test_the_built_web_app_needs_no_inline_script_or_style(
    client: httpx.AsyncClient, app: Starlette
) -> None:
    settings = app.state.services.settings
    index = settings.frontend_dist / "index.html"
    if not index.is_file():
        pytest.skip("the web app is not built (npm run build in frontend/)")
    page = (await client.get("/")).text
    # What the CSP would block: inline <script> bodies, <style> elements, style attributes.
    assert "<style" not in page
    assert " style=" not in page
    for tag in page.split("<script")[1:]:
        assert " src=" in tag.split(">")[0]
