"""Ending a child process: a polite signal first, then a kill when it does not listen."""

from __future__ import annotations

import subprocess


def stop(process: subprocess.Popen[bytes], *, grace: float = 10.0) -> None:
    """Terminates `process` and waits; kills it when it is still running after `grace` seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
