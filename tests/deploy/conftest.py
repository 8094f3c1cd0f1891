"""Fixtures for the deployment tests: the example instance rendered once by the real kustomize."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from deploy.tools import kustomize
from deploy.tools.cluster import Cluster, load_cluster
from deploy.tools.instance import Instance, load_instance

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPLOY = REPO_ROOT / "deploy"
EXAMPLE = "team-a"

Resources = list[dict[str, Any]]


@pytest.fixture(scope="session")
def cluster() -> Cluster:
    return load_cluster(DEPLOY / "cluster.yaml")


@pytest.fixture(scope="session")
def example() -> Instance:
    return load_instance(DEPLOY / "instances" / f"{EXAMPLE}.yaml")


@pytest.fixture(scope="session")
def rendered() -> Resources:
    """What ArgoCD would apply for the committed example overlay."""
    return kustomize.build(DEPLOY / "instances" / EXAMPLE)


def one(resources: Resources, kind: str, name: str) -> dict[str, Any]:
    found = [r for r in resources if r["kind"] == kind and r["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind}/{name}, found {len(found)}"
    return found[0]


def copy_instances(tmp_path: Path, *names: str) -> Path:
    """A scratch instances folder beside nothing else, holding copies of some instance files."""
    directory = tmp_path / "instances"
    directory.mkdir()
    for name in names:
        shutil.copy(DEPLOY / "instances" / f"{name}.yaml", directory / f"{name}.yaml")
    return directory


def make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-f", "deploy/deploy.mk", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=100,
        env=env,
        stdin=subprocess.DEVNULL,
    )
