"""ACK manifests for one instance's AWS resources: table, IAM role and policy, SES, ElastiCache."""

from __future__ import annotations

import json
from typing import Any

from deploy.tools.cluster import Cluster
from deploy.tools.instance import Instance
from repositories.table import table_definition, time_to_live

DYNAMODB = "dynamodb.services.k8s.aws/v1alpha1"
IAM = "iam.services.k8s.aws/v1alpha1"
SES = "ses.services.k8s.aws/v1alpha1"
ELASTICACHE = "elasticache.services.k8s.aws/v1alpha1"
SERVICE_ACCOUNT = "vcoffee"
BOOTSTRAP_SERVICE_ACCOUNT = "vcoffee-bootstrap"
# Argo CD sync waves: AWS resources, then the bootstrap Job (a hook), then the pods.
AWS_WAVE = "-2"
REDIS_AUTH = "vcoffee-redis-auth"
# Reads and writes an item-level principal needs; Scan is left out because LeadingKeys
# cannot limit it to one deployment's partitions.
ITEM_ACTIONS = (
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:UpdateItem",
)


def _lower_camel(value: Any) -> Any:
    """CreateTable's PascalCase keys as ACK's camelCase spec fields; values stay as they are."""
    if isinstance(value, dict):
        return {key[:1].lower() + key[1:]: _lower_camel(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_lower_camel(item) for item in value]
    return value


def _upper_camel(value: Any) -> Any:
    if isinstance(value, dict):
        return {key[:1].upper() + key[1:]: _upper_camel(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_upper_camel(item) for item in value]
    return value


def create_table_arguments(spec: dict[str, Any]) -> dict[str, Any]:
    """The CreateTable arguments an ACK Table spec stands for (the inverse of the rendering)."""
    fields = ("tableName", "billingMode", "attributeDefinitions", "keySchema")
    arguments = {key: spec[key] for key in fields if key in spec}
    if "globalSecondaryIndexes" in spec:
        arguments["globalSecondaryIndexes"] = spec["globalSecondaryIndexes"]
    converted: dict[str, Any] = _upper_camel(arguments)
    return converted


def _tags(instance: Instance) -> list[dict[str, str]]:
    return [
        {"key": "app", "value": "virtual-coffee"},
        {"key": "deployment", "value": instance.deployment_id},
    ]


def _metadata(name: str, cluster: Cluster, **annotations: str) -> dict[str, Any]:
    # ArgoCD creates the AWS resources, and waits for them to be synced, before the rest.
    return {
        "name": name,
        "annotations": {
            "argocd.argoproj.io/sync-wave": AWS_WAVE,
            "services.k8s.aws/region": cluster.aws_region,
            **annotations,
        },
    }


def table_manifest(*, instance: Instance, cluster: Cluster, purge: bool = False) -> dict[str, Any]:
    """The ACK Table, generated from the definition the application itself creates tables with."""
    spec: dict[str, Any] = _lower_camel(table_definition(instance.table_name))
    spec["timeToLive"] = _lower_camel(time_to_live(instance.table_name)["TimeToLiveSpecification"])
    spec["sseSpecification"] = {
        "enabled": True,
        "sseType": "KMS",
        "kmsMasterKeyID": cluster.dynamodb_kms_key_arn,
    }
    spec["continuousBackups"] = {"pointInTimeRecoveryEnabled": True}
    spec["deletionProtectionEnabled"] = not purge
    spec["tags"] = _tags(instance)
    # Retained unless a purge was asked for: deleting the resource must not delete the data.
    policy = "delete" if purge else "retain"
    return {
        "apiVersion": DYNAMODB,
        "kind": "Table",
        "metadata": _metadata("vcoffee", cluster, **{"services.k8s.aws/deletion-policy": policy}),
        "spec": spec,
    }


def _table_arn(instance: Instance, cluster: Cluster) -> str:
    return (
        f"arn:aws:dynamodb:{cluster.aws_region}:{cluster.aws_account_id}"
        f":table/{instance.table_name}"
    )


def app_policy_document(*, instance: Instance, cluster: Cluster) -> dict[str, Any]:
    """What the pods may do: this instance's table, its own key prefix only, and its mail."""
    table_arn = _table_arn(instance, cluster)
    leading_keys = f"{instance.key_prefix}*"
    ses_arn = f"arn:aws:ses:{cluster.aws_region}:{cluster.aws_account_id}"
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ItemsOfThisDeployment",
                "Effect": "Allow",
                "Action": list(ITEM_ACTIONS),
                "Resource": [table_arn, f"{table_arn}/index/*"],
                "Condition": {
                    "ForAllValues:StringLike": {"dynamodb:LeadingKeys": [leading_keys]},
                    # ForAllValues holds for a request without keys; this refuses those.
                    "Null": {"dynamodb:LeadingKeys": "false"},
                },
            },
            {
                "Sid": "ReadinessProbe",
                "Effect": "Allow",
                "Action": ["dynamodb:DescribeTable"],
                "Resource": [table_arn],
            },
            {
                "Sid": "SendMail",
                "Effect": "Allow",
                "Action": ["ses:SendEmail", "ses:SendRawEmail"],
                "Resource": [
                    f"{ses_arn}:identity/{instance.sender_domain}",
                    f"{ses_arn}:configuration-set/{instance.table_name}",
                ],
                "Condition": {"StringEquals": {"ses:FromAddress": instance.email_from}},
            },
        ],
    }


