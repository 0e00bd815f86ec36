#!/usr/bin/env bash
# The floor of the registry's request stack, beside the move itself, in one run.
#
# Runs bench/registry/run.py (its arguments are passed through) five times:
#   1. the move, as committed (HEAD);
#   2. the floor: a copy of HEAD whose transfer and retirement routes run one `SELECT 1` in the
#      unit of work instead of the move (floor/select1.patch): uvicorn, FastAPI, the three
#      middlewares, authentication, the unit of work and its session, BEGIN/COMMIT, the response;
#   3. the same floor without the three middlewares (floor/no-middlewares.patch);
#   4. the floor with a pool of 40 connections, so that none of the 32 clients waits for an
#      overflow connection to be opened and closed per request;
#   5. the move with that pool.
# The invariants check of runs 2-4 reports VIOLATED (their 201s move nothing): expected.
#
#   PATH=$HOME/go/bin:$PATH bash bench/registry/floor.sh --pg 127.0.0.1:41050 \
#       --broker 127.0.0.1:41060 --port 41070 --seconds 15
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for variant in select1 bare; do
  mkdir "$work/$variant"
  git -C "$root" archive HEAD services shared | tar -x -C "$work/$variant"
  patch -s -p1 -d "$work/$variant" < "$here/floor/select1.patch"
done
patch -s -p1 -d "$work/bare" < "$here/floor/no-middlewares.patch"

run() {
  echo "== $1"
  shift
  "$root/.venv/bin/python" "$here/run.py" "$@" 2>&1 | grep -E "^(closed|open|pgbench|ratio)"
}
run "move (HEAD)" "$@"
run "floor: SELECT 1 through the whole stack" "$@" --src "$work/select1"
run "floor without the three middlewares" "$@" --src "$work/bare"
REGISTRY_DB_POOL_SIZE=40 run "floor, pool of 40" "$@" --src "$work/select1"
REGISTRY_DB_POOL_SIZE=40 run "move (HEAD), pool of 40" "$@"
