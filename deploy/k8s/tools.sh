#!/usr/bin/env bash
# Installs the tools the deployment checks need, offline afterwards; prints the kustomize path.
#   deploy/k8s/tools.sh            -> installs if missing, prints e.g. /repo/var/tools/bin/kustomize
#   deploy/k8s/tools.sh promtool   -> prints the path of promtool (Prometheus's rule checker), installing
#                                     Debian's `prometheus` package (it ships promtool) when missing
# kustomize is built from the Go module proxy (`go install`, about 50 s on a new 2-core machine with an
# empty Go cache, about 1 s after that) into $SOSAI_TOOLS_DIR/bin (default <repo>/var/tools/bin,
# gitignored). Idempotent: an existing binary of the pinned version is reused. Without Go it installs
# Go from Debian (apt-get); `kubectl kustomize` is the last resort (a wrapper script).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KUSTOMIZE_VERSION="${KUSTOMIZE_VERSION:-v5.7.1}"
TOOLS_DIR="${SOSAI_TOOLS_DIR:-$ROOT/var/tools}"
BIN="$TOOLS_DIR/bin"
KUSTOMIZE="$BIN/kustomize"
mkdir -p "$BIN"

if [ "${1:-}" = promtool ]; then
  if ! command -v promtool >/dev/null; then
    exec 9>"$TOOLS_DIR/.install.lock"
    flock 9
    command -v promtool >/dev/null ||
      (apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }) ||
      { echo "tools.sh: cannot install promtool (Debian package prometheus)" >&2; exit 1; }
  fi
  command -v promtool
  exit 0
fi

have_version() {
  [ -x "$KUSTOMIZE" ] && "$KUSTOMIZE" version 2>/dev/null | grep -q -- "$KUSTOMIZE_VERSION"
}

if ! have_version; then
  exec 9>"$TOOLS_DIR/.install.lock"   # two test runs starting together build it once
  flock 9
  if ! have_version; then
    GO="$(command -v go || true)"
    [ -z "$GO" ] && [ -x /usr/local/go/bin/go ] && GO=/usr/local/go/bin/go
    if [ -z "$GO" ] && command -v apt-get >/dev/null; then
      (apt-get install -y -qq golang-go >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq golang-go >/dev/null; }) || true
      GO="$(command -v go || true)"
    fi
    if [ -n "$GO" ]; then
      rm -f "$KUSTOMIZE"
      GOBIN="$BIN" GOFLAGS=-mod=mod "$GO" install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" >&2
    elif command -v kubectl >/dev/null; then
      printf '#!/bin/sh\n# fallback: kubectl'"'"'s built-in kustomize (wanted %s)\n[ "$1" = build ] && shift\nexec kubectl kustomize "$@"\n' \
        "$KUSTOMIZE_VERSION" >"$KUSTOMIZE"
      chmod +x "$KUSTOMIZE"
      echo "tools.sh: no Go toolchain; using 'kubectl kustomize'" >&2
    else
      echo "tools.sh: cannot install kustomize: neither Go nor kubectl is available" >&2
      exit 1
    fi
  fi
fi
have_version || [ -x "$KUSTOMIZE" ] || { echo "tools.sh: kustomize install failed" >&2; exit 1; }
echo "$KUSTOMIZE"
