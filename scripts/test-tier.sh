#!/usr/bin/env bash
# Runs every test suite against one tier of real infrastructure, started here and stopped after.
#   scripts/test-tier.sh embedded [pytest args]   SQLite files + the embedded Tansu broker (make test)
#   scripts/test-tier.sh full     [pytest args]   PostgreSQL + Apache Kafka 4.1 (make test-full)
# The test tier's broker and var dir are separate from `make run`'s, so both can run at once.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
tier="${1:?usage: test-tier.sh embedded|full [pytest args]}"
shift
export SOSAI_VAR_DIR="$ROOT/var/test-$tier"
mkdir -p "$SOSAI_VAR_DIR"
PYTEST=("$ROOT/.venv/bin/python" -m pytest)
EXTRA=()
# every service's suite (their unit/ folders included, collected once), then the cross-service tests
SUITES=(shared/tests services/*/tests tests)

# One programme serves a whole session of tests from one address (127.0.0.1) and a few tokens, so
# the suites run with budgets no test reaches; the limiter itself is tested with small ones
# (shared/tests/test_rate_limits.py), and `make run` keeps the real defaults.
eval "$("$ROOT/.venv/bin/python" -m sosai_shared.ratelimit --generous-env)"

case "$tier" in
  embedded)
    export SOSAI_TANSU_PORT="${SOSAI_TANSU_PORT:-19093}"
    export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$SOSAI_TANSU_PORT" SOSAI_BROKER_KIND=tansu
    export KAFKA_ENABLE_IDEMPOTENCE=false
    unset SOSAI_TEST_POSTGRES || true
    # tests/full_tier holds faults only a database server can have (restart under load)
    EXTRA=(--ignore=tests/full_tier)
    trap 'bash deploy/local/tansu.sh stop || true' EXIT
    bash deploy/local/tansu.sh start
    ;;
  full)
    # PostgreSQL and Kafka keep their data under the shared var/ (wiped per run: a clean cluster each time)
    # ports of their own, so a developer's `make infra-up` cluster (55432/29092) is left alone, and
    # below Linux's ephemeral range (32768-60999): a client socket of the embedded tier that ran just
    # before, still in TIME_WAIT on 55442, once kept PostgreSQL from binding there and failed CI
    export SOSAI_KAFKA_PORT="${SOSAI_KAFKA_PORT:-29192}" SOSAI_KAFKA_CONTROLLER_PORT="${SOSAI_KAFKA_CONTROLLER_PORT:-29193}"
    export SOSAI_PG_PORT="${SOSAI_PG_PORT:-25442}"
    export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$SOSAI_KAFKA_PORT" SOSAI_BROKER_KIND=kafka
    export KAFKA_ENABLE_IDEMPOTENCE=true
    export SOSAI_TEST_POSTGRES="postgresql+asyncpg://postgres@127.0.0.1:$SOSAI_PG_PORT"
    # tests that touch neither database nor broker (unit folders, deployment manifests, documents)
    # give the same answer on both tiers: make test runs them, this tier need not run them again
    EXTRA=(-m "not tier_independent")
    trap 'bash deploy/local/kafka.sh stop || true; bash deploy/local/postgres.sh stop || true' EXIT
    bash deploy/local/postgres.sh start
    bash deploy/local/kafka.sh wipe >/dev/null 2>&1 || true
    bash deploy/local/kafka.sh start
    "$ROOT/.venv/bin/python" deploy/local/kafka_smoke.py --bootstrap "$KAFKA_BOOTSTRAP_SERVERS"
    ;;
  *) echo "unknown tier $tier" >&2; exit 2 ;;
esac

# kustomize for the deployment validation tests (built once with Go, cached under var/tools)
bash deploy/k8s/tools.sh >/dev/null

echo "== test tier: $tier (broker $KAFKA_BOOTSTRAP_SERVERS${SOSAI_TEST_POSTGRES:+, database $SOSAI_TEST_POSTGRES})"
# paths given on the command line replace the default suites: scripts/test-tier.sh embedded services/registry/tests -x
if [ $# -gt 0 ] && [ -e "${1%%::*}" ]; then
  SUITES=()
  while [ $# -gt 0 ] && [ -e "${1%%::*}" ]; do SUITES+=("$1"); shift; done
fi
existing=()
for s in "${SUITES[@]}"; do [ -e "${s%%::*}" ] && existing+=("$s"); done
"${PYTEST[@]}" "${existing[@]}" "${EXTRA[@]}" -p no:randomly -q -ra --durations=15 "$@"
