"""The local stack is safe: loopback only, hardened log4j, ports that explain themselves."""

from __future__ import annotations

import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from devtools.dynamodb_local import JNDI_LOOKUP
from devtools.stack import DYNAMODB_HOME, Endpoints
from runtime.ports import PortTakenError, ensure_free, free_port

VCOFFEE = str(Path(sys.executable).with_name("vcoffee"))


def _non_loopback_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: nothing is sent for a UDP connect
        except OSError:
            return None
        address: str = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def test_dynamodb_local_log4j_has_no_jndi_lookup() -> None:
    jars = list((DYNAMODB_HOME / "DynamoDBLocal_lib").glob("log4j-core-*.jar"))
    assert jars, "DynamoDB Local is not installed"
    for jar in jars:
        assert JNDI_LOOKUP not in zipfile.ZipFile(jar).namelist()


def test_dynamodb_local_listens_on_loopback_only(endpoints: Endpoints) -> None:
    port = int(endpoints.dynamodb_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
    address = _non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address to probe from")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as outside:
        outside.settimeout(2)
        assert outside.connect_ex((address, port)) != 0


def test_a_taken_port_gives_a_sentence_naming_the_variable() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(PortTakenError, match=f"port {port} for the API .* VCOFFEE_PORT="):
            ensure_free(name="the API", port=port, variable="VCOFFEE_PORT")


def test_the_api_command_refuses_a_taken_port_without_a_traceback() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = subprocess.run(
            [VCOFFEE, "api"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={
                "VCOFFEE_ENVIRONMENT": "development",
                "VCOFFEE_PORT": str(port),
                "PATH": "/usr/bin:/bin",
            },
        )
    assert result.returncode == 1
    assert f"port {port} for the API is already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_free_port_is_free() -> None:
    port = free_port()
    ensure_free(name="anything", port=port, variable="X")


def test_help_lists_every_command() -> None:
    result = subprocess.run([VCOFFEE, "--help"], capture_output=True, text=True, check=True)
    for command in ("dev", "api", "worker", "match", "create-table", "export-schema", "check"):
        assert command in result.stdout


def test_production_refuses_placeholder_secrets() -> None:
    result = subprocess.run(
        [VCOFFEE, "create-table"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"VCOFFEE_ENVIRONMENT": "production", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "VCOFFEE_SESSION_SECRET is a placeholder" in result.stderr
