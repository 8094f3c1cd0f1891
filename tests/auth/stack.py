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

import httpx

from devtools.local_provider import CLIENT_SECRET, local_provider, running_provider
from devtools.processes import stop
from runtime.ports import free_port, wait_listening

ROOT = Path(__file__).resolve().parents[2]
CSRF = {"content-type": "application/json", "x-vcoffee-csrf": "1"}
# People known to the local provider, by subject.
PEOPLE: dict[str, dict[str, object]] = {
    "alice": {"email": "alice@example.com", "email_verified": True, "name": "Alice Example"},
    "bob": {"email": "bob@example.com", "email_verified": True, "name": "Bob Builder"},
    "eve": {"email": "eve@evil.test", "email_verified": True, "name": "Eve"},
    "mallory": {"email": "mallory@example.com", "email_verified": False, "name": "Mallory"},
}


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
                cwd=ROOT,
                env=app_environment(values),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_listening(name="the app", port=port, timeout=60)
                yield Stack(app_url=app_url, issuer=issuer, app_log=log)
            finally:
                stop(process)


async def start_login(browser: httpx.AsyncClient, stack: Stack) -> httpx.Response:
    """Follows /auth/login to the provider's consent form."""
    form = await browser.get(f"{stack.app_url}/auth/login/local", follow_redirects=True)
    assert form.status_code == 200
    assert str(form.url).startswith(stack.issuer)
    return form


async def sign_in(browser: httpx.AsyncClient, stack: Stack, subject: str) -> httpx.Response:
    form = await start_login(browser, stack)
    return await browser.post(str(form.url), data={"sub": subject}, follow_redirects=True)


async def access_token(browser: httpx.AsyncClient, stack: Stack) -> dict[str, str]:
    response = await browser.post(f"{stack.app_url}/auth/refresh", headers=CSRF, content="{}")
    assert response.status_code == 200, response.text
    body: dict[str, str] = response.json()
    return body
