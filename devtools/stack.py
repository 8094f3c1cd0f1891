"""Starts DynamoDB Local and a private Redis as child processes and stops them on exit."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from config.settings import ROOT
from devtools import dynamodb_local
from devtools.processes import stop
from runtime.ports import free_port, wait_listening

DYNAMODB_HOME = ROOT / ".tools" / "dynamodb-local"


@dataclass(frozen=True)
class Endpoints:
    dynamodb_url: str
    redis_url: str


def redis_command(*, port: int, data_dir: Path | None) -> list[str]:
    server = shutil.which("redis-server")
    if server is None:
        raise RuntimeError("redis-server is required (or set REDIS_URL to a running Redis)")
    persistence = (
        ["--save", "", "--appendonly", "no"]
        if data_dir is None
        else ["--appendonly", "yes", "--dir", str(data_dir)]
    )
    return [
        server,
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--protected-mode",
        "yes",
        *persistence,
    ]


@contextlib.contextmanager
def _process(command: list[str], *, name: str, port: int, log: Path) -> Iterator[None]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    try:
        wait_listening(name=name, port=port)
        yield
    finally:
        stop(process)


@contextlib.contextmanager
def test_services(*, log_dir: Path) -> Iterator[Endpoints]:
    """In-memory DynamoDB Local and Redis on free ports, for one test run."""
    home = dynamodb_local.install(DYNAMODB_HOME)
    with contextlib.ExitStack() as stack:
        dynamo_port = free_port()
        stack.enter_context(
            _process(
                dynamodb_local.command(home=home, port=dynamo_port, data_dir=None),
                name="DynamoDB Local",
                port=dynamo_port,
                log=log_dir / "dynamodb.log",
            )
        )
        redis_url = os.environ.get("REDIS_URL")
        if redis_url is None:
            redis_port = free_port()
            stack.enter_context(
                _process(
                    redis_command(port=redis_port, data_dir=None),
                    name="Redis",
                    port=redis_port,
                    log=log_dir / "redis.log",
                )
            )
            redis_url = f"redis://127.0.0.1:{redis_port}/0"
        yield Endpoints(dynamodb_url=f"http://127.0.0.1:{dynamo_port}", redis_url=redis_url)
