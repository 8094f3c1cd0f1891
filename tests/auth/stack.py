"""The local OpenID provider and the app, each a real process on a free loopback port."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auth.local_provider import CLIENT_SECRET, local_provider, running_provider
from vcoffee.devstack.ports import free_port, wait_listening

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Stack:
    app_url: str
    issuer: str
    app_log: Path


def app_environment(values: dict[str, Any]) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("VCOFFEE_")}
    for name, value in values.items():
        text = value if isinstance(value, str) else json.dumps(value)
        env[f"VCOFFEE_{name.upper()}"] = text
    return env


@contextlib.contextmanager
def running_stack(*, log_dir: Path, settings: dict[str, Any]) -> Iterator[Stack]:
    with running_provider(log=log_dir / "provider.log") as issuer:
        port = free_port()
        app_url = f"http://127.0.0.1:{port}"
        values = {
            **settings,
            "port": str(port),
            "public_url": app_url,
            "oidc_providers": [local_provider(issuer=issuer).model_dump(mode="json")],
        }
        values["oidc_providers"][0]["client_secret"] = CLIENT_SECRET
        log = log_dir / "app.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "tests.auth.app_server"],
                cwd=ROOT, env=app_environment(values), stdout=output, stderr=subprocess.STDOUT,
            )
            try:
                wait_listening(name="the app", port=port, timeout=60)
                yield Stack(app_url=app_url, issuer=issuer, app_log=log)
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
