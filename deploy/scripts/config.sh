#!/usr/bin/env bash
# make config INSTANCE=x: show the instance's validated settings and whether its overlay is current.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_instance
say "config $INSTANCE: validate $INSTANCES_DIR/$INSTANCE.yaml and render it offline (nothing is written)"
"$PYTHON" -m deploy.tools.render --instances-dir "$INSTANCES_DIR" check "$INSTANCE"
cat "$INSTANCES_DIR/$INSTANCE.yaml"
if "$PYTHON" -m deploy.tools.render --instances-dir "$INSTANCES_DIR" verify >/dev/null 2>&1; then
    say "committed overlays are current"
else
    say "the overlay differs from $INSTANCE.yaml: run make deploy INSTANCE=$INSTANCE to apply the change"
fi
