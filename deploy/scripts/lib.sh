# Shared by the deploy/scripts/*.sh targets: plain messages, and clear failures when a tool,
# an instance or the cluster is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=../versions.env
source "$ROOT/deploy/versions.env"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
INSTANCES_DIR="${INSTANCES_DIR:-deploy/instances}"
if [[ -x "$ROOT/.tools/bin/kubectl" ]]; then KUBECTL="$ROOT/.tools/bin/kubectl"; else KUBECTL=kubectl; fi

say() { printf '==> %s\n' "$*"; }
fail() { printf 'error %s: %s\n' "$1" "$2" >&2; exit 1; }

need_tool() {
    command -v "$1" >/dev/null 2>&1 || fail TOOL_MISSING "'$1' is not installed: $2"
}

need_instance() {
    local known
    known="$(cd "$INSTANCES_DIR" 2>/dev/null && ls -- *.yaml 2>/dev/null | sed 's/\.yaml$//' | tr '\n' ' ')"
    [[ -n "${INSTANCE:-}" ]] || fail MISSING_KEY "set INSTANCE=<name>; instances: ${known:-none}"
    [[ "$INSTANCE" =~ ^[a-z][a-z0-9-]*[a-z0-9]$ ]] || fail INVALID_VALUE "'$INSTANCE' is not an instance name"
    [[ -f "$INSTANCES_DIR/$INSTANCE.yaml" ]] \
        || fail FILE_NOT_FOUND "$INSTANCES_DIR/$INSTANCE.yaml does not exist; instances: ${known:-none}"
}

need_cluster() {
    command -v "$KUBECTL" >/dev/null 2>&1 \
        || fail TOOL_MISSING "kubectl is not installed: run make deploy-tools"
    local context
    context="$("$KUBECTL" config current-context 2>/dev/null)" \
        || fail NO_CLUSTER "kubectl has no current context; run: aws eks update-kubeconfig --name <cluster> --region <region>"
    "$KUBECTL" version --request-timeout=10s >/dev/null 2>&1 \
        || fail NO_CLUSTER "the cluster of context '$context' does not answer"
}

namespace_of() { printf 'vcoffee-%s' "$1"; }

confirm() {
    # $1: the word to type. No terminal (CI, pipes) means no confirmation.
    local answer
    [[ -t 0 ]] || fail NOT_CONFIRMED "run this from a terminal to confirm, or pass CONFIRM=$1"
    read -r -p "Type '$1' to go on: " answer
    [[ "$answer" == "$1" ]] || fail NOT_CONFIRMED "nothing was changed"
}
