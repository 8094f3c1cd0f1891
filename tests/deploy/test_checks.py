"""The schema and policy checks refuse what the API server or the rules would refuse."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from deploy.tools import kustomize
from deploy.tools.errors import DeployError, DeployErrorCode
from deploy.tools.policy import policy_problems
from deploy.tools.schemas import schema_problems
from tests.deploy.conftest import Resources, one


def _api(rendered: Resources) -> dict[str, Any]:
    return copy.deepcopy(one(rendered, "Deployment", "api"))


def test_a_misspelt_table_field_is_refused(rendered: Resources) -> None:
    table = copy.deepcopy(one(rendered, "Table", "vcoffee"))
    table["spec"]["pointInTimeRecovery"] = True
    problems = schema_problems([table])
    assert len(problems) == 1
    assert "Table/vcoffee" in problems[0]
    assert "pointInTimeRecovery" in problems[0]


def test_a_table_without_its_name_is_refused(rendered: Resources) -> None:
    table = copy.deepcopy(one(rendered, "Table", "vcoffee"))
    del table["spec"]["tableName"]
    assert any("'tableName' is a required property" in p for p in schema_problems([table]))


def test_a_kubernetes_field_of_the_wrong_type_is_refused(rendered: Resources) -> None:
    api = _api(rendered)
    api["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = "http"
    problems = schema_problems([api])
    assert problems
    assert "containerPort" in problems[0]


def test_an_unknown_kind_is_refused() -> None:
    resource = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}}
    assert schema_problems([resource]) == [
        "Widget/w: no schema for example.com/v1 Widget: neither a Kubernetes kind nor a CRD "
        "vendored under deploy/crds/"
    ]


def test_an_application_set_without_a_revision_is_refused() -> None:
    appset = {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "ApplicationSet",
        "metadata": {"name": "x"},
        "spec": {
            "generators": [{"git": {"repoURL": "https://example.com/r.git"}}],
            "template": {
                "metadata": {"name": "x"},
                "spec": {"project": "p", "destination": {"namespace": "n"}},
            },
        },
    }
    problems = schema_problems([appset])
    assert any("'revision' is a required property" in p for p in problems)


def test_policy_names_each_broken_rule(rendered: Resources) -> None:
    api = _api(rendered)
    pod = api["spec"]["template"]["spec"]
    container = pod["containers"][0]
    del container["resources"]["limits"]
    del container["livenessProbe"]
    container["securityContext"]["allowPrivilegeEscalation"] = True
    container["securityContext"]["readOnlyRootFilesystem"] = False
    del container["securityContext"]["runAsNonRoot"]
    del pod["securityContext"]["runAsNonRoot"]
    container["image"] = "registry.example.com/vcoffee-api:latest"
    prefix = "Deployment/api container api: "
    assert policy_problems([api]) == [
        prefix + "no cpu limit",
        prefix + "no memory limit",
        prefix + "no livenessProbe",
        prefix + "runAsNonRoot is not true",
        prefix + "allowPrivilegeEscalation is not false",
        prefix + "readOnlyRootFilesystem is not true",
        prefix + "image 'registry.example.com/vcoffee-api:latest' uses the tag 'latest'",
    ]


def test_an_untagged_image_is_refused_and_a_digest_accepted(rendered: Resources) -> None:
    api = _api(rendered)
    container = api["spec"]["template"]["spec"]["containers"][0]
    container["image"] = "registry.example.com:5000/vcoffee-api"
    assert policy_problems([api]) == [
        "Deployment/api container api: image 'registry.example.com:5000/vcoffee-api' has no tag"
    ]
    container["image"] = "registry.example.com/vcoffee-api@sha256:" + "0" * 64
    assert policy_problems([api]) == []


def test_rendering_without_kustomize_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kustomize, "PINNED_KUBECTL", tmp_path / "absent" / "kubectl")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DeployError) as caught:
        kustomize.build(tmp_path)
    assert caught.value.code is DeployErrorCode.TOOL_MISSING
    assert "make deploy-tools" in caught.value.report()


def test_a_job_needs_no_probes_but_keeps_every_other_rule(rendered: Resources) -> None:
    job = copy.deepcopy(one(rendered, "Job", "seed-config"))
    container = job["spec"]["template"]["spec"]["containers"][0]
    assert "livenessProbe" not in container
    assert policy_problems([job]) == []
    container["securityContext"]["readOnlyRootFilesystem"] = False
    assert policy_problems([job]) == [
        "Job/seed-config container seed-config: readOnlyRootFilesystem is not true"
    ]
