"""The vendored CRDs are the pinned releases' files, applied as the API server applies them."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

from deploy.tools.crd_sources import (
    CRD_DIR,
    SOURCES,
    header_of,
    read_versions,
    vendoring_problems,
)
from deploy.tools.schemas import schema_problems
from tests.deploy.conftest import Resources, one


def test_every_vendored_crd_is_from_the_pinned_release() -> None:
    versions = read_versions()
    assert vendoring_problems(versions=versions) == []
    for source in SOURCES:
        header = header_of(CRD_DIR / source.file_name)
        assert header is not None
        assert header.tag.removeprefix("v") == versions[source.version_variable].removeprefix("v")


def test_a_pin_that_differs_from_the_vendored_tag_is_reported() -> None:
    versions = {**read_versions(), "ACK_ELASTICACHE_CHART_VERSION": "1.4.0"}
    problems = vendoring_problems(versions=versions)
    assert problems == [
        f"elasticache.services.k8s.aws_{kind}.yaml: vendored from v1.3.1, but "
        "deploy/versions.env pins ACK_ELASTICACHE_CHART_VERSION=1.4.0 (v1.4.0)"
        for kind in ("cachesubnetgroups", "replicationgroups")
    ]


def test_an_edited_crd_is_reported(tmp_path: Path) -> None:
    crds = tmp_path / "crds"
    shutil.copytree(CRD_DIR, crds)
    path = crds / "dynamodb.services.k8s.aws_tables.yaml"
    path.write_text(path.read_text().replace("tableName", "tableNameX", 1))
    problems = vendoring_problems(versions=read_versions(), crd_dir=crds)
    assert problems == [
        "dynamodb.services.k8s.aws_tables.yaml: changed since it was vendored (blob differs)"
    ]


def test_the_old_replication_group_fields_are_refused(rendered: Resources) -> None:
    group = copy.deepcopy(one(rendered, "ReplicationGroup", "vcoffee-redis"))
    spec = group["spec"]
    spec["replicationGroupDescription"] = spec.pop("description")
    del spec["numNodeGroups"], spec["replicasPerNodeGroup"]
    spec["numCacheClusters"] = 2
    problems = schema_problems([group])
    assert "ReplicationGroup/vcoffee-redis: spec: 'description' is a required property" in problems
    assert any(
        "'numCacheClusters', 'replicationGroupDescription' were unexpected" in p for p in problems
    )


def test_the_rendered_replication_group_has_two_nodes_in_two_zones(rendered: Resources) -> None:
    spec = one(rendered, "ReplicationGroup", "vcoffee-redis")["spec"]
    assert spec["description"] == "Virtual Coffee team-a queue"
    assert (spec["numNodeGroups"], spec["replicasPerNodeGroup"]) == (1, 1)
    assert spec["multiAZEnabled"] is True
    assert spec["automaticFailoverEnabled"] is True


def test_int_or_string_and_nullable_fields_follow_the_api_server() -> None:
    monitor: dict[str, Any] = {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "ServiceMonitor",
        "metadata": {"name": "m"},
        "spec": {
            "selector": {},
            "endpoints": [{"targetPort": 9100}, {"targetPort": "metrics"}],
        },
    }
    assert schema_problems([monitor]) == []
    monitor["spec"]["endpoints"][0]["targetPort"] = 1.5
    problems = schema_problems([monitor])
    assert len(problems) == 1
    assert "spec.endpoints.0.targetPort" in problems[0]


def test_a_missing_required_nested_field_is_refused(rendered: Resources) -> None:
    role = copy.deepcopy(one(rendered, "Role", "vcoffee-app"))
    del role["spec"]["assumeRolePolicyDocument"]
    role["spec"]["name"] = None
    problems = schema_problems([role])
    assert "Role/vcoffee-app: spec: 'assumeRolePolicyDocument' is a required property" in problems
    assert "Role/vcoffee-app: spec.name: None is not of type 'string'" in problems
