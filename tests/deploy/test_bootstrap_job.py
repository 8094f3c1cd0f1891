"""The bootstrap Job seeds a new instance's schedule, time zone and group size, once."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import pytest

from config.settings import Settings
from deploy.tools import kustomize
from deploy.tools.contract import pod_environment
from deploy.tools.instance import Instance
from devtools.stack import Endpoints
from repositories.bundle import Repositories
from repositories.models.config import DeploymentConfig
from repositories.table import table_definition
from runtime.services import cursor_secret
from tests.deploy.conftest import DEPLOY, REPO_ROOT, Resources, one

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient

SECRET = {
    "VCOFFEE_JWT_SIGNING_KEYS": "k1:" + "a1" * 24,
    "VCOFFEE_SESSION_SECRET": "b2" * 24,
    "VCOFFEE_REDIS_URL": "rediss://:t@redis.example.com:6379/0",
}


def _wave(resource: dict[str, Any]) -> int:
    return int(resource["metadata"].get("annotations", {}).get("argocd.argoproj.io/sync-wave", 0))


def test_the_job_runs_between_the_aws_resources_and_the_pods(rendered: Resources) -> None:
    job = one(rendered, "Job", "seed-config")
    annotations = job["metadata"]["annotations"]
    assert annotations["argocd.argoproj.io/hook"] == "Sync"
    aws = [r for r in rendered if r["apiVersion"].endswith(".services.k8s.aws/v1alpha1")]
    assert {_wave(r) for r in aws} == {-2}
    settings = next(r for r in rendered if r["kind"] == "ConfigMap")
    assert _wave(settings) == -2
    assert _wave(job) == -1
    assert _wave(one(rendered, "Deployment", "api")) == _wave(one(rendered, "Deployment", "worker"))
    assert _wave(one(rendered, "Deployment", "worker")) == 0
    pod = job["spec"]["template"]["spec"]
    assert pod["serviceAccountName"] == "vcoffee-bootstrap"
    assert pod["containers"][0]["args"] == ["seed-config"]
    assert pod["containers"][0]["image"].split("/")[-1].startswith("vcoffee-worker:")


def test_the_job_may_only_read_and_put_the_configuration_item(rendered: Resources) -> None:
    policy = one(rendered, "Policy", "vcoffee-bootstrap")
    [statement] = json.loads(policy["spec"]["policyDocument"])["Statement"]
    assert statement["Action"] == ["dynamodb:GetItem", "dynamodb:PutItem"]
    assert statement["Resource"] == ["arn:aws:dynamodb:eu-west-1:123456789012:table/vcoffee-team-a"]
    keys = statement["Condition"]["ForAllValues:StringEquals"]["dynamodb:LeadingKeys"]
    assert keys == ["D#team-a#CONFIG"]
    role = one(rendered, "Role", "vcoffee-bootstrap")
    trust = json.loads(role["spec"]["assumeRolePolicyDocument"])["Statement"][0]
    [subject] = [v for k, v in trust["Condition"]["StringEquals"].items() if k.endswith(":sub")]
    assert subject == "system:serviceaccount:vcoffee-team-a:vcoffee-bootstrap"
    account = one(rendered, "ServiceAccount", "vcoffee-bootstrap")
    assert account["metadata"]["annotations"]["eks.amazonaws.com/role-arn"].endswith(
        ":role/vcoffee-team-a-bootstrap"
    )


@pytest.fixture
async def instance_table(endpoints: Endpoints, dynamodb: DynamoDBClient) -> AsyncIterator[str]:
    name = f"seed-{uuid.uuid4().hex[:12]}"
    await dynamodb.create_table(**table_definition(name))
    yield name
    await dynamodb.delete_table(TableName=name)


def _run_job(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vcoffee.cli", "seed-config"],
        env=environment,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )


async def test_the_job_seeds_once_and_keeps_edits(
    example: Instance,
    endpoints: Endpoints,
    dynamodb: DynamoDBClient,
    instance_table: str,
) -> None:
    resources = kustomize.build(DEPLOY / "instances" / "team-a")
    environment = pod_environment(
        resources=resources, workload="seed-config", secret=SECRET, kind="Job"
    )
    # The rendered environment, pointed at DynamoDB Local and a fresh table (DynamoDB Local
    # keeps one database per region, so the fixture's region is used).
    environment |= {
        "PATH": "/usr/bin:/bin",
        "VCOFFEE_TABLE_NAME": instance_table,
        "VCOFFEE_DYNAMODB_ENDPOINT": endpoints.dynamodb_url,
        "VCOFFEE_AWS_REGION": Settings.model_fields["aws_region"].default,
    }
    first = _run_job(environment)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "deployment team-a: configuration seeded from the settings"

    settings = Settings.model_validate(
        {"environment": "development", "session_secret": SECRET["VCOFFEE_SESSION_SECRET"]}
    )
    repos = Repositories.create(
        client=dynamodb,
        table_name=instance_table,
        deployment_id=example.deployment_id,
        cursor_secret=cursor_secret(settings),
    )
    seeded = await repos.config.get()
    assert (seeded.schedule, seeded.time_zone, seeded.meeting_size) == (
        example.schedule,
        example.time_zone,
        example.group_size,
    )
    assert seeded.admin_emails == list(example.admin_emails)

    edited = DeploymentConfig.model_validate(seeded.model_dump() | {"group_size": 4})
    await repos.config.update(config=edited, expected_version=seeded.version)
    again = _run_job(environment)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "deployment team-a: configuration already set, left as it is"
    kept = await repos.config.get()
    assert (kept.meeting_size, kept.version) == (4, seeded.version + 1)
