"""`make dev` serves the product on 127.0.0.1, and a second start finds the same data."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis

from devtools.stack import Endpoints
from repositories.models import Identity, Profile
from runtime.services import open_services
from tests.conftest import make_settings
from tests.devstack.running import dev_ports_env, start_dev


@pytest.mark.slow
@pytest.mark.timeout(300)
async def test_dev_stack_serves_and_keeps_data_across_restarts(tmp_path: Path) -> None:
    ports = dev_ports_env()
    stack = start_dev(data_dir=tmp_path / "data", ports=ports)
    try:
        assert stack.url == f"http://127.0.0.1:{ports['VCOFFEE_PORT']}/"
        async with httpx.AsyncClient(base_url=stack.url) as http:
            assert (await http.get("/readyz")).json() == {"status": "ready"}
            settings_seen = await http.post("/graphql", json={"query": "{ deploymentId }"})
            assert settings_seen.json()["data"]["deploymentId"] == "default"
        settings = make_settings(
            Endpoints(dynamodb_url=stack.dynamodb_url, redis_url=stack.redis_url),
            deployment_id="default",
            table_name="virtual-coffee",
        )
        async with open_services(settings) as services:
            user = await services.repositories.users.register(
                identity=Identity(issuer="https://sso.example.com", subject="keep-me"),
                profile=Profile(name="Keeper", email="keeper@example.com"),
            )
            await services.redis.set("vcoffee:default:kept", b"yes")
    finally:
        assert stack.stop() == 0
    # Every service is gone with Ctrl-C.
    for name in ("VCOFFEE_PORT", "VCOFFEE_DEV_DYNAMODB_PORT", "VCOFFEE_DEV_REDIS_PORT"):
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", int(ports[name]))) != 0, name

    again = start_dev(data_dir=tmp_path / "data", ports=ports)
    try:
        assert any("existing data" in line for line in again.output)
        async with open_services(settings) as services:
            found = await services.repositories.users.get(user_id=user.id)
            assert found is not None
            assert found.profile.name == "Keeper"
        redis = Redis.from_url(again.redis_url)
        try:
            assert await redis.get("vcoffee:default:kept") == b"yes"
        finally:
            await redis.aclose()
    finally:
        again.stop()
