#!/usr/bin/env bash
# make setup-secrets [INSTANCE=x]: secrets that never go into git.
#  - Argo CD's credentials for this repository, when REPO_SSH_KEY_FILE is set.
#  - With INSTANCE: the Secret vcoffee-secrets of vcoffee-<x>, from the AWS Secrets Manager
#    secret vcoffee/<x> (a JSON object of VCOFFEE_* keys: VCOFFEE_JWT_SIGNING_KEYS,
#    VCOFFEE_SESSION_SECRET, VCOFFEE_OIDC_PROVIDERS). With ElastiCache, also the Redis AUTH
#    token (generated once, kept in vcoffee/<x>) and VCOFFEE_REDIS_URL from the replication
#    group's endpoint.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
repo="$("$PYTHON" -c 'import yaml; print(yaml.safe_load(open("deploy/cluster.yaml"))["git_repo_url"])')"
say "setup-secrets: ${REPO_SSH_KEY_FILE:+Argo CD repository credentials for $repo; }${INSTANCE:+Secret vcoffee-secrets of $(namespace_of "${INSTANCE}") from Secrets Manager vcoffee/$INSTANCE}"
[[ -n "${REPO_SSH_KEY_FILE:-}${INSTANCE:-}" ]] \
    || fail MISSING_KEY "set REPO_SSH_KEY_FILE (repository credentials) and/or INSTANCE=<name>"
need_cluster
if [[ -n "${REPO_SSH_KEY_FILE:-}" ]]; then
    [[ -f "$REPO_SSH_KEY_FILE" ]] || fail FILE_NOT_FOUND "$REPO_SSH_KEY_FILE does not exist"
    "$KUBECTL" -n argocd create secret generic virtual-coffee-repo \
        --from-literal=type=git --from-literal=url="$repo" \
        --from-file=sshPrivateKey="$REPO_SSH_KEY_FILE" --dry-run=client -o yaml \
        | "$KUBECTL" label --local -f - argocd.argoproj.io/secret-type=repository -o yaml \
        | "$KUBECTL" apply -f -
fi
[[ -n "${INSTANCE:-}" ]] || exit 0
need_instance
need_tool aws "install the AWS CLI v2 and sign in to the cluster's account"
need_tool jq "install jq"
ns="$(namespace_of "$INSTANCE")"
pending=()
secret_json="$(aws secretsmanager get-secret-value --secret-id "vcoffee/$INSTANCE" \
    --query SecretString --output text)" \
    || fail NOT_FOUND "Secrets Manager has no secret vcoffee/$INSTANCE; create it with the VCOFFEE_* keys"
redis="$("$PYTHON" -c "import yaml; print(yaml.safe_load(open('$INSTANCES_DIR/$INSTANCE.yaml')).get('redis', 'elasticache'))")"
"$KUBECTL" create namespace "$ns" --dry-run=client -o yaml | "$KUBECTL" apply -f -
if [[ "$redis" == "elasticache" ]]; then
    token="$(jq -r '.REDIS_AUTH_TOKEN // empty' <<<"$secret_json")"
    if [[ -z "$token" ]]; then
        token="$(openssl rand -hex 32)"
        secret_json="$(jq --arg t "$token" '. + {REDIS_AUTH_TOKEN: $t}' <<<"$secret_json")"
        aws secretsmanager put-secret-value --secret-id "vcoffee/$INSTANCE" --secret-string "$secret_json" >/dev/null
    fi
    "$KUBECTL" -n "$ns" create secret generic vcoffee-redis-auth --from-literal=token="$token" \
        --dry-run=client -o yaml | "$KUBECTL" apply -f -
    endpoint="$("$KUBECTL" -n "$ns" get replicationgroup vcoffee-redis \
        -o jsonpath='{.status.nodeGroups[0].primaryEndpoint.address}' 2>/dev/null || true)"
    if [[ -n "$endpoint" ]]; then
        secret_json="$(jq --arg u "rediss://:$token@$endpoint:6379/0" '. + {VCOFFEE_REDIS_URL: $u}' <<<"$secret_json")"
    else
        pending=(--pending VCOFFEE_REDIS_URL)
        say "the ElastiCache endpoint is not known yet: run this again once the replication group is available"
    fi
fi
# The pods' settings, loaded by the application from the rendered ConfigMap and these keys:
# a missing or misspelt key stops here instead of in every pod.
"$PYTHON" -m deploy.tools.contract --instances-dir "$INSTANCES_DIR" check "${pending[@]}" "$INSTANCE" <<<"$secret_json"
args=()
while IFS= read -r key; do
    args+=("--from-literal=$key=$(jq -r --arg k "$key" '.[$k]' <<<"$secret_json")")
done < <(jq -r 'keys[] | select(startswith("VCOFFEE_"))' <<<"$secret_json")
"$KUBECTL" -n "$ns" create secret generic vcoffee-secrets "${args[@]}" --dry-run=client -o yaml \
    | "$KUBECTL" apply -f -
"$KUBECTL" -n "$ns" rollout restart deployment/api deployment/worker 2>/dev/null || true
say "done: ${#args[@]} keys in $ns/vcoffee-secrets"
