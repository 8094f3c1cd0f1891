"""Redis servers of a test's own, which it may kill and start again on the same port."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from tests.faults.stack import Service, redis, stack


@contextlib.contextmanager
def private_redis(root: Path, name: str) -> Iterator[Service]:
    folder = root / name
    folder.mkdir()
    with stack(folder) as running:
        yield running.add(redis(folder))


def redis_url(server: Service) -> str:
    return f"redis://127.0.0.1:{server.port}/0"
