"""Port checks that fail with a sentence instead of a stack trace."""

from __future__ import annotations

import socket
import time


class PortTakenError(RuntimeError):
    """A service cannot start because something already listens on its port."""

    def __init__(self, *, name: str, port: int, variable: str) -> None:
        super().__init__(
            f"port {port} for {name} is already in use on 127.0.0.1; "
            f"stop what uses it or choose another port with {variable}=<port>"
        )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def is_listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def ensure_free(*, name: str, port: int, variable: str) -> None:
    if is_listening(port):
        raise PortTakenError(name=name, port=port, variable=variable)


def wait_listening(*, name: str, port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if is_listening(port):
            return
        time.sleep(0.1)
    raise TimeoutError(f"{name} did not start listening on 127.0.0.1:{port} within {timeout:.0f}s")
