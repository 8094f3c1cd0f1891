#!/usr/bin/env bash
# Checks the machine's prerequisites; installs missing ones with apt-get when root on Debian/Ubuntu.
set -euo pipefail

need_browser="${1:-}"
missing=()   # Debian packages to install
problems=()  # what we cannot fix here

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

check_python() {
  local py="${PYTHON:-python3}"
  if ! command -v "$py" >/dev/null; then missing+=(python3 python3-venv); return; fi
  local v; v=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  version_ge "$v" "3.11" || problems+=("Python 3.11+ is required ($py is $v); set PYTHON=/path/to/python3.11+")
  "$py" -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
}

check_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    problems+=("Node.js 20 with npm is required: install it (e.g. from NodeSource) and re-run"); return
  fi
  local v; v=$(node -p 'process.versions.node')
  version_ge "$v" "20.0.0" || problems+=("Node.js 20+ is required (found $v)")
}

check_java() {
  command -v java >/dev/null && command -v javac >/dev/null || { missing+=(openjdk-17-jdk-headless); return; }
  local v; v=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  version_ge "$v" "17" || problems+=("Java 17+ is required (found $v)")
}

check_redis() {
  [ -n "${REDIS_URL:-}" ] && return
  command -v redis-server >/dev/null || missing+=(redis-server)
}

check_browser() {
  [ "$need_browser" = "--browser" ] || return 0
  command -v chromium >/dev/null || missing+=(chromium)
}

check_python; check_node; check_java; check_redis; check_browser

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing with apt-get: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    problems+=("missing: ${missing[*]} (install these packages, e.g. with sudo apt-get install ${missing[*]})")
  fi
fi

if [ ${#problems[@]} -gt 0 ]; then
  printf 'Prerequisites not met:\n' >&2
  printf '  - %s\n' "${problems[@]}" >&2
  exit 1
fi
