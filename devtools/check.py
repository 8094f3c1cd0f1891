"""`vcoffee check` (what `make test` runs): services up, every check, services down."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from config.settings import ROOT
from devtools.stack import test_services

BIN = Path(sys.executable).parent
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


def steps() -> list[Step]:
    sources = [name for name in PYTHON_SOURCES if (ROOT / name).exists()]
    frontend = ROOT / "frontend"
    found = [
        Step("ruff", [str(BIN / "ruff"), "check", *sources]),
        Step("ruff-format", [str(BIN / "ruff"), "format", "--check", *sources]),
        Step("mypy", [str(BIN / "mypy"), *sources]),
        Step(
            "pytest",
            [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", "--ignore=tests/e2e"],
            needs_services=True,
        ),
    ]
    if (ROOT / "tests" / "e2e").is_dir():
        # Browser tests drive their own event loop, so they run in a pytest of their own.
        found.append(
            Step("browser", [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", "tests/e2e"])
        )
    if (frontend / "package.json").exists():
        found += [
            Step("frontend-codegen", ["npm", "run", "--silent", "codegen:check"], cwd=frontend),
            Step("frontend-unit", ["npm", "run", "--silent", "test"], cwd=frontend),
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


def run_checks(*, only: list[str] | None) -> int:
    selected = [step for step in steps() if not only or step.name in only]
    failed: list[str] = []
    env = dict(os.environ)
    plain = [step for step in selected if not step.needs_services]
    with_services = [step for step in selected if step.needs_services]
    for step in plain:
        if not _run(step, env):
            failed.append(step.name)
    if with_services:
        with (
            tempfile.TemporaryDirectory(prefix="vcoffee-services-") as logs,
            test_services(log_dir=Path(logs)) as endpoints,
        ):
            env["VCOFFEE_TEST_DYNAMODB_ENDPOINT"] = endpoints.dynamodb_url
            env["VCOFFEE_TEST_REDIS_URL"] = endpoints.redis_url
            for step in with_services:
                if not _run(step, env):
                    failed.append(step.name)
    passed = len(selected) - len(failed)
    if failed:
        print(f"\nchecks failed: {', '.join(failed)}", file=sys.stderr)
    print(f"\nchecks: {passed} passed, {len(failed)} failed", flush=True)
    return 1 if failed else 0
