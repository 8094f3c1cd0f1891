"""`make dev` starts a crashed component again instead of stopping everything."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis

from tests.devstack.running import dev_ports_env, start_dev
from tests.procfs import children_of, command_line


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        for child in children_of(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def child_running(stack_pid: int, word: bytes) -> int | None:
    """The pid of the dev stack's process with `word` as an argument or as its program's name."""
    for child in descendants(stack_pid):
        parts = command_line(child)
        # Redis rewrites its title into one argument: "/usr/bin/redis-server 127.0.0.1:port".
        program = parts[0].split(b" ")[0].rsplit(b"/", 1)[-1] if parts else b""
        if word in parts or program == word:
            return child
    return None


async def until(check: Callable[[], bool], *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"not reached within {timeout:g} s")


@pytest.mark.slow
@pytest.mark.timeout(300)
async def test_a_killed_worker_and_a_killed_redis_are_started_again(tmp_path: Path) -> None:
    ports = dev_ports_env()
    stack = start_dev(data_dir=tmp_path / "data", ports=ports)
    try:
        worker = child_running(stack.process.pid, b"worker")
        redis_pid = child_running(stack.process.pid, b"redis-server")
        assert worker is not None
        assert redis_pid is not None
        redis = Redis.from_url(stack.redis_url)
        try:
            await redis.set("vcoffee:default:kept", b"yes")
            await redis.execute_command("BGREWRITEAOF")
            await asyncio.sleep(1)

            os.kill(worker, signal.SIGKILL)
            os.kill(redis_pid, signal.SIGKILL)
            await until(
                lambda: child_running(stack.process.pid, b"worker") not in (None, worker),
                timeout=30,
            )
            await until(
                lambda: child_running(stack.process.pid, b"redis-server") not in (None, redis_pid),
                timeout=30,
            )

            assert stack.process.poll() is None  # the stack itself kept running
            for _ in range(50):
                try:
                    if await redis.ping():
                        break
                except OSError:
                    pass
                await asyncio.sleep(0.2)
            assert await redis.get("vcoffee:default:kept") == b"yes"
        finally:
            await redis.aclose()
        async with httpx.AsyncClient(base_url=stack.url) as http:
            assert (await http.get("/readyz")).json() == {"status": "ready"}
        log = "".join(stack.output)
        assert "worker exited with code -9" in log
        assert "redis exited with code -9" in log
        assert "restarting it in 1 s" in log
    finally:
        assert stack.stop() == 0
    for name in ("VCOFFEE_PORT", "VCOFFEE_DEV_REDIS_PORT"):
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", int(ports[name]))) != 0, name
