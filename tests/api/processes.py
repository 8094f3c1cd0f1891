"""API processes for tests and benchmarks: `vcoffee api` on a free port, stopped on exit."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from config.settings import Settings
from devtools.processes import stop
from runtime.ports import free_port

START_TIMEOUT = 30.0
API_COMMAND = "from vcoffee.cli import main; raise SystemExit(main(['api']))"


@dataclass(frozen=True)
class Served:
    base: str
    pid: int


def environment(settings: Settings, *, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "VCOFFEE_ENVIRONMENT": settings.environment,
        "VCOFFEE_DEPLOYMENT_ID": settings.deployment_id,
        "VCOFFEE_TABLE_NAME": settings.table_name,
        "VCOFFEE_DYNAMODB_ENDPOINT": settings.dynamodb_endpoint or "",
        "VCOFFEE_REDIS_URL": settings.redis_url,
        "VCOFFEE_SESSION_SECRET": settings.session_secret.get_secret_value(),
        "VCOFFEE_JWT_SIGNING_KEYS": settings.jwt_signing_keys.get_secret_value(),
        "VCOFFEE_PUBLIC_URL": settings.public_url,
        "VCOFFEE_HOST": "127.0.0.1",
        "VCOFFEE_PORT": str(port),
        "VCOFFEE_LOG_LEVEL": "WARNING",
        "VCOFFEE_API_WORKERS": str(settings.api_workers),
        "VCOFFEE_CLIENT_REQUESTS_PER_MINUTE": str(settings.client_requests_per_minute),
        "VCOFFEE_PERSON_REQUESTS_PER_MINUTE": str(settings.person_requests_per_minute),
        "VCOFFEE_SIGN_INS_PER_MINUTE": str(settings.sign_ins_per_minute),
        "VCOFFEE_REFRESHES_PER_MINUTE": str(settings.refreshes_per_minute),
        **_providers(settings),
    }


def _providers(settings: Settings) -> dict[str, str]:
    """The sign-in providers, secrets included, when the settings name any."""
    if not settings.oidc_providers:
        return {}
    providers = []
    for provider in settings.oidc_providers:
        described = provider.model_dump(mode="json")
        described["client_secret"] = provider.client_secret.get_secret_value()
        providers.append(described)
    return {"VCOFFEE_OIDC_PROVIDERS": json.dumps(providers)}


@contextlib.contextmanager
def api_process(settings: Settings, *, log: Path) -> Iterator[str]:
    """Runs `vcoffee api` for `settings`; yields its base URL once /healthz answers."""
    with served(settings, log=log, code=API_COMMAND, probe="/healthz") as server:
        yield server.base


@contextlib.contextmanager
def served(
    settings: Settings, *, log: Path, code: str, probe: str, source: Path | None = None
) -> Iterator[Served]:
    """Runs Python `code` with `settings` in its environment until `probe` answers below 500.

    `source` runs the code of another checkout (a benchmark's baseline) instead of this one.
    """
    port = free_port()
    env = environment(settings, port=port)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    with log.open("ab") as sink:
        process = subprocess.Popen(
            [sys.executable, "-c", code],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            cwd=source,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server process exited; see {log}")
            try:
                if httpx.get(f"{base}{probe}", timeout=1).status_code < 500:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start in {START_TIMEOUT:g} s; see {log}")
            time.sleep(0.1)
        yield Served(base=base, pid=process.pid)
    finally:
        stop(process)
