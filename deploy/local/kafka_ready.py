"""Wait until a Kafka-protocol broker answers an admin call (not just an open port).

Used by kafka.sh and tansu.sh. Exit codes: 0 ready, 1 timed out, 2 the broker process
(--pid) died while we waited, 3 aiokafka is not importable.

    python kafka_ready.py --bootstrap 127.0.0.1:29092 --timeout 90 [--pid 1234]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time


def _alive(pid: int | None) -> bool:
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie (exited, not yet reaped) still answers kill(0)
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


async def _probe(bootstrap: str) -> None:
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=5000)
    try:
        await admin.start()
        await admin.list_topics()
        await admin.describe_cluster()
    finally:
        await admin.close()


async def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--timeout", type=float, default=90.0)
    ap.add_argument("--pid", type=int, default=None)
    args = ap.parse_args()

    try:
        import aiokafka  # noqa: F401
    except ImportError:
        return 3
    # aiokafka logs every refused connection at ERROR while the broker boots.
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)

    deadline = time.monotonic() + args.timeout
    last: BaseException | None = None
    while time.monotonic() < deadline:
        if not _alive(args.pid):
            print(f"broker process {args.pid} exited", file=sys.stderr)
            return 2
        try:
            await asyncio.wait_for(_probe(args.bootstrap), timeout=10)
            return 0
        except Exception as exc:  # any failure means "not yet"
            last = exc
        await asyncio.sleep(0.3)
    print(f"no admin answer from {args.bootstrap} within {args.timeout:.0f}s: {last!r}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
