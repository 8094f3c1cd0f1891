"""The metrics endpoint: its own port, so the public listener never serves it."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from prometheus_client import start_http_server

log = logging.getLogger(__name__)


@contextlib.contextmanager
def metrics_server(*, host: str, port: int | None) -> Iterator[int | None]:
    """Serves /metrics on host:port while the block runs; yields the bound port (None: off)."""
    if port is None:
        yield None
        return
    server, thread = start_http_server(port, addr=host)
    bound = int(server.server_port)
    log.info("metrics served", extra={"host": host, "port": bound})
    try:
        yield bound
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
