"""Webhook deliveries survive the notifications service killed and the broker taken away.

The notifications service runs as a real process; events are published on the tier's real
broker; a real receiver (a thread of the test, on loopback) verifies every signature and
deduplicates by ``webhook-id``. After each fault every event published has been acted on once,
under one ``webhook-id``, in order per subject. (The database restart is in tests/full_tier:
only a database server can be restarted.)
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from webhook_restart_support import (
    Publisher,
    Receiver,
    check_exactly_once_in_order,
    delivery_log,
    new_prefix,
    notifications_process,
    settled_log,
    subscribe,
    wait_all_acted_on,
)

from sosai_shared.testing import wait_until_blocking

PROJECTS = ["prj-north", "prj-south", "prj-east"]


def test_killed_mid_delivery_and_down_while_events_arrive(
    notifications_db: str, bootstrap_servers: str, tmp_path: Path, receiver: Receiver
) -> None:
    prefix = new_prefix()
    proc = notifications_process(notifications_db, bootstrap_servers, tmp_path, prefix)
    try:
        sub = subscribe(proc, receiver, "org-restart")
        publisher = Publisher(bootstrap_servers, prefix, "org-restart")
        publisher.issue(PROJECTS, per_project=10)
        # SIGKILL while deliveries are in flight: nothing is flushed, no offset committed on the way out
        wait_until_blocking(lambda: len(receiver.acted_on()) >= 3 or None, timeout=120)
        proc.kill()
        publisher.issue(PROJECTS, per_project=5)  # published while the service is down
        proc.start()
        proc.wait_ready(timeout=120)
        wait_all_acted_on(receiver, publisher)

        # a graceful restart with deliveries failing: the queue is in the database, not in memory
        receiver.failing = True
        publisher.issue(PROJECTS, per_project=3)
        wait_until_blocking(lambda: receiver.requests >= 40 or None, timeout=120)
        proc.stop()
        receiver.failing = False
        proc.start()
        proc.wait_ready(timeout=120)
        wait_all_acted_on(receiver, publisher)
        log = settled_log(proc, "org-restart", sub, publisher)
        check_exactly_once_in_order(receiver, publisher, log)
        assert len(log) == len(publisher.published), "one acknowledged delivery per event"
    finally:
        proc.stop()


def test_broker_away_while_deliveries_are_pending(
    notifications_db: str, bootstrap_servers: str, tmp_path: Path, receiver: Receiver, broker_control: Any
) -> None:
    prefix = new_prefix()
    proc = notifications_process(notifications_db, bootstrap_servers, tmp_path, prefix)
    try:
        sub = subscribe(proc, receiver, "org-broker")
        publisher = Publisher(bootstrap_servers, prefix, "org-broker")
        receiver.failing = True
        publisher.issue(PROJECTS, per_project=4)
        # every event consumed and queued in the database, every subject's head tried and failed
        wait_until_blocking(
            lambda: len(delivery_log(proc, "org-broker", sub)) >= len(publisher.published) or None,
            timeout=120,
        )
        wait_until_blocking(lambda: receiver.requests >= 2 * len(PROJECTS) or None, timeout=120)
        broker_control.stop()
        try:
            receiver.failing = False  # the receiver recovers while the broker is away
            wait_all_acted_on(receiver, publisher)  # deliveries need only the database
            time.sleep(2)  # the consumer keeps trying the broker meanwhile
        finally:
            broker_control.start()
        publisher.issue(PROJECTS, per_project=3)  # and events flow again once it is back
        wait_all_acted_on(receiver, publisher)
        log = settled_log(proc, "org-broker", sub, publisher)
        check_exactly_once_in_order(receiver, publisher, log)
        assert len(log) == len(publisher.published), "one acknowledged delivery per event"
    finally:
        proc.stop()
