"""`vcoffee dev`: every process of the product on this machine, kept running by a supervisor."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from config.settings import ROOT, Settings
from devtools import dynamodb_local
from devtools.local_provider import local_provider, provider_command
from devtools.stack import DYNAMODB_HOME, redis_command
from devtools.supervisor import Supervisor
from runtime.ports import ensure_free, wait_listening

DATA = Path(os.environ.get("VCOFFEE_DEV_DATA_DIR", ROOT / ".data")).resolve()


@dataclass(frozen=True)
class DevPorts:
    api: int
    dynamodb: int
    redis: int
    oidc: int
    smtp: int

    @classmethod
    def from_environment(cls) -> DevPorts:
        def port(name: str, default: int) -> int:
            return int(os.environ.get(name, default))

        return cls(
            api=port("VCOFFEE_PORT", 8000),
            dynamodb=port("VCOFFEE_DEV_DYNAMODB_PORT", 8001),
            redis=port("VCOFFEE_DEV_REDIS_PORT", 6380),
            oidc=port("VCOFFEE_DEV_OIDC_PORT", 9400),
            smtp=port("VCOFFEE_DEV_SMTP_PORT", 2525),
        )


def _secret(name: str) -> str:
    """Development secrets are generated once and kept, so sessions survive restarts."""
    path = DATA / "secrets" / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


# People the local provider offers on its sign-in page; the first is the deployment's admin.
DEMO_PEOPLE = (
    {"sub": "admin", "email": "admin@example.com", "name": "Ada Admin"},
    {"sub": "alice", "email": "alice@example.com", "name": "Alice Example"},
    {"sub": "bob", "email": "bob@example.com", "name": "Bob Example"},
    {"sub": "carol", "email": "carol@example.com", "name": "Carol Example"},
)


def dev_environment(ports: DevPorts, redis_url: str) -> dict[str, str]:
    provider = local_provider(issuer=f"http://127.0.0.1:{ports.oidc}")
    providers = json.dumps(
        [
            provider.model_dump(mode="json")
            | {"client_secret": provider.client_secret.get_secret_value()}
        ]
    )
    return {
        "VCOFFEE_ENVIRONMENT": "development",
        "VCOFFEE_DEPLOYMENT_ID": os.environ.get("VCOFFEE_DEPLOYMENT_ID", "default"),
        "VCOFFEE_TABLE_NAME": os.environ.get("VCOFFEE_TABLE_NAME", "virtual-coffee"),
        "VCOFFEE_DYNAMODB_ENDPOINT": f"http://127.0.0.1:{ports.dynamodb}",
        "VCOFFEE_DYNAMODB_TRANSACTION_LIMIT": "10",
        "VCOFFEE_REDIS_URL": redis_url,
        "VCOFFEE_HOST": "127.0.0.1",
        "VCOFFEE_PORT": str(ports.api),
        "VCOFFEE_PUBLIC_URL": f"http://127.0.0.1:{ports.api}",
        "VCOFFEE_SESSION_SECRET": _secret("session"),
        "VCOFFEE_JWT_SIGNING_KEYS": "dev:" + _secret("jwt"),
        "VCOFFEE_OIDC_PROVIDERS": os.environ.get("VCOFFEE_OIDC_PROVIDERS", providers),
        "VCOFFEE_ADMIN_EMAILS": os.environ.get("VCOFFEE_ADMIN_EMAILS", '["admin@example.com"]'),
        "VCOFFEE_SMTP_HOST": "127.0.0.1",
        "VCOFFEE_SMTP_PORT": str(ports.smtp),
        "VCOFFEE_SMTP_SENDER": "virtual-coffee@localhost",
        "VCOFFEE_MAILBOX_DIR": str(DATA / "mailbox"),
        "PYTHONUNBUFFERED": "1",
    }


def _demo_people() -> list[str]:
    arguments = []
    for person in DEMO_PEOPLE:
        claims = person | {"email_verified": True}
        arguments += ["--user-claims", json.dumps(claims)]
    return arguments


def programs(ports: DevPorts, *, own_redis: bool, deployment_id: str) -> dict[str, list[str]]:
    """The command of each process of the local stack, by name."""
    vcoffee = str(Path(sys.executable).with_name("vcoffee"))
    dynamo = dynamodb_local.command(
        home=DYNAMODB_HOME, port=ports.dynamodb, data_dir=DATA / "dynamodb"
    )
    found = {
        "dynamodb": list(dynamo),
        # -W ignore: the provider's own imports warn about deprecations on every start.
        "oidc": [
            sys.executable,
            "-W",
            "ignore",
            *provider_command(port=ports.oidc)[1:],
            *_demo_people(),
        ],
        "mail": [
            sys.executable,
            "-m",
            "devtools.mailcatcher",
            "--host",
            "127.0.0.1",
            "--port",
            str(ports.smtp),
            "--root",
            str(DATA / "mailbox"),
            "--deployment-id",
            deployment_id,
        ],
        "api": [vcoffee, "api"],
        "worker": [vcoffee, "worker"],
    }
    if own_redis:
        found = {"redis": redis_command(port=ports.redis, data_dir=DATA / "redis")} | found
    return found


def _wait_http(url: str, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


def _stop_on_terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def stop_on_signals() -> None:
    """SIGINT (Ctrl-C) and SIGTERM stop the stack. SIGINT is set explicitly: a process started
    in the background of a script inherits it ignored, and Python then leaves it so."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop_on_terminate)


def run_dev() -> int:
    stop_on_signals()
    ports = DevPorts.from_environment()
    redis_url = os.environ.get("REDIS_URL")
    checks = [
        ("the API", ports.api, "VCOFFEE_PORT"),
        ("DynamoDB Local", ports.dynamodb, "VCOFFEE_DEV_DYNAMODB_PORT"),
        ("the OIDC provider", ports.oidc, "VCOFFEE_DEV_OIDC_PORT"),
        ("the mail catcher", ports.smtp, "VCOFFEE_DEV_SMTP_PORT"),
    ]
    if redis_url is None:
        checks.append(("Redis", ports.redis, "VCOFFEE_DEV_REDIS_PORT"))
    for name, port, variable in checks:
        ensure_free(name=name, port=port, variable=variable)
    dynamodb_local.install(DYNAMODB_HOME)
    for folder in ("dynamodb", "redis", "mailbox"):
        (DATA / folder).mkdir(parents=True, exist_ok=True)
    environment = dev_environment(ports, redis_url or f"redis://127.0.0.1:{ports.redis}/0")
    supervisor = Supervisor(
        programs(
            ports,
            own_redis=redis_url is None,
            deployment_id=environment["VCOFFEE_DEPLOYMENT_ID"],
        ),
        cwd=ROOT,
        env=os.environ | environment,
    )
    supervisor.start()
    try:
        wait_listening(name="DynamoDB Local", port=ports.dynamodb, timeout=60)
        os.environ.update(environment)
        from runtime.bootstrap import bootstrap

        created = asyncio.run(bootstrap(Settings()))
        _wait_http(f"http://127.0.0.1:{ports.api}/readyz", timeout=60)
        print(
            f"\nVirtual Coffee is running at http://127.0.0.1:{ports.api}/ "
            f"({'new' if created else 'existing'} data in {DATA}); a process that stops is "
            "started again; Ctrl-C stops everything.\n",
            flush=True,
        )
        supervisor.wait()
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        supervisor.stop()
