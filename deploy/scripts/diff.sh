#!/usr/bin/env bash
# make diff INSTANCE=x: what ArgoCD would change in the cluster (kubectl diff of the overlay).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_instance
say "diff $INSTANCE: $INSTANCES_DIR/$INSTANCE/ against namespace $(namespace_of "$INSTANCE") of the current cluster"
need_cluster
"$PYTHON" -m deploy.tools.render --instances-dir "$INSTANCES_DIR" verify >/dev/null
status=0
"$KUBECTL" diff -k "$INSTANCES_DIR/$INSTANCE" || status=$?
case "$status" in
    0) say "$INSTANCE: the cluster already matches the overlay" ;;
    1) say "$INSTANCE: the lines above change when ArgoCD syncs (after git push)" ;;
    *) fail DIFF_FAILED "kubectl diff exited with $status" ;;
esac
