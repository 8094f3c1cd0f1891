"""One `vcoffee api` process per test module, on its own table, for tests that need real time."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from config.settings import Settings
from devtools.stack import Endpoints
from runtime.resources import dynamodb_client
from runtime.services import open_services
from tests.api.processes import api_process
from tests.conftest import create_table, make_settings


@dataclass(frozen=True)
class Served:
    base: str
    settings: Settings
    log: Path


async def serve_api(
    endpoints: Endpoints, log_dir: Path, **overrides: object
) -> AsyncIterator[Served]:
    settings = make_settings(
        endpoints, deployment_id=f"hostile-{uuid.uuid4().hex[:8]}", **overrides
    )
    log = log_dir / "api.log"
    async with dynamodb_client(settings) as dynamodb:
        await create_table(dynamodb, settings.table_name)
        try:
            async with open_services(settings):
                pass  # the table is reachable with these settings
            with api_process(settings, log=log) as base:
                yield Served(base=base, settings=settings, log=log)
        finally:
            await dynamodb.delete_table(TableName=settings.table_name)


async def healthz_while(
    http: httpx.AsyncClient, base: str, work: asyncio.Task[httpx.Response]
) -> list[float]:
    """Seconds each /healthz took, asked every 0.1 s while `work` runs."""
    timings: list[float] = []
    while not work.done():
        started = time.monotonic()
        answer = await http.get(f"{base}/healthz", timeout=5)
        assert answer.status_code == 200
        timings.append(time.monotonic() - started)
        await asyncio.sleep(0.1)
    return timings
