"""Reading a YAML mapping from disk, with errors that name the file and the problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from deploy.tools.errors import DeployError, DeployErrorCode


def read_mapping(path: Path) -> dict[str, Any]:
    """The top-level mapping of a YAML file; anything else is refused with a code."""
    if not path.is_file():
        raise DeployError(DeployErrorCode.FILE_NOT_FOUND, [f"{path} does not exist"])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DeployError(DeployErrorCode.INVALID_YAML, [f"{path}: {exc}"]) from exc
    if not isinstance(data, dict):
        raise DeployError(
            DeployErrorCode.INVALID_YAML, [f"{path}: expected a mapping of keys to values"]
        )
    return data
