"""The rendered example instance: valid for the API server, and what the design asks of it."""

from __future__ import annotations

import json

from deploy.tools import kustomize
from deploy.tools.aws_resources import create_table_arguments
from deploy.tools.cluster import Cluster
from deploy.tools.instance import Instance
from deploy.tools.overlay import DEPLOY_ROOT
from deploy.tools.policy import policy_problems
from deploy.tools.render import overlay_drift, verify
from deploy.tools.schemas import schema_problems
from repositories.table import table_definition, time_to_live
from tests.deploy.conftest import DEPLOY, Resources, one


def test_every_instance_and_argocd_render_and_validate() -> None:
    report = verify(instances_dir=DEPLOY / "instances", cluster_file=DEPLOY / "cluster.yaml")
    assert report[0] == "crds: the releases pinned in deploy/versions.env"
    assert report[1].startswith("instance team-a: ")
    assert report[-1] == "argocd: 3 resources valid"


def test_committed_overlay_is_what_the_generator_writes() -> None:
    drift = overlay_drift(
        name="team-a", instances_dir=DEPLOY / "instances", cluster_file=DEPLOY / "cluster.yaml"
    )
    assert drift == []


def test_every_rendered_resource_passes_schemas_and_policies(rendered: Resources) -> None:
    assert schema_problems(rendered) == []
    assert policy_problems(rendered) == []
    kinds = {r["kind"] for r in rendered}
    assert {"Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress"} <= kinds
    assert {"NetworkPolicy", "ResourceQuota", "LimitRange", "ServiceAccount"} <= kinds
    assert {"Table", "Role", "Policy", "ConfigurationSet", "ReplicationGroup"} <= kinds


def test_table_is_the_one_the_code_creates(rendered: Resources, example: Instance) -> None:
    table = one(rendered, "Table", "vcoffee")
    spec = table["spec"]
    assert create_table_arguments(spec) == table_definition(example.table_name)
    ttl = time_to_live(example.table_name)["TimeToLiveSpecification"]
    assert spec["timeToLive"] == {"enabled": ttl["Enabled"], "attributeName": "expires_at"}
    assert spec["sseSpecification"]["sseType"] == "KMS"
    assert spec["sseSpecification"]["enabled"] is True
    assert spec["continuousBackups"] == {"pointInTimeRecoveryEnabled": True}
    assert spec["deletionProtectionEnabled"] is True
    assert table["metadata"]["annotations"]["services.k8s.aws/deletion-policy"] == "retain"
    assert table["metadata"]["namespace"] == "vcoffee-team-a"


def test_app_role_reaches_only_its_own_keys(
    rendered: Resources, example: Instance, cluster: Cluster
) -> None:
    document = json.loads(one(rendered, "Policy", "vcoffee-app")["spec"]["policyDocument"])
    items = next(s for s in document["Statement"] if s["Sid"] == "ItemsOfThisDeployment")
    condition = items["Condition"]["ForAllValues:StringLike"]
    assert condition["dynamodb:LeadingKeys"] == ["D#team-a#*"]
    table_arn = f"arn:aws:dynamodb:eu-west-1:{cluster.aws_account_id}:table/vcoffee-team-a"
    assert items["Resource"] == [table_arn, f"{table_arn}/index/*"]
    actions = {a for s in document["Statement"] for a in s["Action"]}
    assert "dynamodb:Scan" not in actions
    assert not any(a.endswith("*") for a in actions)
    for statement in document["Statement"]:
        assert all(example.deployment_id in resource for resource in statement["Resource"])


def test_service_account_assumes_the_instance_role(rendered: Resources, cluster: Cluster) -> None:
    role = one(rendered, "Role", "vcoffee-app")
    trust = json.loads(role["spec"]["assumeRolePolicyDocument"])["Statement"][0]
    subject = trust["Condition"]["StringEquals"][f"{cluster.eks_oidc_provider}:sub"]
    assert subject == "system:serviceaccount:vcoffee-team-a:vcoffee"
    assert role["spec"]["policyRefs"] == [{"from": {"name": "vcoffee-app"}}]
    account = one(rendered, "ServiceAccount", "vcoffee")
    arn = account["metadata"]["annotations"]["eks.amazonaws.com/role-arn"]
    assert arn == f"arn:aws:iam::{cluster.aws_account_id}:role/{role['spec']['name']}"
    for name in ("api", "worker"):
        pod = one(rendered, "Deployment", name)["spec"]["template"]["spec"]
        assert pod["serviceAccountName"] == "vcoffee"


