"""Make targets that need a cluster or an engine say so clearly, and change nothing."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.deploy.conftest import REPO_ROOT, copy_instances, make


def test_build_without_a_container_engine_fails_clearly(tmp_path: Path) -> None:
    # /usr/bin and /bin carry the shell tools but no docker, podman or buildah.
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    result = make("build", "IMAGE_TAG=1.2.3", env=env)
    assert result.returncode != 0
    assert "build vcoffee-api:1.2.3" in result.stdout
    assert "error TOOL_MISSING: no container engine found" in result.stderr


def test_build_refuses_the_latest_tag() -> None:
    result = make("build", "IMAGE_TAG=latest")
    assert result.returncode != 0
    assert "error INVALID_VALUE: IMAGE_TAG must name a release" in result.stderr


def test_status_without_a_cluster_fails_clearly(tmp_path: Path) -> None:
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text("", encoding="utf-8")
    env = {**os.environ, "KUBECONFIG": str(kubeconfig)}
    for target in ("status", "setup-argocd"):
        result = make(target, env=env)
        assert result.returncode != 0, target
        assert "error NO_CLUSTER: kubectl has no current context" in result.stderr, target


def test_logs_needs_an_instance() -> None:
    result = make("logs")
    assert result.returncode != 0
    assert "error MISSING_KEY: set INSTANCE=<name>; instances: team-a" in result.stderr


def test_destroy_without_confirmation_keeps_everything(tmp_path: Path) -> None:
    instances = copy_instances(tmp_path, "team-a")
    result = make("destroy", "INSTANCE=team-a", f"INSTANCES_DIR={instances}")
    assert result.returncode != 0
    assert "keeps the table vcoffee-team-a" in result.stdout
    assert "error NOT_CONFIRMED:" in result.stderr
    assert sorted(p.name for p in instances.iterdir()) == ["team-a.yaml"]


def test_config_reports_the_validated_instance() -> None:
    result = make("config", "INSTANCE=team-a")
    assert result.returncode == 0, result.stderr
    assert re.search(r"instance team-a: \d+ valid resources", result.stdout)
    assert "committed overlays are current" in result.stdout


def test_dockerfiles_are_multi_stage_pinned_and_non_root() -> None:
    for name in ("api", "worker"):
        text = (REPO_ROOT / "deploy" / "docker" / f"{name}.Dockerfile").read_text()
        defaults = dict(re.findall(r"^ARG (\w+_IMAGE)=(\S+)$", text, flags=re.MULTILINE))
        stages = re.findall(r"^FROM (\S+)", text, flags=re.MULTILINE)
        assert len(stages) >= 2, name
        for stage in stages:
            image = defaults.get(stage.strip("${}"), stage)
            assert re.fullmatch(r"[a-z]+:\d+\.\d+\.\d+-[a-z-]+@sha256:[0-9a-f]{64}", image), (
                name,
                image,
            )
        users = re.findall(r"^USER (\S+)$", text, flags=re.MULTILINE)
        assert users == ["10001:10001"], name
    api = (REPO_ROOT / "deploy" / "docker" / "api.Dockerfile").read_text()
    assert "COPY --from=web /src/frontend/dist /app/frontend/dist" in api
