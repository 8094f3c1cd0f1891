"""DynamoDB going away: SERVICE_UNAVAILABLE, fast once the breaker opens, then recovery."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.errors import ErrorCode, ServiceUnavailable
from devtools import dynamodb_local
from devtools.processes import stop
from devtools.stack import DYNAMODB_HOME, Endpoints
from repositories.breaker import BreakerState, CircuitBreaker
from repositories.bundle import Repositories
from runtime.ports import free_port, wait_listening
from runtime.resources import dynamodb_client
from tests.conftest import create_table, make_settings
from tests.repositories.conftest import CURSOR_SECRET, LOCAL_TRANSACTION_LIMIT, register


def state_of(breaker: CircuitBreaker) -> BreakerState:
    """Read afresh each time (the state moves with the clock)."""
    return breaker.state


class LocalDynamo:
    """A DynamoDB Local of this test alone, on disk so its data outlives a restart."""

    def __init__(self, *, data_dir: Path, log: Path) -> None:
        self.port = free_port()
        self.data_dir = data_dir
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = dynamodb_local.command(home=DYNAMODB_HOME, port=self.port, data_dir=self.data_dir)
        with self.log.open("ab") as sink:
            self.process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
        wait_listening(name="DynamoDB Local", port=self.port)

    def stop(self) -> None:
        if self.process is None:
            return
        stop(self.process)
        self.process = None


@contextlib.contextmanager
def local_dynamo(tmp_path: Path) -> Iterator[LocalDynamo]:
    server = LocalDynamo(data_dir=tmp_path, log=tmp_path / "dynamodb.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.slow
async def test_an_outage_gives_service_unavailable_then_recovers(
    tmp_path: Path, endpoints: Endpoints
) -> None:
    with local_dynamo(tmp_path) as server:
        settings = make_settings(
            Endpoints(dynamodb_url=f"http://127.0.0.1:{server.port}", redis_url=endpoints.redis_url)
        )
        breaker = CircuitBreaker(failure_threshold=2, reset_after=1.0)
        async with dynamodb_client(settings) as client:
            await create_table(client, settings.table_name)
            repos = Repositories.create(
                client=client,
                table_name=settings.table_name,
                deployment_id="team-a",
                cursor_secret=CURSOR_SECRET,
                breaker=breaker,
                transaction_limit=LOCAL_TRANSACTION_LIMIT,
            )
            ada = await register(repos, "ada")

            server.stop()
            for _ in range(2):
                with pytest.raises(ServiceUnavailable) as down:
                    await repos.users.get(user_id=ada.id)
                assert down.value.code is ErrorCode.SERVICE_UNAVAILABLE
            assert state_of(breaker) is BreakerState.OPEN

            started = time.monotonic()
            with pytest.raises(ServiceUnavailable):
                await repos.users.get(user_id=ada.id)
            assert time.monotonic() - started < 0.05  # refused without touching the network

            server.start()
            await asyncio.sleep(breaker.reset_after)  # then one trial call may pass
            assert await repos.users.get(user_id=ada.id) == ada
            assert state_of(breaker) is BreakerState.CLOSED
