"""Webhook deliveries survive a restart of PostgreSQL (the full tier only: SQLite has no server).

The notifications service runs as a real process on the tier's PostgreSQL and Kafka; the
cluster is stopped while deliveries are pending and while new events arrive, then started
again. The consumer must not move its offsets past events it could not store, and the worker
must not lose or double the deliveries it was sending: the receiver (deduplicating by
``webhook-id``) acts on every event once, in order per subject.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from webhook_restart_support import (
    Publisher,
    Receiver,
    check_exactly_once_in_order,
    delivery_log,
    new_prefix,
    notifications_process,
    settled_log,
    wait_all_acted_on,
)
from webhook_restart_support import (
    subscribe as subscribe_receiver,
)

from sosai_shared.testing import wait_until_blocking

ROOT = Path(__file__).resolve().parents[2]
PROJECTS = ["prj-west", "prj-east"]


def postgres(action: str) -> None:
    subprocess.run(["bash", str(ROOT / "deploy/local/postgres.sh"), action], check=True, timeout=180)


def test_postgres_restarted_with_deliveries_pending_and_events_arriving(
    notifications_db: str, bootstrap_servers: str, tmp_path: Path, receiver: Receiver
) -> None:
    prefix = new_prefix()
    proc = notifications_process(notifications_db, bootstrap_servers, tmp_path, prefix)
    try:
        sub = subscribe_receiver(proc, receiver, "org-pg")
        publisher = Publisher(bootstrap_servers, prefix, "org-pg")
        receiver.failing = True
        publisher.issue(PROJECTS, per_project=4)
        wait_until_blocking(
            lambda: len(delivery_log(proc, "org-pg", sub)) >= len(publisher.published) or None, timeout=120
        )
        postgres("stop")
        try:
            receiver.failing = False  # attempts may reach the receiver, but none can be recorded
            publisher.issue(PROJECTS, per_project=3)  # events the consumer cannot store yet
            time.sleep(3)  # long enough for the consumer and the worker to meet the outage
        finally:
            postgres("start")
        wait_all_acted_on(receiver, publisher)
        log = settled_log(proc, "org-pg", sub, publisher)
        check_exactly_once_in_order(receiver, publisher, log)
        assert len(log) == len(publisher.published), "one acknowledged delivery per event"
    finally:
        proc.stop()
