#!/usr/bin/env bash
# make deploy INSTANCE=x: validate the instance file, write its overlay, commit it for ArgoCD.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_instance
say "deploy $INSTANCE: validate $INSTANCES_DIR/$INSTANCE.yaml, render and check $INSTANCES_DIR/$INSTANCE/,"
say "then commit both${PUSH:+ and push} so that ArgoCD syncs namespace $(namespace_of "$INSTANCE")"
"$PYTHON" -m deploy.tools.render --instances-dir "$INSTANCES_DIR" write ${PURGE:+--purge} "$INSTANCE"
"$PYTHON" -m deploy.tools.render write-argocd
if [[ "${DEPLOY_COMMIT:-1}" == "0" ]]; then
    say "DEPLOY_COMMIT=0: overlay written, not committed"
    exit 0
fi
need_tool git "needed to commit the overlay"
paths=("$INSTANCES_DIR/$INSTANCE.yaml" "$INSTANCES_DIR/$INSTANCE" deploy/argocd/*.from-cluster.yaml)
git add -- "${paths[@]}"
if git diff --cached --quiet -- "${paths[@]}"; then
    say "$INSTANCE: overlay already committed and current"
else
    git commit -q -m "Deploy instance $INSTANCE${PURGE:+ (table unprotected for purge)}" -- "${paths[@]}"
    say "committed $(git rev-parse --short HEAD)"
fi
if [[ -n "${PUSH:-}" ]]; then
    git push
else
    say "next: git push (ArgoCD follows the remote), then make setup-secrets INSTANCE=$INSTANCE"
fi
