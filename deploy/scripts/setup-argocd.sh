#!/usr/bin/env bash
# make setup-argocd: install the pinned Argo CD, then the project and ApplicationSet of deploy/argocd/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
manifest="https://raw.githubusercontent.com/argoproj/argo-cd/$ARGOCD_VERSION/manifests/install.yaml"
say "setup-argocd: install Argo CD $ARGOCD_VERSION into namespace argocd, then apply deploy/argocd/"
"$PYTHON" -m deploy.tools.render verify >/dev/null
need_cluster
"$KUBECTL" create namespace argocd --dry-run=client -o yaml | "$KUBECTL" apply -f -
"$KUBECTL" -n argocd apply --server-side --force-conflicts -f "$manifest"
"$KUBECTL" -n argocd rollout status deployment/argocd-applicationset-controller --timeout=300s
"$KUBECTL" -n argocd rollout status deployment/argocd-repo-server --timeout=300s
"$KUBECTL" apply -k deploy/argocd
say "done; make setup-secrets gives Argo CD access to the repository if it is private"
