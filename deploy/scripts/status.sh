#!/usr/bin/env bash
# make status: every instance's ArgoCD application, workloads and AWS resources.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
say "status: ArgoCD applications, then pods and ACK resources of each vcoffee-* namespace"
need_cluster
"$KUBECTL" -n argocd get applications -l app.kubernetes.io/part-of=virtual-coffee \
    -o custom-columns='NAME:.metadata.name,SYNC:.status.sync.status,HEALTH:.status.health.status,REVISION:.status.sync.revision'
for ns in $("$KUBECTL" get namespaces -o name | sed -n 's#^namespace/\(vcoffee-.*\)#\1#p'); do
    say "$ns"
    "$KUBECTL" -n "$ns" get deployments,hpa,pods
    "$KUBECTL" -n "$ns" get tables.dynamodb.services.k8s.aws,roles.iam.services.k8s.aws,replicationgroups.elasticache.services.k8s.aws \
        -o custom-columns='KIND:.kind,NAME:.metadata.name,SYNCED:.status.conditions[?(@.type=="ACK.ResourceSynced")].status' \
        2>/dev/null || true
done
