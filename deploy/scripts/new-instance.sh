#!/usr/bin/env bash
# make new-instance INSTANCE=x [INSTANCE_HOST=...] [EMAIL_FROM=...] [ADMIN_EMAIL=...] [TIME_ZONE=...]
#   [REDIS=in-cluster]: deploy/instances/x.yaml from deploy/templates/instance.yaml, and its
#   overlay rendered and validated. Nothing is committed: edit the file, then make deploy.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ -n "${INSTANCE:-}" ]] || fail MISSING_KEY "set INSTANCE=<name> (lower-case letters, digits and hyphens)"
say "new-instance $INSTANCE: write $INSTANCES_DIR/$INSTANCE.yaml from deploy/templates/instance.yaml, render and validate $INSTANCES_DIR/$INSTANCE/"
args=()
[[ -z "${INSTANCE_HOST:-}" ]] || args+=(--host "$INSTANCE_HOST")
[[ -z "${EMAIL_FROM:-}" ]] || args+=(--email-from "$EMAIL_FROM")
[[ -z "${ADMIN_EMAIL:-}" ]] || args+=(--admin-email "$ADMIN_EMAIL")
[[ -z "${TIME_ZONE:-}" ]] || args+=(--time-zone "$TIME_ZONE")
[[ -z "${REDIS:-}" ]] || args+=(--redis "$REDIS")
[[ -z "${IMAGE_TAG:-}" ]] || args+=(--image-tag "$IMAGE_TAG")
"$PYTHON" -m deploy.tools.new_instance --instances-dir "$INSTANCES_DIR" "${args[@]}" "$INSTANCE"
say "next: set host, email_from and admin_emails in $INSTANCES_DIR/$INSTANCE.yaml, then make deploy INSTANCE=$INSTANCE"
