#!/usr/bin/env bash
# make destroy INSTANCE=x [PURGE=1]: remove the instance from git, so ArgoCD deletes it.
# The DynamoDB table is kept (deletion policy retain, deletion protection on) unless PURGE=1.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_instance
need_tool git "needed to remove the overlay"
ns="$(namespace_of "$INSTANCE")"
if [[ -n "${PURGE:-}" ]]; then
    say "destroy $INSTANCE WITH ITS DATA: the table vcoffee-$INSTANCE is deleted for good."
    say "steps: commit the overlay with deletion protection off, wait for ArgoCD to apply it,"
    say "then remove $INSTANCES_DIR/$INSTANCE{,.yaml} from git so ArgoCD deletes everything"
else
    say "destroy $INSTANCE: remove $INSTANCES_DIR/$INSTANCE{,.yaml} from git; ArgoCD deletes namespace $ns"
    say "and the AWS resources, but keeps the table vcoffee-$INSTANCE (make destroy PURGE=1 deletes it)"
fi
[[ "${CONFIRM:-}" == "$INSTANCE" ]] || confirm "$INSTANCE"
if [[ -n "${PURGE:-}" ]]; then
    need_cluster
    PURGE=1 PUSH=1 "$ROOT/deploy/scripts/deploy.sh"
    say "waiting for the table to be applied without deletion protection"
    for _ in $(seq 1 60); do
        protected="$("$KUBECTL" -n "$ns" get table vcoffee -o jsonpath='{.spec.deletionProtectionEnabled}' 2>/dev/null || true)"
        synced="$("$KUBECTL" -n "$ns" get table vcoffee -o jsonpath='{.status.conditions[?(@.type=="ACK.ResourceSynced")].status}' 2>/dev/null || true)"
        [[ "$protected" == "false" && "$synced" == "True" ]] && break
        sleep 10
    done
    [[ "$protected" == "false" && "$synced" == "True" ]] \
        || fail TIMEOUT "the table is still protected; nothing was removed from git"
fi
git rm -q -r -- "$INSTANCES_DIR/$INSTANCE" "$INSTANCES_DIR/$INSTANCE.yaml"
git commit -q -m "Destroy instance $INSTANCE${PURGE:+ and its table}" -- "$INSTANCES_DIR/$INSTANCE" "$INSTANCES_DIR/$INSTANCE.yaml"
say "committed $(git rev-parse --short HEAD); git push to let ArgoCD delete the instance"
[[ -n "${PUSH:-}${PURGE:-}" ]] && git push
exit 0
