"""Unknown VCOFFEE_ variables stop the processes at start-up, and every name in use is known."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings import (
    TOOLING_VARIABLES,
    Settings,
    UnknownVariables,
    setting_variables,
    unknown_variables,
)

ROOT = Path(__file__).resolve().parent.parent
NAME = re.compile(r"\bVCOFFEE_[A-Z0-9_]*[A-Z0-9]\b")
SKIPPED_DIRS = {".git", ".venv", ".tools", "node_modules", "dist", ".data", "test-results"}
# Misspellings the tests use on purpose to show they are refused.
DELIBERATELY_UNKNOWN = {"VCOFFEE_EMAIL_FROM", "VCOFFEE_SES_ENABLE", "VCOFFEE_REDIS_ULR"}
SOURCE_SUFFIXES = {".py", ".sh", ".ts", ".tsx", ".mk", ".env", ".yaml", ".yml", ".md", ".toml"}


def run_cli(command: str, *, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vcoffee.cli", command],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.upper().startswith("VCOFFEE_")}


@pytest.mark.parametrize("command", ["api", "worker"])
def test_a_misspelt_variable_stops_the_process_naming_it(command: str) -> None:
    env = {
        **_clean_environment(),
        "VCOFFEE_ENVIRONMENT": "development",
        "VCOFFEE_SES_ENABLE": "true",
        "VCOFFEE_EMAIL_FROM": "coffee@example.com",
    }
    result = run_cli(command, env=env)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "vcoffee: UNKNOWN_SETTING: unknown variables VCOFFEE_EMAIL_FROM, VCOFFEE_SES_ENABLE "
        "(did you mean VCOFFEE_SES_ENABLED?): not a setting of Virtual Coffee "
        "(README, Configuration); remove or correct it"
    )


def test_settings_refuse_an_unknown_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VCOFFEE_ENVIRONMENT", "development")
    monkeypatch.setenv("vcoffee_redis_ulr", "redis://elsewhere:6379/0")
    with pytest.raises(UnknownVariables) as caught:
        Settings()
    assert caught.value.names == ["vcoffee_redis_ulr"]
    assert "did you mean VCOFFEE_REDIS_URL?" in str(caught.value)


def test_settings_and_tooling_variables_are_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VCOFFEE_ENVIRONMENT", "development")
    monkeypatch.setenv("VCOFFEE_DEV_REDIS_PORT", "6390")
    monkeypatch.setenv("VCOFFEE_TEST_REDIS_URL", "redis://127.0.0.1:6390/0")
    monkeypatch.setenv("vcoffee_group_size", "3")
    assert Settings().group_size == 3


def test_unknown_keyword_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="email_from"):
        Settings(environment="development", email_from="x@example.com")


def _names_in_repository() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in ROOT.rglob("*"):
        if path.suffix not in SOURCE_SUFFIXES and path.name != "Makefile":
            continue
        if SKIPPED_DIRS & set(path.relative_to(ROOT).parts):
            continue
        if not path.is_file():
            continue
        for name in NAME.findall(path.read_text(encoding="utf-8", errors="replace")):
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_variable_the_code_and_scripts_use_is_known() -> None:
    found = _names_in_repository()
    unknown = {
        name: sorted(paths)
        for name, paths in found.items()
        if unknown_variables({name: ""}) and name not in DELIBERATELY_UNKNOWN
    }
    assert unknown == {}
    assert set(found) >= DELIBERATELY_UNKNOWN
    # The scan does see both kinds.
    assert "VCOFFEE_TEST_DYNAMODB_ENDPOINT" in found
    assert "VCOFFEE_SES_SENDER" in found
    assert TOOLING_VARIABLES.isdisjoint(setting_variables())


def test_an_invalid_setting_is_named_and_no_value_is_echoed() -> None:
    secret = "a-session-secret-nobody-may-read-0123456789"
    env = {
        **_clean_environment(),
        "VCOFFEE_ENVIRONMENT": "production",
        "VCOFFEE_SESSION_SECRET": secret,
        "VCOFFEE_PORT": "not-a-port",
    }
    result = run_cli("api", env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("vcoffee: invalid configuration:\n")
    assert "VCOFFEE_PORT: Input should be a valid integer" in result.stderr
    assert secret[:8] not in result.stderr
    assert "not-a-port" not in result.stderr
