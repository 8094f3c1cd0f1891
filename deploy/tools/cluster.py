"""deploy/cluster.yaml: the AWS account and EKS cluster every instance is deployed into."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from deploy.tools.validation_errors import as_deploy_error
from deploy.tools.yamlfile import read_mapping


class Cluster(BaseModel):
    """Shared by all instances; an instance file never repeats these."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    aws_account_id: str = Field(pattern=r"^\d{12}$")
    aws_region: str = Field(pattern=r"^[a-z]{2}(-[a-z]+)+-\d$")
    eks_oidc_provider: str = Field(pattern=r"^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com/id/[A-F0-9]+$")
    vpc_cidr: str = Field(pattern=r"^\d{1,3}(\.\d{1,3}){3}/\d{1,2}$")
    image_registry: str = Field(min_length=1)
    git_repo_url: str = Field(pattern=r"^(https://|git@|ssh://)")
    git_revision: str = "main"
    dynamodb_kms_key_arn: str = Field(pattern=r"^arn:aws:kms:[a-z0-9-]+:\d{12}:key/[0-9a-f-]+$")
    cache_subnet_ids: list[str] = Field(min_length=1)
    cache_security_group_ids: list[str] = Field(min_length=1)
    # Where the cluster's Prometheus runs; only it may reach the pods' metrics port.
    monitoring_namespace: str = Field(
        default="monitoring", pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"
    )


def load_cluster(path: Path) -> Cluster:
    data = read_mapping(path)
    try:
        return Cluster.model_validate(data)
    except ValidationError as exc:
        raise as_deploy_error(path=path, error=exc) from exc
