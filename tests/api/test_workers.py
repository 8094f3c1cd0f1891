"""`vcoffee api` with several worker processes: each serves, with its own event loop."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from config.settings import Settings
from tests.api.conftest import Api
from tests.api.processes import API_COMMAND, served
from tests.procfs import children_of, cpu_ticks, spawned_workers

ME = "{ me { id profile { name } } }"


@pytest.mark.slow
@pytest.mark.timeout(90)
async def test_every_worker_process_answers_graphql(
    api: Api, settings: Settings, tmp_path: Path
) -> None:
    ada = await api.person("ada")
    headers = {"authorization": f"Bearer {api.token(ada)}"}
    two = settings.model_copy(update={"api_workers": 2})
    with served(two, log=tmp_path / "api.log", code=API_COMMAND, probe="/healthz") as server:
        # uvicorn's supervisor keeps its workers; multiprocessing may add a resource tracker.
        serving = spawned_workers(server.pid)
        assert len(serving) == 2, children_of(server.pid)
        before = {pid: cpu_ticks(pid) for pid in serving}
        async with httpx.AsyncClient(base_url=server.base, timeout=30) as http:

            async def ask() -> None:
                response = await http.post("/graphql", json={"query": ME}, headers=headers)
                assert response.json() == {
                    "data": {"me": {"id": ada.id, "profile": {"name": "ada"}}}
                }

            for _ in range(10):
                await asyncio.gather(*(ask() for _ in range(40)))
        # The kernel spreads connections over both listeners: each worker did work.
        assert all(cpu_ticks(pid) > before[pid] for pid in serving)


@pytest.mark.timeout(60)
async def test_one_worker_serves_in_the_process_itself(
    settings: Settings, tmp_path: Path, table: str
) -> None:
    with served(settings, log=tmp_path / "api.log", code=API_COMMAND, probe="/healthz") as server:
        assert spawned_workers(server.pid) == []
        async with httpx.AsyncClient(base_url=server.base) as http:
            assert (await http.get("/healthz")).json() == {"status": "ok"}
