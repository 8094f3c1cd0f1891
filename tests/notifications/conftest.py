"""Local servers for every channel, started per test so each test scripts its own."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from moto.server import ThreadedMotoServer

from tests.notifications.outbox import MemoryOutbox
from tests.notifications.servers import (
    SIGNAL_OK,
    SLACK_OK,
    TELEGRAM_OK,
    ScriptedHttpService,
    ScriptedSmtpServer,
    closed_port,
)


@pytest.fixture
async def slack_server() -> AsyncIterator[ScriptedHttpService]:
    service = ScriptedHttpService(default=SLACK_OK)
    await service.start()
    yield service
    await service.stop()


@pytest.fixture
async def telegram_server() -> AsyncIterator[ScriptedHttpService]:
    service = ScriptedHttpService(default=TELEGRAM_OK)
    await service.start()
    yield service
    await service.stop()


@pytest.fixture
async def signal_server() -> AsyncIterator[ScriptedHttpService]:
    service = ScriptedHttpService(default=SIGNAL_OK)
    await service.start()
    yield service
    await service.stop()


@pytest.fixture
async def smtp_server() -> AsyncIterator[ScriptedSmtpServer]:
    server = ScriptedSmtpServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def http_client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5.0) as client:
        yield client


@pytest.fixture
def outbox() -> MemoryOutbox:
    return MemoryOutbox()


@pytest.fixture(scope="session")
def moto_url() -> Iterator[str]:
    """moto's SES v2 on a loopback port, shared by the session (each test uses its own sender)."""
    port = closed_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()
