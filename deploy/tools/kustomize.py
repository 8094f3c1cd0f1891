"""Running the real kustomize (standalone, or built into kubectl) over a directory."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from deploy.tools.errors import DeployError, DeployErrorCode

REPO_ROOT = Path(__file__).resolve().parents[2]
PINNED_KUBECTL = REPO_ROOT / ".tools" / "bin" / "kubectl"
INSTALL_HINT = "run `make deploy-tools` (deploy/tools/install-tools.sh) to put kubectl in .tools/"


def kustomize_command() -> list[str]:
    """The pinned kubectl from .tools/ first, then a kustomize or kubectl found on PATH."""
    if PINNED_KUBECTL.is_file():
        return [str(PINNED_KUBECTL), "kustomize"]
    standalone = shutil.which("kustomize")
    if standalone:
        return [standalone, "build"]
    kubectl = shutil.which("kubectl")
    if kubectl:
        return [kubectl, "kustomize"]
    raise DeployError(
        DeployErrorCode.TOOL_MISSING, [f"neither kustomize nor kubectl was found; {INSTALL_HINT}"]
    )


def build(directory: Path) -> list[dict[str, Any]]:
    """Every resource kustomize renders for `directory`, in its output order."""
    command = [*kustomize_command(), str(directory)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    if result.returncode != 0:
        raise DeployError(
            DeployErrorCode.RENDER_FAILED,
            [f"{' '.join(command)} failed: {result.stderr.strip()}"],
        )
    return [document for document in yaml.safe_load_all(result.stdout) if document]
