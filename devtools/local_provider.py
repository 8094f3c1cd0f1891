"""The local OpenID Connect provider for development and tests, run as its own process.

It is oidc-provider-mock (a dev dependency) on 127.0.0.1: sign-in goes through exactly the
code path of Google or a corporate SSO. Start it with `python -m devtools.local_provider` and set

    VCOFFEE_OIDC_PROVIDERS='[{"name":"local","label":"Local sign-in",
      "issuer":"http://127.0.0.1:9400","client_id":"vcoffee-local"}]'
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
from pydantic import SecretStr

from config.settings import OidcProvider
from devtools.processes import stop
from runtime.ports import free_port, wait_listening

DEFAULT_PORT = 9400
CLIENT_ID = "vcoffee-local"
# The local provider accepts any secret; one is sent because it accepts no public clients.
CLIENT_SECRET = "vcoffee-local-secret"  # noqa: S105


def provider_command(*, port: int) -> list[str]:
    # Loopback only, and nonce required, as a real provider would honour it.
    return [
        sys.executable,
        "-m",
        "oidc_provider_mock",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--require-nonce",
    ]


def local_provider(*, issuer: str) -> OidcProvider:
    return OidcProvider(
        name="local",
        label="Local sign-in",
        issuer=issuer,
        client_id=CLIENT_ID,
        client_secret=SecretStr(CLIENT_SECRET),
    )


def put_user(*, issuer: str, subject: str, claims: dict[str, object]) -> None:
    """Defines a person at the local provider, with the claims its id_tokens will carry."""
    response = httpx.put(f"{issuer}/users/{subject}", json=claims, timeout=10)
    response.raise_for_status()


@contextlib.contextmanager
def running_provider(*, log: Path, port: int | None = None) -> Iterator[str]:
    """Starts the provider on a free loopback port; yields its issuer URL."""
    chosen = port or free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            provider_command(port=chosen), stdout=output, stderr=subprocess.STDOUT
        )
        try:
            wait_listening(name="local OpenID provider", port=chosen, timeout=30)
            yield f"http://127.0.0.1:{chosen}"
        finally:
            stop(process)


def main() -> None:
    issuer = f"http://127.0.0.1:{DEFAULT_PORT}"
    print(json.dumps([local_provider(issuer=issuer).model_dump(mode="json")]))
    subprocess.run(provider_command(port=DEFAULT_PORT), check=False)


if __name__ == "__main__":
    main()
