#!/usr/bin/env bash
# make setup-operators: the pinned ACK controllers (DynamoDB, IAM, SES, ElastiCache) and the
# AWS Load Balancer Controller. Each controller needs an IAM role for its service account
# (IRSA); their ARNs come from ACK_ROLE_ARN_PREFIX (…:role/ack-) and LBC_ROLE_ARN.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
region="$("$PYTHON" -c 'import yaml; print(yaml.safe_load(open("deploy/cluster.yaml"))["aws_region"])')"
say "setup-operators in $region: ACK dynamodb $ACK_DYNAMODB_CHART_VERSION, iam $ACK_IAM_CHART_VERSION,"
say "ses $ACK_SES_CHART_VERSION, elasticache $ACK_ELASTICACHE_CHART_VERSION (namespace ack-system);"
say "aws-load-balancer-controller chart $AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION (kube-system)"
need_tool helm "install Helm 3.8 or newer (OCI charts)"
[[ -n "${ACK_ROLE_ARN_PREFIX:-}" ]] || fail MISSING_KEY "set ACK_ROLE_ARN_PREFIX, e.g. arn:aws:iam::123456789012:role/ack-"
[[ -n "${LBC_ROLE_ARN:-}" && -n "${CLUSTER_NAME:-}" ]] || fail MISSING_KEY "set LBC_ROLE_ARN and CLUSTER_NAME"
need_cluster
for entry in "dynamodb:$ACK_DYNAMODB_CHART_VERSION" "iam:$ACK_IAM_CHART_VERSION" \
             "ses:$ACK_SES_CHART_VERSION" "elasticache:$ACK_ELASTICACHE_CHART_VERSION"; do
    service="${entry%%:*}" version="${entry#*:}"
    say "ack-$service-controller $version"
    helm upgrade --install "ack-$service-controller" \
        "oci://public.ecr.aws/aws-controllers-k8s/$service-chart" --version "$version" \
        --namespace ack-system --create-namespace \
        --set aws.region="$region" \
        --set serviceAccount.annotations."eks\.amazonaws\.com/role-arn"="${ACK_ROLE_ARN_PREFIX}$service" \
        --wait
done
helm repo add eks https://aws.github.io/eks-charts >/dev/null
helm repo update eks >/dev/null
helm upgrade --install aws-load-balancer-controller eks/aws-load-balancer-controller \
    --version "$AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION" --namespace kube-system \
    --set clusterName="$CLUSTER_NAME" \
    --set serviceAccount.annotations."eks\.amazonaws\.com/role-arn"="$LBC_ROLE_ARN" --wait
say "done"
