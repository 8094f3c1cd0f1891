"""Processes as Linux's /proc shows them: who is whose child, what each runs, its CPU time."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

PROC = Path("/proc")


def _stat(pid: int) -> list[str]:
    # The command name in parentheses may hold spaces; the fields after it do not.
    return (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()


def processes() -> Iterator[int]:
    """Every process id, as listed at the moment of the call."""
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            yield int(entry.name)


def command_line(pid: int) -> list[bytes]:
    """The process's arguments; empty once it has exited."""
    with contextlib.suppress(OSError):
        return (PROC / str(pid) / "cmdline").read_bytes().split(b"\0")
    return []


def children_of(pid: int) -> list[int]:
    found = []
    for each in processes():
        with contextlib.suppress(OSError):
            if int(_stat(each)[1]) == pid:
                found.append(each)
    return found


def cpu_ticks(pid: int) -> int:
    """User and system CPU time in clock ticks (0 once the process has exited)."""
    with contextlib.suppress(OSError):
        fields = _stat(pid)
        return int(fields[11]) + int(fields[12])
    return 0


def spawned_workers(pid: int) -> list[int]:
    """Children started by multiprocessing's spawn (uvicorn's workers), not its helpers."""
    return [
        child
        for child in children_of(pid)
        if any(b"spawn_main" in word for word in command_line(child))
    ]
