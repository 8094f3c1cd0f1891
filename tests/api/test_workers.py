"""`vcoffee api` with several worker processes: each serves, with its own event loop."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import Api
from tests.api.processes import API_COMMAND, served
from vcoffee.settings import Settings

ME = "{ me { id profile { name } } }"


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def busy_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


@pytest.mark.slow
@pytest.mark.timeout(90)
async def test_every_worker_process_answers_graphql(
    api: Api, settings: Settings, tmp_path: Path
) -> None:
    ada = await api.person("ada")
    headers = {"authorization": f"Bearer {api.token(ada)}"}
    two = settings.model_copy(update={"api_workers": 2})
    with served(two, log=tmp_path / "api.log", code=API_COMMAND, probe="/healthz") as server:
        workers = children_of(server.pid)
        # uvicorn's supervisor keeps its workers; multiprocessing may add a resource tracker.
        serving = [
            pid for pid in workers if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]
        assert len(serving) == 2, workers
        before = {pid: busy_ticks(pid) for pid in serving}
        async with httpx.AsyncClient(base_url=server.base, timeout=30) as http:

            async def ask() -> None:
                response = await http.post("/graphql", json={"query": ME}, headers=headers)
                assert response.json() == {
                    "data": {"me": {"id": ada.id, "profile": {"name": "ada"}}}
                }

            for _ in range(10):
                await asyncio.gather(*(ask() for _ in range(40)))
        # The kernel spreads connections over both listeners: each worker did work.
        assert all(busy_ticks(pid) > before[pid] for pid in serving)


@pytest.mark.timeout(60)
async def test_one_worker_serves_in_the_process_itself(
    settings: Settings, tmp_path: Path, table: str
) -> None:
    with served(settings, log=tmp_path / "api.log", code=API_COMMAND, probe="/healthz") as server:
        assert not [
            pid
            for pid in children_of(server.pid)
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]
        async with httpx.AsyncClient(base_url=server.base) as http:
            assert (await http.get("/healthz")).json() == {"status": "ok"}
