"""Turning pydantic's validation errors into one coded deployment error."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from deploy.tools.errors import DeployError, DeployErrorCode

# Custom validators raise PydanticCustomError with these types; pydantic's own types follow.
_CODES = {
    "invalid_cron": DeployErrorCode.INVALID_CRON,
    "invalid_time_zone": DeployErrorCode.INVALID_TIME_ZONE,
    "extra_forbidden": DeployErrorCode.UNKNOWN_KEY,
    "missing": DeployErrorCode.MISSING_KEY,
}


def as_deploy_error(*, path: Path, error: ValidationError) -> DeployError:
    """One error listing every problem; its code is the first problem's."""
    problems: list[str] = []
    codes: list[DeployErrorCode] = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(file)"
        codes.append(_CODES.get(item["type"], DeployErrorCode.INVALID_VALUE))
        if item["type"] == "extra_forbidden":
            problems.append(f"{path.name}: unknown key '{where}'")
        else:
            problems.append(f"{path.name}: {where}: {item['msg']}")
    return DeployError(codes[0], problems)
