"""Runs a command that is stopped (SIGTERM) when the process that started it dies.

    python devtools/orphan_guard.py PARENT_PID COMMAND...

Linux's PR_SET_PDEATHSIG is set, then the command replaces this process (same pid), and the
setting carries over. `vcoffee dev` starts its programs in sessions of their own, so without
it a supervisor killed outright (SIGKILL, an OOM kill) left its API, worker, DynamoDB Local
and Redis running. A parent already gone by the time the setting is made is noticed, and the
command is not run.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def main(argv: list[str]) -> int:
    parent, command = int(argv[0]), argv[1:]
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    if os.getppid() != parent:
        return 1  # the parent died before the setting took hold
    os.execvp(command[0], command)  # noqa: S606 - the command as given, as Popen would run it
    return 127  # not reached: execvp returns only by raising


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
