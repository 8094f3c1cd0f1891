"""`vcoffee match` as its own process: what it prints and its exit status, as run in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.matching.helpers import instance, people, run_command

VCOFFEE = str(Path(sys.executable).with_name("vcoffee"))


def run_process(raw: dict[str, Any], tmp_path: Path) -> tuple[int, str, str]:
    path = tmp_path / "process.json"
    path.write_text(json.dumps(raw))
    # Buffered output, as a deployment has it: what the process holds must still be written.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    done = subprocess.run(
        [VCOFFEE, "match", "--input", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    "raw",
    [
        instance(participants=people(41, timezone="Asia/Kathmandu", availability=["mon-09"])),
        instance(group_size=3, participants=people(12), blocks=[["u0", "u1"]]),
        instance(participants=people(3, timezone="Mars/Base")),
    ],
    ids=["pairs", "trios with a block", "unknown zone"],
)
def test_the_process_prints_what_the_function_returns(raw: dict[str, Any], tmp_path: Path) -> None:
    status, stdout, stderr = run_process(raw, tmp_path)
    assert (status, stdout, stderr) == run_command(raw, tmp_path)
    assert stdout or stderr
