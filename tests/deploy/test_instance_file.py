"""Instance files: `make deploy` refuses a bad one with a coded message and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from deploy.tools import kustomize
from deploy.tools.errors import DeployError, DeployErrorCode
from deploy.tools.instance import load_instance
from deploy.tools.render import write_overlay
from tests.deploy.conftest import DEPLOY, copy_instances, make, one

GOOD: dict[str, object] = yaml.safe_load((DEPLOY / "instances" / "team-a.yaml").read_text())


def _write(directory: Path, name: str, changes: dict[str, object]) -> Path:
    data = {**GOOD, "deployment_id": name, **changes}
    path = directory / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


BAD_FILES = [
    ({"colour": "blue"}, "UNKNOWN_KEY", "unknown key 'colour'"),
    ({"schedule": "every monday"}, "INVALID_CRON", "'every monday' is not a five-field cron"),
    ({"schedule": "0 25 * * MON"}, "INVALID_CRON", "'0 25 * * MON' is not a five-field cron"),
    ({"time_zone": "Mars/Olympus"}, "INVALID_TIME_ZONE", "'Mars/Olympus' is not an IANA"),
    ({"image_tag": "latest"}, "INVALID_VALUE", "image_tag must name a release"),
    ({"group_size": 1}, "INVALID_VALUE", "group_size"),
    ({"api": {"min_replicas": 4, "max_replicas": 3}}, "INVALID_VALUE", "max_replicas must"),
    ({"deployment_id": "team-b"}, "NAME_MISMATCH", "must equal the file name 'bad'"),
]


@pytest.mark.parametrize(("changes", "code", "message"), BAD_FILES)
def test_make_deploy_refuses_a_bad_instance_file(
    tmp_path: Path, changes: dict[str, object], code: str, message: str
) -> None:
    instances = tmp_path / "instances"
    instances.mkdir()
    _write(instances, "bad", changes)
    before = (instances / "bad.yaml").read_bytes()

    result = make("deploy", "INSTANCE=bad", f"INSTANCES_DIR={instances}", "DEPLOY_COMMIT=0")

    assert result.returncode != 0
    assert f"error {code}:" in result.stderr
    assert message in result.stderr
    assert sorted(p.name for p in instances.iterdir()) == ["bad.yaml"]
    assert (instances / "bad.yaml").read_bytes() == before


def test_make_deploy_names_a_missing_instance(tmp_path: Path) -> None:
    instances = copy_instances(tmp_path, "team-a")
    result = make("deploy", "INSTANCE=team-z", f"INSTANCES_DIR={instances}", "DEPLOY_COMMIT=0")
    assert result.returncode != 0
    assert "error FILE_NOT_FOUND:" in result.stderr
    assert "instances: team-a" in result.stderr
    assert sorted(p.name for p in instances.iterdir()) == ["team-a.yaml"]


def test_make_deploy_writes_a_valid_overlay(tmp_path: Path) -> None:
    instances = tmp_path / "instances"
    instances.mkdir()
    _write(instances, "office-b", {"host": "coffee.office-b.example.com", "redis": "in-cluster"})

    result = make("deploy", "INSTANCE=office-b", f"INSTANCES_DIR={instances}", "DEPLOY_COMMIT=0")

    assert result.returncode == 0, result.stderr
    assert "deploy office-b: validate" in result.stdout
    assert sorted(p.name for p in instances.iterdir()) == ["office-b", "office-b.yaml"]
    resources = kustomize.build(instances / "office-b")
    # The in-cluster Redis replaces ElastiCache, and the app is pointed at it.
    assert not [r for r in resources if r["kind"] == "ReplicationGroup"]
    redis = one(resources, "Deployment", "redis")
    assert redis["metadata"]["namespace"] == "vcoffee-office-b"
    settings = next(r for r in resources if r["kind"] == "ConfigMap")
    assert settings["data"]["VCOFFEE_REDIS_URL"] == "redis://redis:6379/0"
    assert one(resources, "Table", "vcoffee")["spec"]["tableName"] == "vcoffee-office-b"


def test_a_purge_render_unprotects_the_table(tmp_path: Path) -> None:
    instances = copy_instances(tmp_path, "team-a")
    write_overlay(
        name="team-a", instances_dir=instances, cluster_file=DEPLOY / "cluster.yaml", purge=True
    )
    table = one(kustomize.build(instances / "team-a"), "Table", "vcoffee")
    assert table["spec"]["deletionProtectionEnabled"] is False
    assert table["metadata"]["annotations"]["services.k8s.aws/deletion-policy"] == "delete"


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad", {"schedule": "nope", "time_zone": "Nowhere", "x": 1})
    with pytest.raises(DeployError) as caught:
        load_instance(path)
    assert caught.value.code is DeployErrorCode.INVALID_CRON
    assert len(caught.value.problems) == 3
    assert "bad.yaml: unknown key 'x'" in caught.value.problems


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(DeployError) as caught:
        load_instance(path)
    assert caught.value.code is DeployErrorCode.INVALID_YAML
