#!/usr/bin/env bash
# make logs INSTANCE=x [FOLLOW=1] [COMPONENT=api|worker]: the instance's pod logs.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_instance
ns="$(namespace_of "$INSTANCE")"
selector="app.kubernetes.io/name=vcoffee${COMPONENT:+,app.kubernetes.io/component=$COMPONENT}"
say "logs of $INSTANCE: pods matching $selector in $ns${FOLLOW:+, following}"
need_cluster
"$KUBECTL" -n "$ns" logs -l "$selector" --all-containers --prefix --tail=200 \
    --max-log-requests=20 ${FOLLOW:+--follow}
