"""The dev stack's programs stop with the supervisor, even when it is killed outright."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable

from config.settings import ROOT
from devtools.supervisor import ORPHAN_GUARD
from tests.procfs import command_line, processes

SUPERVISE = """
import os, sys, time
from pathlib import Path
from devtools.supervisor import Supervisor
sleeper = [sys.executable, "-c", "import time; time.sleep(300)  # " + sys.argv[1]]
supervisor = Supervisor({"sleeper": sleeper}, cwd=Path.cwd(), env=dict(os.environ),
                        say=lambda line: None)
supervisor.start()
print("ready", flush=True)
time.sleep(300)
"""


def marked(marker: str, *, besides: int) -> list[int]:
    """Processes other than `besides` with `marker` in their arguments."""
    return [
        pid
        for pid in processes()
        if pid != besides and any(marker.encode() in part for part in command_line(pid))
    ]


def until(check: Callable[[], bool], *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def test_a_program_stops_when_its_supervisor_is_killed_outright() -> None:
    marker = f"supervised-{uuid.uuid4().hex}"
    supervisor = subprocess.Popen(
        [sys.executable, "-c", SUPERVISE, marker], cwd=ROOT, stdout=subprocess.PIPE
    )
    try:
        assert supervisor.stdout is not None
        assert supervisor.stdout.readline().strip() == b"ready"
        assert until(lambda: len(marked(marker, besides=supervisor.pid)) == 1, timeout=10)
        supervisor.send_signal(signal.SIGKILL)
        supervisor.wait()
        assert until(lambda: not marked(marker, besides=supervisor.pid), timeout=10)
    finally:
        supervisor.kill()
        supervisor.wait()
        if supervisor.stdout is not None:
            supervisor.stdout.close()
        for pid in marked(marker, besides=supervisor.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_a_command_whose_parent_is_already_gone_is_not_run(tmp_path: os.PathLike[str]) -> None:
    witness = os.path.join(tmp_path, "ran")
    gone = subprocess.run(
        [sys.executable, str(ORPHAN_GUARD), "999999999", "touch", witness], check=False
    )
    assert gone.returncode == 1
    assert not os.path.exists(witness)
    alive = subprocess.run(
        [sys.executable, str(ORPHAN_GUARD), str(os.getpid()), "touch", witness], check=False
    )
    assert alive.returncode == 0
    assert os.path.exists(witness)