def bootstrap_policy_document(*, instance: Instance, cluster: Cluster) -> dict[str, Any]:
    """The seed-config Job: read the configuration item and put it when absent, nothing else."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ConfigurationItemOnly",
                "Effect": "Allow",
                "Action": ["dynamodb:GetItem", "dynamodb:PutItem"],
                "Resource": [_table_arn(instance, cluster)],
                "Condition": {
                    "ForAllValues:StringEquals": {
                        "dynamodb:LeadingKeys": [f"{instance.key_prefix}CONFIG"]
                    },
                    "Null": {"dynamodb:LeadingKeys": "false"},
                },
            }
        ],
    }


def trust_policy_document(
    *, instance: Instance, cluster: Cluster, service_account: str = SERVICE_ACCOUNT
) -> dict[str, Any]:
    """IRSA: only this instance's service account, through the cluster's OIDC provider."""
    provider = cluster.eks_oidc_provider
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {
                    "Federated": f"arn:aws:iam::{cluster.aws_account_id}:oidc-provider/{provider}"
                },
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {
                        f"{provider}:sub": (
                            f"system:serviceaccount:{instance.namespace}:{service_account}"
                        ),
                        f"{provider}:aud": "sts.amazonaws.com",
                    }
                },
            }
        ],
    }


def role_arn(*, instance: Instance, cluster: Cluster, suffix: str = "") -> str:
    return f"arn:aws:iam::{cluster.aws_account_id}:role/{instance.table_name}{suffix}"


def iam_manifests(*, instance: Instance, cluster: Cluster) -> list[dict[str, Any]]:
    policy = {
        "apiVersion": IAM,
        "kind": "Policy",
        "metadata": _metadata("vcoffee-app", cluster),
        "spec": {
            "name": f"{instance.table_name}-app",
            "description": f"Virtual Coffee {instance.deployment_id}: its table items and mail",
            "policyDocument": json.dumps(
                app_policy_document(instance=instance, cluster=cluster), indent=2
            ),
            "tags": _tags(instance),
        },
    }
    role = {
        "apiVersion": IAM,
        "kind": "Role",
        "metadata": _metadata("vcoffee-app", cluster),
        "spec": {
            "name": instance.table_name,
            "description": f"Pods of Virtual Coffee {instance.deployment_id}",
            "assumeRolePolicyDocument": json.dumps(
                trust_policy_document(instance=instance, cluster=cluster), indent=2
            ),
            "maxSessionDuration": 3600,
            "policyRefs": [{"from": {"name": "vcoffee-app"}}],
            "tags": _tags(instance),
        },
    }
    bootstrap_policy = {
        "apiVersion": IAM,
        "kind": "Policy",
        "metadata": _metadata("vcoffee-bootstrap", cluster),
        "spec": {
            "name": f"{instance.table_name}-bootstrap",
            "description": f"Virtual Coffee {instance.deployment_id}: seed its configuration",
            "policyDocument": json.dumps(
                bootstrap_policy_document(instance=instance, cluster=cluster), indent=2
            ),
            "tags": _tags(instance),
        },
    }
    bootstrap_role = {
        "apiVersion": IAM,
        "kind": "Role",
        "metadata": _metadata("vcoffee-bootstrap", cluster),
        "spec": {
            "name": f"{instance.table_name}-bootstrap",
            "description": f"The seed-config Job of Virtual Coffee {instance.deployment_id}",
            "assumeRolePolicyDocument": json.dumps(
                trust_policy_document(
                    instance=instance, cluster=cluster, service_account=BOOTSTRAP_SERVICE_ACCOUNT
                ),
                indent=2,
            ),
            "maxSessionDuration": 3600,
            "policyRefs": [{"from": {"name": "vcoffee-bootstrap"}}],
            "tags": _tags(instance),
        },
    }
    return [policy, role, bootstrap_policy, bootstrap_role]


def ses_manifests(*, instance: Instance, cluster: Cluster) -> list[dict[str, Any]]:
    return [
        {
            "apiVersion": SES,
            "kind": "ConfigurationSet",
            "metadata": _metadata("vcoffee", cluster),
            "spec": {"name": instance.table_name},
        }
    ]


def elasticache_manifests(*, instance: Instance, cluster: Cluster) -> list[dict[str, Any]]:
    subnet_group = {
        "apiVersion": ELASTICACHE,
        "kind": "CacheSubnetGroup",
        "metadata": _metadata("vcoffee-redis", cluster),
        "spec": {
            "cacheSubnetGroupName": instance.table_name,
            "cacheSubnetGroupDescription": f"Virtual Coffee {instance.deployment_id}",
            "subnetIDs": list(cluster.cache_subnet_ids),
        },
    }
    replication_group = {
        "apiVersion": ELASTICACHE,
        "kind": "ReplicationGroup",
        "metadata": _metadata("vcoffee-redis", cluster),
        "spec": {
            "replicationGroupID": instance.table_name,
            "description": f"Virtual Coffee {instance.deployment_id} queue",
            "engine": "redis",
            "engineVersion": "7.1",
            "cacheNodeType": "cache.t4g.micro",
            # Cluster mode off: one shard of a primary and one replica in another zone.
            "numNodeGroups": 1,
            "replicasPerNodeGroup": 1,
            "automaticFailoverEnabled": True,
            "multiAZEnabled": True,
            "atRestEncryptionEnabled": True,
            "transitEncryptionEnabled": True,
            "authToken": {"name": REDIS_AUTH, "key": "token"},
            "cacheSubnetGroupName": instance.table_name,
            "securityGroupIDs": list(cluster.cache_security_group_ids),
            "port": 6379,
            "snapshotRetentionLimit": 1,
            "tags": _tags(instance),
        },
    }
    return [subnet_group, replication_group]
