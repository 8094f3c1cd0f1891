"""Keeps the processes of `vcoffee dev` running: one that exits is started again, with backoff.

Each process runs in a session of its own, its output prefixed with its name, and on Linux is
stopped when the supervisor dies, however it dies (devtools/orphan_guard.py). A process that
keeps failing right after it starts waits longer each time (1 s up to 30 s); one that ran a
minute or more is restarted after a second. Stopping stops them all.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

BACKOFF = (1.0, 2.0, 5.0, 10.0, 30.0)
# A process that ran this long before exiting had started fine: its backoff starts over.
STEADY_AFTER = 60.0
STOP_TIMEOUT = 15.0
ORPHAN_GUARD = Path(__file__).with_name("orphan_guard.py")

Say = Callable[[str], None]


def _say(line: str) -> None:
    sys.stdout.write(line if line.endswith("\n") else line + "\n")
    sys.stdout.flush()


@dataclass
class Program:
    """One supervised process."""

    name: str
    command: Sequence[str]
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    failures: int = 0
    restart_at: float | None = None
    restarts: int = 0
    _reader: threading.Thread | None = field(default=None, repr=False)


class Supervisor:
    """Starts the programs, restarts any that exits, and stops them all on request."""

    def __init__(
        self,
        programs: Mapping[str, Sequence[str]],
        *,
        cwd: Path,
        env: Mapping[str, str],
        say: Say = _say,
        backoff: Sequence[float] = BACKOFF,
    ) -> None:
        self.programs = {name: Program(name=name, command=cmd) for name, cmd in programs.items()}
        self._cwd = cwd
        self._env = dict(env)
        self._say = say
        self._backoff = tuple(backoff)
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._width = max(len(name) for name in self.programs)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Starts every program and the watch that restarts them, in the background."""
        for program in self.programs.values():
            self._spawn(program)
        self._thread = threading.Thread(target=self._watch, name="supervisor", daemon=True)
        self._thread.start()

    def _spawn(self, program: Program) -> None:
        command = list(program.command)
        if sys.platform == "linux":
            # Stopped with us even if we are killed outright (SIGKILL) and cannot stop them.
            command = [sys.executable, str(ORPHAN_GUARD), str(os.getpid()), *command]
        process = subprocess.Popen(
            command,
            cwd=self._cwd,
            env=self._env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            # Its own session: a Ctrl-C in the terminal reaches the supervisor only, which
            # then stops each program, and a program's children stop with it.
            start_new_session=True,
        )
        program.process = process
        program.started_at = time.monotonic()
        program.restart_at = None
        assert process.stdout is not None
        program._reader = threading.Thread(
            target=self._relay, args=(program.name, process.stdout), daemon=True
        )
        program._reader.start()
        self._say(f"{self._label('supervisor')}started {program.name} (pid {process.pid})")

    def _label(self, name: str) -> str:
        return f"{name:<{self._width}} | "

    def _relay(self, name: str, stream: IO[bytes]) -> None:
        for raw in iter(stream.readline, b""):
            self._say(self._label(name) + raw.decode(errors="replace").rstrip("\n"))
        stream.close()

    def _watch(self) -> None:
        while not self._stopping.wait(0.2):
            with self._lock:
                for program in self.programs.values():
                    self._check(program)

    def _check(self, program: Program) -> None:
        now = time.monotonic()
        process = program.process
        if process is not None and process.poll() is not None:
            code = process.returncode
            program.process = None
            ran = now - program.started_at
            program.failures = 0 if ran >= STEADY_AFTER else program.failures + 1
            delay = self._backoff[min(max(program.failures - 1, 0), len(self._backoff) - 1)]
            program.restart_at = now + delay
            self._say(
                f"{self._label('supervisor')}{program.name} exited with code {code} after "
                f"{ran:.0f} s; restarting it in {delay:g} s"
            )
        if program.process is None and program.restart_at is not None and now >= program.restart_at:
            program.restarts += 1
            self._spawn(program)

    def stop(self) -> None:
        """Stops the watch, then every program: SIGTERM, and SIGKILL after a while."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with self._lock:
            running = [p.process for p in self.programs.values() if p.process is not None]
            for process in running:
                _signal_group(process, signal.SIGTERM)
            deadline = time.monotonic() + STOP_TIMEOUT
            for process in running:
                try:
                    process.wait(timeout=max(deadline - time.monotonic(), 0.1))
                except subprocess.TimeoutExpired:
                    _signal_group(process, signal.SIGKILL)
                    process.wait()
            for program in self.programs.values():
                if program._reader is not None:
                    program._reader.join(timeout=2)

    def wait(self) -> None:
        """Blocks until stop() is called (from a signal handler, say)."""
        while not self._stopping.wait(0.5):
            pass


def _signal_group(process: subprocess.Popen[bytes], signum: signal.Signals) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        return
