"""`vcoffee check` (what `make test` runs): services up, every check, services down."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from config.settings import ROOT
from devtools.stack import test_services

BIN = Path(sys.executable).parent
PYTEST = ["-q", "-p", "no:cacheprovider"]
PYTHON_SOURCES = [
    "core",
    "config",
    "metrics",
    "runtime",
    "api",
    "devtools",
    "vcoffee",
    "schema",
    "resolvers",
    "repositories",
    "workers",
    "rounds",
    "matching",
    "notifications",
    "auth",
    "deploy",
    "tests",
    "bench",
]


@dataclass(frozen=True)
class Step:
    name: str
    command: Sequence[str]
    cwd: Path = ROOT
    needs_services: bool = False
    # Runs beside the steps that need services, its output printed once they end: computation
    # alone, which uses the core those steps leave idle while they wait on their services.
    # Such steps run one after another, in the order listed.
    beside_services: bool = False


def steps() -> list[Step]:
    sources = [name for name in PYTHON_SOURCES if (ROOT / name).exists()]
    frontend = ROOT / "frontend"
    found = [
        Step("ruff", [str(BIN / "ruff"), "check", *sources]),
        Step("ruff-format", [str(BIN / "ruff"), "format", "--check", *sources]),
        Step("mypy", [str(BIN / "mypy"), *sources]),
        Step(
            "pytest",
            [
                str(BIN / "pytest"),
                *PYTEST,
                "--ignore=tests/e2e",
                "--ignore=tests/matching",
            ],
            needs_services=True,
        ),
        # The matcher's tests need no service and take two minutes of one core.
        Step(
            "pytest-matching",
            [str(BIN / "pytest"), *PYTEST, "tests/matching"],
            beside_services=True,
        ),
    ]
    if (ROOT / "tests" / "e2e").is_dir():
        # Browser tests drive their own event loop, so they run in a pytest of their own.
        found.append(Step("browser", [str(BIN / "pytest"), *PYTEST, "tests/e2e"]))
    if (frontend / "package.json").exists():
        found += [
            Step("frontend-codegen", ["npm", "run", "--silent", "codegen:check"], cwd=frontend),
            # Computation alone (jsdom), like the matcher's tests: after them, beside pytest.
            Step(
                "frontend-unit",
                ["npm", "run", "--silent", "test"],
                cwd=frontend,
                beside_services=True,
            ),
            Step("frontend-bundle", ["npm", "run", "--silent", "check:bundle"], cwd=frontend),
        ]
    return found


def _run(step: Step, env: dict[str, str]) -> bool:
    print(f"\n==> {step.name}: {' '.join(step.command)}", flush=True)
    started = time.monotonic()
    result = subprocess.run(step.command, cwd=step.cwd, env=env, check=False)
    elapsed = time.monotonic() - started
    verdict = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
    print(f"<== {step.name}: {verdict} in {elapsed:.1f}s", flush=True)
    return result.returncode == 0


class _Beside:
    """Steps run one after another in the background, so at most one of them shares the cores
    with the service steps; each one's output waits in a file until it is reported."""

    def __init__(self, steps: Sequence[Step], env: dict[str, str], folder: Path) -> None:
        self.steps = list(steps)
        self.folder = folder
        self.codes: dict[str, int] = {}
        self.elapsed: dict[str, float] = {}
        self._current: subprocess.Popen[bytes] | None = None
        self._stopped = False
        self._lock = threading.Lock()
        for step in self.steps:
            print(f"\n==> {step.name} (beside the next steps): {' '.join(step.command)}")
        sys.stdout.flush()
        self._thread = threading.Thread(target=self._run_all, args=(env,), daemon=True)
        self._thread.start()

    def _run_all(self, env: dict[str, str]) -> None:
        for step in self.steps:
            with self._lock:
                if self._stopped:
                    return
                started = time.monotonic()
                with (self.folder / f"{step.name}.log").open("wb") as sink:
                    process = subprocess.Popen(
                        step.command, cwd=step.cwd, env=env, stdout=sink, stderr=subprocess.STDOUT
                    )
                self._current = process
            self.codes[step.name] = process.wait()
            self.elapsed[step.name] = time.monotonic() - started

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            process = self._current
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def report(self) -> list[str]:
        """Prints each step's output and verdict; the names of those that failed."""
        self._thread.join()
        failed = []
        for step in self.steps:
            print(f"\n==> {step.name}: its output", flush=True)
            output = self.folder / f"{step.name}.log"
            if output.exists():
                sys.stdout.buffer.write(output.read_bytes())
                sys.stdout.flush()
            code = self.codes.get(step.name)
            verdict = "ok" if code == 0 else f"FAILED (exit {code})"
            print(f"<== {step.name}: {verdict} in {self.elapsed.get(step.name, 0.0):.1f}s")
            if code != 0:
                failed.append(step.name)
        sys.stdout.flush()
        return failed


def run_checks(*, only: list[str] | None) -> int:
    selected = [step for step in steps() if not only or step.name in only]
    failed: list[str] = []
    env = dict(os.environ)
    with_services = [step for step in selected if step.needs_services]
    # With nothing to run beside, such a step runs in turn like the others.
    beside = [step for step in selected if step.beside_services and with_services]
    plain = [step for step in selected if not step.needs_services and step not in beside]
    for step in plain:
        if not _run(step, env):
            failed.append(step.name)
    if with_services:
        with (
            tempfile.TemporaryDirectory(prefix="vcoffee-services-") as logs,
            test_services(log_dir=Path(logs)) as endpoints,
        ):
            alongside = _Beside(beside, dict(env), Path(logs)) if beside else None
            env["VCOFFEE_TEST_DYNAMODB_ENDPOINT"] = endpoints.dynamodb_url
            env["VCOFFEE_TEST_REDIS_URL"] = endpoints.redis_url
            try:
                for step in with_services:
                    if not _run(step, env):
                        failed.append(step.name)
                if alongside is not None:
                    failed += alongside.report()
            finally:
                if alongside is not None:
                    alongside.stop()
    passed = len(selected) - len(failed)
    if failed:
        print(f"\nchecks failed: {', '.join(failed)}", file=sys.stderr)
    print(f"\nchecks: {passed} passed, {len(failed)} failed", flush=True)
    return 1 if failed else 0
