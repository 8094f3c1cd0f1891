"""Argo CD follows deploy/cluster.yaml and reads ACK resources' health from their conditions."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import lupa
import pytest
import yaml

from deploy.tools import kustomize
from deploy.tools.argocd import write_argocd
from deploy.tools.cluster import load_cluster
from deploy.tools.errors import DeployError, DeployErrorCode
from deploy.tools.render import verify
from tests.deploy.conftest import DEPLOY, Resources, one

HEALTH_KEY = "resource.customizations.health."


def _cluster_file(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load((DEPLOY / "cluster.yaml").read_text()) | changes
    path = tmp_path / "cluster.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_the_application_set_follows_git_revision(tmp_path: Path) -> None:
    argocd = tmp_path / "argocd"
    shutil.copytree(DEPLOY / "argocd", argocd)
    cluster_file = _cluster_file(
        tmp_path, git_revision="release-7", git_repo_url="https://git.example.org/vc.git"
    )
    write_argocd(cluster=load_cluster(cluster_file), argocd_dir=argocd)
    resources = kustomize.build(argocd)
    appset = one(resources, "ApplicationSet", "virtual-coffee")["spec"]
    assert appset["generators"][0]["git"]["revision"] == "release-7"
    assert appset["generators"][0]["git"]["repoURL"] == "https://git.example.org/vc.git"
    assert appset["template"]["spec"]["source"]["targetRevision"] == "release-7"
    assert appset["template"]["spec"]["source"]["repoURL"] == "https://git.example.org/vc.git"
    project = one(resources, "AppProject", "virtual-coffee")["spec"]
    assert project["sourceRepos"] == ["https://git.example.org/vc.git"]


def test_the_committed_application_set_uses_the_committed_revision() -> None:
    cluster = load_cluster(DEPLOY / "cluster.yaml")
    appset = one(kustomize.build(DEPLOY / "argocd"), "ApplicationSet", "virtual-coffee")["spec"]
    assert appset["generators"][0]["git"]["revision"] == cluster.git_revision
    assert appset["template"]["spec"]["source"]["targetRevision"] == cluster.git_revision


def test_a_revision_change_not_rendered_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DeployError) as caught:
        verify(
            instances_dir=DEPLOY / "instances",
            cluster_file=_cluster_file(tmp_path, git_revision="release-8"),
            argocd_dir=DEPLOY / "argocd",
        )
    assert caught.value.code is DeployErrorCode.OVERLAY_OUT_OF_DATE
    assert caught.value.problems[0] == (
        "deploy/argocd/applicationset.from-cluster.yaml differs from deploy/cluster.yaml"
    )


@pytest.fixture(scope="module")
def health_checks() -> dict[str, str]:
    config = one(kustomize.build(DEPLOY / "argocd"), "ConfigMap", "argocd-cm")
    assert config["metadata"]["namespace"] == "argocd"
    return {
        key.removeprefix(HEALTH_KEY): script
        for key, script in config["data"].items()
        if key.startswith(HEALTH_KEY)
    }


def _health(script: str, resource: dict[str, Any]) -> tuple[str, str]:
    """Runs the check as Argo CD does: the resource is the global `obj`."""
    runtime = lupa.LuaRuntime(unpack_returned_tuples=True)
    runtime.globals().obj = _to_lua(runtime, resource)
    result = runtime.execute(script)
    return str(result["status"]), str(result["message"])


def _to_lua(runtime: Any, value: Any) -> Any:
    if isinstance(value, dict):
        return runtime.table_from({k: _to_lua(runtime, v) for k, v in value.items()})
    if isinstance(value, list):
        return runtime.table_from([_to_lua(runtime, v) for v in value])
    return value


def _with(resource: dict[str, Any], **status: Any) -> dict[str, Any]:
    return {**resource, "status": status}


def _condition(kind: str, status: str, message: str = "") -> dict[str, str]:
    found = {"type": kind, "status": status}
    return found | ({"message": message} if message else {})


def test_every_ack_kind_rendered_has_a_health_check(
    rendered: Resources, health_checks: dict[str, str]
) -> None:
    kinds = {
        f"{r['apiVersion'].split('/')[0]}_{r['kind']}"
        for r in rendered
        if r["apiVersion"].endswith(".services.k8s.aws/v1alpha1")
    }
    assert kinds == set(health_checks)


def test_ack_health_follows_the_conditions(
    rendered: Resources, health_checks: dict[str, str]
) -> None:
    role = one(rendered, "Role", "vcoffee-app")
    script = health_checks["iam.services.k8s.aws_Role"]
    assert _health(script, role) == ("Progressing", "waiting for the ACK controller")
    synced = _condition("ACK.ResourceSynced", "True")
    assert _health(script, _with(role, conditions=[synced])) == ("Healthy", "in sync with AWS")
    pending = _condition("ACK.ResourceSynced", "False", "Resource not synced")
    assert _health(script, _with(role, conditions=[pending])) == (
        "Progressing",
        "Resource not synced",
    )
    denied = _condition("ACK.Recoverable", "True", "AccessDenied: iam:CreateRole")
    assert _health(script, _with(role, conditions=[pending, denied])) == (
        "Degraded",
        "AccessDenied: iam:CreateRole",
    )
    terminal = _condition("ACK.Terminal", "True", "MalformedPolicyDocument")
    assert _health(script, _with(role, conditions=[synced, terminal])) == (
        "Degraded",
        "MalformedPolicyDocument",
    )


def test_a_table_and_a_replication_group_are_healthy_only_once_usable(
    rendered: Resources, health_checks: dict[str, str]
) -> None:
    synced = [_condition("ACK.ResourceSynced", "True")]
    table = one(rendered, "Table", "vcoffee")
    check = health_checks["dynamodb.services.k8s.aws_Table"]
    assert _health(check, _with(table, conditions=synced, tableStatus="CREATING")) == (
        "Progressing",
        "table CREATING",
    )
    assert _health(check, _with(table, conditions=synced, tableStatus="ACTIVE"))[0] == "Healthy"
    group = one(rendered, "ReplicationGroup", "vcoffee-redis")
    check = health_checks["elasticache.services.k8s.aws_ReplicationGroup"]
    assert _health(check, _with(group, conditions=synced, status="creating")) == (
        "Progressing",
        "replication group creating",
    )
    assert _health(check, _with(group, conditions=synced, status="available"))[0] == "Healthy"
