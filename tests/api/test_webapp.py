"""The API process serves the built web app, deep links included."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from devtools.stack import Endpoints
from tests.conftest import make_settings
from vcoffee.app import create_app


@pytest.fixture
async def web(endpoints: Endpoints, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Virtual Coffee</title>")
    (tmp_path / "assets" / "app.js").write_text("console.log('app')")
    app = create_app(make_settings(endpoints, frontend_dist=tmp_path))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
            yield http


async def test_the_app_and_its_assets_are_served(web: httpx.AsyncClient) -> None:
    index = await web.get("/")
    assert index.status_code == 200
    assert "Virtual Coffee" in index.text
    asset = await web.get("/assets/app.js")
    assert asset.status_code == 200
    assert asset.text == "console.log('app')"


async def test_a_deep_link_loads_the_app(web: httpx.AsyncClient) -> None:
    for path in ("/history", "/admin/settings", "/match/2026-11-30T09:00Z_0001"):
        response = await web.get(path)
        assert response.status_code == 200, path
        assert "Virtual Coffee" in response.text


async def test_a_missing_asset_is_a_404(web: httpx.AsyncClient) -> None:
    assert (await web.get("/assets/missing.js")).status_code == 404
