"""`make new-instance` writes a valid instance from the template; `make diff` needs a cluster."""

from __future__ import annotations

import os
from pathlib import Path

from deploy.tools.contract import check, required_secret_keys
from deploy.tools.instance import load_instance
from tests.deploy.conftest import make
from tests.deploy.test_settings_contract import _secret

KUBECONFIG_UNREACHABLE = """apiVersion: v1
kind: Config
clusters:
  - name: gone
    cluster: {server: "https://127.0.0.1:9"}
users:
  - name: nobody
    user: {token: "x"}
contexts:
  - name: gone
    context: {cluster: gone, user: nobody}
current-context: gone
"""


def test_new_instance_then_deploy_validate_passes(tmp_path: Path) -> None:
    instances = tmp_path / "instances"
    instances.mkdir()
    created = make("new-instance", "INSTANCE=team-b", f"INSTANCES_DIR={instances}")
    assert created.returncode == 0, created.stderr
    assert sorted(p.name for p in instances.iterdir()) == ["team-b", "team-b.yaml"]

    validated = make("deploy-validate", f"INSTANCES_DIR={instances}")
    assert validated.returncode == 0, validated.stderr
    assert "instance team-b: " in validated.stdout
    assert "resources valid" in validated.stdout

    instance = load_instance(instances / "team-b.yaml")
    assert instance.host == "coffee.team-b.example.com"
    settings = check(
        instance=instance,
        overlay=instances / "team-b",
        secret=_secret(required_secret_keys(instance)),
    )
    assert settings["api"]["ses_sender"] == "coffee@team-b.example.com"
    assert settings["worker"]["table_name"] == "vcoffee-team-b"


def test_new_instance_takes_its_values_from_make(tmp_path: Path) -> None:
    result = make(
        "new-instance",
        "INSTANCE=office-c",
        f"INSTANCES_DIR={tmp_path}",
        "INSTANCE_HOST=coffee.c.example.org",
        "EMAIL_FROM=coffee@c.example.org",
        "TIME_ZONE=Asia/Tokyo",
        "REDIS=in-cluster",
    )
    assert result.returncode == 0, result.stderr
    instance = load_instance(tmp_path / "office-c.yaml")
    assert (instance.host, instance.email_from) == ("coffee.c.example.org", "coffee@c.example.org")
    assert (instance.time_zone, instance.redis) == ("Asia/Tokyo", "in-cluster")


def test_new_instance_refuses_a_bad_value_and_leaves_nothing(tmp_path: Path) -> None:
    result = make(
        "new-instance", "INSTANCE=team-b", f"INSTANCES_DIR={tmp_path}", "TIME_ZONE=Mars/Olympus"
    )
    assert result.returncode != 0
    assert "error INVALID_TIME_ZONE:" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_instance_never_overwrites(tmp_path: Path) -> None:
    assert make("new-instance", "INSTANCE=team-b", f"INSTANCES_DIR={tmp_path}").returncode == 0
    path = tmp_path / "team-b.yaml"
    path.write_text(path.read_text().replace("group_size: 2", "group_size: 3"))
    before = path.read_bytes()
    result = make("new-instance", "INSTANCE=team-b", f"INSTANCES_DIR={tmp_path}")
    assert result.returncode != 0
    assert "error ALREADY_EXISTS:" in result.stderr
    assert path.read_bytes() == before


def test_diff_without_a_reachable_cluster_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_text("", encoding="utf-8")
    result = make("diff", "INSTANCE=team-a", env={**os.environ, "KUBECONFIG": str(empty)})
    assert result.returncode != 0
    assert "error NO_CLUSTER: kubectl has no current context" in result.stderr

    unreachable = tmp_path / "unreachable"
    unreachable.write_text(KUBECONFIG_UNREACHABLE, encoding="utf-8")
    result = make("diff", "INSTANCE=team-a", env={**os.environ, "KUBECONFIG": str(unreachable)})
    assert result.returncode != 0
    assert "error NO_CLUSTER: the cluster of context 'gone' does not answer" in result.stderr


def test_diff_needs_an_instance() -> None:
    result = make("diff")
    assert result.returncode != 0
    assert "error MISSING_KEY: set INSTANCE=<name>" in result.stderr