def test_ingress_is_https_only_for_the_instance_host(
    rendered: Resources, example: Instance
) -> None:
    ingress = one(rendered, "Ingress", "vcoffee")
    annotations = ingress["metadata"]["annotations"]
    assert json.loads(annotations["alb.ingress.kubernetes.io/listen-ports"]) == [{"HTTPS": 443}]
    assert ingress["spec"]["ingressClassName"] == "alb"
    assert [rule["host"] for rule in ingress["spec"]["rules"]] == [example.host]
    assert ingress["spec"]["tls"] == [{"hosts": [example.host]}]


def test_network_policies_deny_by_default(rendered: Resources, cluster: Cluster) -> None:
    policies = {r["metadata"]["name"]: r["spec"] for r in rendered if r["kind"] == "NetworkPolicy"}
    assert policies["default-deny"] == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    ingress_policies = sorted(name for name, p in policies.items() if "ingress" in p)
    # The API accepts requests only from the load balancer's VPC; the metrics port only from
    # the monitoring namespace (tests/deploy/test_monitoring.py).
    assert ingress_policies == ["api-from-load-balancer", "metrics-from-monitoring"]
    api = policies["api-from-load-balancer"]
    assert api["podSelector"] == {"matchLabels": {"app.kubernetes.io/component": "api"}}
    assert api["ingress"] == [
        {
            "from": [{"ipBlock": {"cidr": cluster.vpc_cidr}}],
            "ports": [{"protocol": "TCP", "port": 8000}],
        }
    ]
    redis = policies["app-to-redis"]["egress"][0]
    assert redis["ports"] == [{"protocol": "TCP", "port": 6379}]


def test_probes_settings_and_images(rendered: Resources, example: Instance) -> None:
    api = one(rendered, "Deployment", "api")["spec"]["template"]["spec"]["containers"][0]
    assert api["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert api["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert api["image"].endswith(f"/vcoffee-api:{example.image_tag}")
    settings = next(r for r in rendered if r["kind"] == "ConfigMap")
    assert settings["metadata"]["name"].startswith("vcoffee-settings-")
    data = settings["data"]
    assert data["VCOFFEE_DEPLOYMENT_ID"] == "team-a"
    assert data["VCOFFEE_TABLE_NAME"] == "vcoffee-team-a"
    assert (
        data["VCOFFEE_SES_CONFIGURATION_SET"]
        == one(rendered, "ConfigurationSet", "vcoffee")["spec"]["name"]
    )
    assert "VCOFFEE_DYNAMODB_ENDPOINT" not in data
    assert json.loads(data["VCOFFEE_ADMIN_EMAILS"]) == list(example.admin_emails)
    hpa = one(rendered, "HorizontalPodAutoscaler", "api")["spec"]
    assert (hpa["minReplicas"], hpa["maxReplicas"]) == (2, 6)


def test_argocd_creates_one_synced_application_per_instance_folder(cluster: Cluster) -> None:
    resources = kustomize.build(DEPLOY_ROOT / "argocd")
    appset = one(resources, "ApplicationSet", "virtual-coffee")["spec"]
    git = appset["generators"][0]["git"]
    assert git["directories"] == [{"path": "deploy/instances/*"}]
    assert git["repoURL"] == cluster.git_repo_url
    template = appset["template"]["spec"]
    assert template["syncPolicy"]["automated"] == {"prune": True, "selfHeal": True}
    assert template["source"]["path"] == "{{ .path.path }}"
    assert template["destination"]["namespace"] == "vcoffee-{{ .path.basename }}"
    project = one(resources, "AppProject", "virtual-coffee")["spec"]
    assert project["sourceRepos"] == [cluster.git_repo_url]
    # Every folder the generator will find is a complete overlay.
    folders = sorted(p.name for p in (DEPLOY / "instances").iterdir() if p.is_dir())
    files = sorted(p.stem for p in (DEPLOY / "instances").glob("*.yaml"))
    assert folders == files
