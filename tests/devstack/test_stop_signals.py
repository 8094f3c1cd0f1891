"""`vcoffee dev` stops on SIGINT even when it was started with SIGINT ignored."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from config.settings import ROOT

CHILD = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a script's background job starts
from devtools.dev import stop_on_signals
stop_on_signals()
try:
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    time.sleep(5)
except KeyboardInterrupt:
    print("stopping", flush=True)
"""


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_the_stack_stops_on_a_signal_even_when_it_was_started_ignoring_sigint(name: str) -> None:
    assert signal.Signals[name]
    ran = subprocess.run(
        [sys.executable, "-c", CHILD, name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert ran.stdout.strip() == "stopping", ran.stderr
