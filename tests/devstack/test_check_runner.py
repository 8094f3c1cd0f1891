"""`vcoffee check` runs a step marked beside_services at the same time as the service steps."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from devtools import check
from devtools.check import Step

# Waits for a file the service step writes: it ends well only if both run at the same time.
WAITS_FOR_FLAG = """
import pathlib, sys, time
flag = pathlib.Path(sys.argv[1])
for _ in range(400):
    if flag.exists():
        print("saw the flag")
        sys.exit(0)
    time.sleep(0.05)
sys.exit(2)
"""


def test_a_beside_step_runs_while_the_service_steps_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    flag = f"{tmp_path}/flag"
    steps = [
        Step("waits", [sys.executable, "-c", WAITS_FOR_FLAG, flag], beside_services=True),
        Step(
            "writes",
            [sys.executable, "-c", f"import pathlib; pathlib.Path({flag!r}).touch()"],
            needs_services=True,
        ),
    ]
    monkeypatch.setattr(check, "steps", lambda: steps)
    assert check.run_checks(only=None) == 0
    printed = capfd.readouterr().out
    assert "saw the flag" in printed
    assert "<== waits: ok" in printed
    assert "checks: 2 passed, 0 failed" in printed


def test_a_failing_beside_step_fails_the_checks(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    steps = [
        Step("fails", [sys.executable, "-c", "import sys; sys.exit(3)"], beside_services=True),
        Step("passes", [sys.executable, "-c", "pass"], needs_services=True),
    ]
    monkeypatch.setattr(check, "steps", lambda: steps)
    assert check.run_checks(only=None) == 1
    printed = capfd.readouterr()
    assert "<== fails: FAILED (exit 3)" in printed.out
    assert "checks failed: fails" in printed.err


def test_alone_a_beside_step_runs_in_turn(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    steps = [Step("alone", [sys.executable, "-c", "print('ran')"], beside_services=True)]
    monkeypatch.setattr(check, "steps", lambda: steps)
    assert check.run_checks(only=None) == 0
    printed = capfd.readouterr().out
    assert "ran" in printed
    assert "<== alone: ok" in printed


FIRST = """
import pathlib, sys, time
pathlib.Path(sys.argv[1]).touch()
time.sleep(0.5)
sys.exit(4 if pathlib.Path(sys.argv[2]).exists() else 0)
"""
SECOND = """
import pathlib, sys
if not pathlib.Path(sys.argv[1]).exists():
    sys.exit(5)
pathlib.Path(sys.argv[2]).touch()
"""
SERVICE_WAITS = """
import pathlib, sys, time
for _ in range(400):
    if pathlib.Path(sys.argv[1]).exists():
        sys.exit(0)
    time.sleep(0.05)
sys.exit(2)
"""


def test_beside_steps_run_one_after_another_while_the_service_steps_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    # The second starts only once the first ended (the first fails if the second's file appears
    # while it runs); both end while the service step waits for the second's file.
    first, second = f"{tmp_path}/first", f"{tmp_path}/second"
    steps = [
        Step("one", [sys.executable, "-c", FIRST, first, second], beside_services=True),
        Step("two", [sys.executable, "-c", SECOND, first, second], beside_services=True),
        Step("service", [sys.executable, "-c", SERVICE_WAITS, second], needs_services=True),
    ]
    monkeypatch.setattr(check, "steps", lambda: steps)
    assert check.run_checks(only=None) == 0
    printed = capfd.readouterr().out
    assert "<== one: ok" in printed
    assert "<== two: ok" in printed
    assert printed.index("<== one: ok") < printed.index("<== two: ok")
    assert "checks: 3 passed, 0 failed" in printed
