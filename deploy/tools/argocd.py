"""deploy/argocd/: the ApplicationSet and AppProject follow deploy/cluster.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from deploy.tools.cluster import Cluster

HEADER = (
    "# Generated from deploy/cluster.yaml by `make deploy` (python -m deploy.tools.render "
    "write-argocd): edit that file, not this one.\n"
)
APPLICATION_SET_PATCH = "applicationset.from-cluster.yaml"
APP_PROJECT_PATCH = "appproject.from-cluster.yaml"


def _replace(path: str, value: Any) -> dict[str, Any]:
    return {"op": "replace", "path": path, "value": value}


def argocd_files(cluster: Cluster) -> dict[str, str]:
    """JSON patches of deploy/argocd/ that carry git_repo_url and git_revision."""
    application_set = [
        _replace("/spec/generators/0/git/repoURL", cluster.git_repo_url),
        _replace("/spec/generators/0/git/revision", cluster.git_revision),
        _replace("/spec/template/spec/source/repoURL", cluster.git_repo_url),
        _replace("/spec/template/spec/source/targetRevision", cluster.git_revision),
    ]
    app_project = [_replace("/spec/sourceRepos", [cluster.git_repo_url])]
    return {
        APPLICATION_SET_PATCH: HEADER + yaml.safe_dump(application_set, sort_keys=False),
        APP_PROJECT_PATCH: HEADER + yaml.safe_dump(app_project, sort_keys=False),
    }


def write_argocd(*, cluster: Cluster, argocd_dir: Path) -> list[Path]:
    written = []
    for name, content in argocd_files(cluster).items():
        path = argocd_dir / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def argocd_drift(*, cluster: Cluster, argocd_dir: Path) -> list[str]:
    """Generated files of deploy/argocd/ that differ from what cluster.yaml says now."""
    return [
        name
        for name, content in argocd_files(cluster).items()
        if not (argocd_dir / name).is_file()
        or (argocd_dir / name).read_text(encoding="utf-8") != content
    ]
