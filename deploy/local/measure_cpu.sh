#!/usr/bin/env bash
# CPU and memory of one service process under the registry benchmark's load (bench/registry/run.py):
# samples /proc/<pid>/stat (utime + stime) and VmRSS every second, then prints CPU seconds per operation,
# the busiest 5-second window (in cores) and the peak RSS. The figures behind the pods' CPU requests
# (docs/runbooks/capacity.md). Uses SOSAI_PG_PORT / SOSAI_TANSU_PORT / BENCH_PORT (default 18590).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PORT="${BENCH_PORT:-18590}"
SECONDS_LOAD="${BENCH_SECONDS:-30}"
CLIENTS="${BENCH_CLIENTS:-16}"
export SOSAI_VAR_DIR="${SOSAI_VAR_DIR:-$ROOT/var/cpu-bench}"
mkdir -p "$SOSAI_VAR_DIR"
samples="$SOSAI_VAR_DIR/cpu-samples.txt"
: >"$samples"
bash deploy/local/postgres.sh start >/dev/null
bash deploy/local/tansu.sh start >/dev/null
trap 'bash deploy/local/tansu.sh stop >/dev/null; bash deploy/local/postgres.sh stop >/dev/null' EXIT
.venv/bin/python bench/registry/run.py --pg "127.0.0.1:${SOSAI_PG_PORT:-55432}" \
  --broker "127.0.0.1:${SOSAI_TANSU_PORT:-19092}" --port "$PORT" --clients "$CLIENTS" \
  --seconds "$SECONDS_LOAD" >"$SOSAI_VAR_DIR/bench.txt" 2>&1 &
bench=$!
pid=""
for _ in $(seq 1 120); do
  pid="$(pgrep -f "uvicorn sosai_registry.main:create_app --factory --host 127.0.0.1 --port $PORT" | head -1 || true)"
  [ -n "$pid" ] && break
  sleep 0.5
done
[ -n "$pid" ] || { echo "measure_cpu.sh: the registry did not start" >&2; exit 1; }
while kill -0 "$pid" 2>/dev/null; do
  read -r u s < <(awk '{print $14, $15}' "/proc/$pid/stat" 2>/dev/null) || break
  echo "$(date +%s.%N) $u $s $(awk '/VmRSS/{print $2}' "/proc/$pid/status" 2>/dev/null) $(cut -d' ' -f1 /proc/loadavg)" >>"$samples"
  sleep 1
done
wait "$bench"
cat "$SOSAI_VAR_DIR/bench.txt"
.venv/bin/python - "$samples" "$SOSAI_VAR_DIR/bench.txt" "$SECONDS_LOAD" "$(getconf CLK_TCK)" <<'PY'
import re, sys
samples, bench, window, tck = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
pts = [(float(t), (int(u) + int(s)) / tck, int(r) / 1024, float(l)) for t, u, s, r, l in (x.split() for x in open(samples))]
ops = int(re.search(r"(\d+) ops in", open(bench).read()).group(1))
end = pts[-1]
start = next(p for p in pts if p[0] >= end[0] - window)
cpu = end[1] - start[1]
busiest = max((pts[i + 5][1] - pts[i][1]) / (pts[i + 5][0] - pts[i][0]) for i in range(len(pts) - 5))
print(f"registry process: {cpu:.2f} CPU-s over the last {window:.0f} s for {ops} ops = {1000 * cpu / ops:.1f} ms CPU per op;"
      f" busiest 5 s: {busiest:.2f} cores; peak RSS {max(p[2] for p in pts):.0f} MiB;"
      f" load average {min(p[3] for p in pts):.1f}-{max(p[3] for p in pts):.1f}")
PY
