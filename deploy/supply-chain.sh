#!/usr/bin/env bash
# Software bill of materials and vulnerability scan of every service image's Python dependencies,
# from uv.lock (what the Dockerfile installs: uv sync --frozen --no-dev --package sosai-<svc>).
#   deploy/supply-chain.sh sbom   -> var/sbom/<svc>.cdx.json (CycloneDX 1.6 JSON, cyclonedx-py)
#   deploy/supply-chain.sh scan   -> pip-audit of the same lists; exit 1 on a known vulnerability, and
#                                    also when a package could not be checked (--strict: no false "clean")
# Both tools run through `uv tool run` (pinned versions, fetched from PyPI once). Syft/grype (image-level
# SBOM and OS packages) are not packaged for this machine's registries: see docs/runbooks/images.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UV="${UV:-$(command -v uv || echo "$HOME/.local/bin/uv")}"
OUT="$ROOT/var/sbom"
CYCLONEDX="cyclonedx-bom==7.5.0"
PIP_AUDIT="pip-audit==2.9.0"
mkdir -p "$OUT"
packages=$(cd "$ROOT" && "$ROOT/.venv/bin/python" -c \
  'from sosai_shared.processes import SERVICES; print(" ".join(s.name for s in SERVICES))')

requirements() {  # the locked runtime dependencies of one service, as a requirements file
  (cd "$ROOT" && "$UV" export --frozen --no-dev --no-emit-workspace --no-hashes --package "sosai-$1" \
    --format requirements-txt -o "$OUT/$1.requirements.txt" >/dev/null)
}

case "${1:-}" in
  sbom)
    for svc in $packages; do
      requirements "$svc"
      "$UV" tool run --from "$CYCLONEDX" cyclonedx-py requirements "$OUT/$svc.requirements.txt" \
        --output-format JSON -o "$OUT/$svc.cdx.json"
      echo "sbom: $OUT/$svc.cdx.json"
    done ;;
  scan)
    rc=0
    for svc in $packages; do
      requirements "$svc"
      echo "== $svc"
      "$UV" tool run --from "$PIP_AUDIT" pip-audit --strict --no-deps --disable-pip \
        -r "$OUT/$svc.requirements.txt" || rc=1
    done
    exit $rc ;;
  *) echo "usage: $0 {sbom|scan}" >&2; exit 2 ;;
esac
