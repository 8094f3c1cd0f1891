"""Errors the deployment tools report, each with a code a script can branch on."""

from __future__ import annotations

from enum import StrEnum


class DeployErrorCode(StrEnum):
    FILE_NOT_FOUND = "FILE_NOT_FOUND"
    INVALID_YAML = "INVALID_YAML"
    UNKNOWN_KEY = "UNKNOWN_KEY"
    MISSING_KEY = "MISSING_KEY"
    INVALID_VALUE = "INVALID_VALUE"
    INVALID_CRON = "INVALID_CRON"
    INVALID_TIME_ZONE = "INVALID_TIME_ZONE"
    NAME_MISMATCH = "NAME_MISMATCH"
    TOOL_MISSING = "TOOL_MISSING"
    RENDER_FAILED = "RENDER_FAILED"
    SCHEMA_VIOLATION = "SCHEMA_VIOLATION"
    POLICY_VIOLATION = "POLICY_VIOLATION"
    OVERLAY_OUT_OF_DATE = "OVERLAY_OUT_OF_DATE"
    CRD_NOT_PINNED = "CRD_NOT_PINNED"
    SETTINGS_REFUSED = "SETTINGS_REFUSED"
    ALREADY_EXISTS = "ALREADY_EXISTS"


class DeployError(Exception):
    """An expected failure: `code` for scripts, `problems` (one line each) for people."""

    def __init__(self, code: DeployErrorCode, problems: list[str]) -> None:
        super().__init__(f"{code}: " + "; ".join(problems))
        self.code = code
        self.problems = problems

    def report(self) -> str:
        lines = [f"error {self.code}:"] + [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)
