"""Deterministic crash points for the reliability tests, and nothing else.

A process started with ``SOSAI_FAULT_POINT=<point>`` kills itself (SIGKILL: nothing
flushed, no graceful shutdown) the first time it reaches that point, which is how the
tests put a crash exactly between a commit and what should follow it. An optional
``SOSAI_FAULT_PATH`` limits the HTTP points to one request path, so the test can set up
its data through the same process first. A service refuses to start in production
with a fault point set (:func:`refuse_in_production`).

Points:

* ``after-commit``: the request's transaction committed, its response not yet sent;
* ``relay-after-ack``: the broker acknowledged outbox rows, the relay has not marked them.
"""

from __future__ import annotations

import os
import signal

AFTER_COMMIT = "after-commit"
RELAY_AFTER_ACK = "relay-after-ack"
POINTS = (AFTER_COMMIT, RELAY_AFTER_ACK)


def armed(point: str, path: str | None = None) -> bool:
    if os.environ.get("SOSAI_FAULT_POINT") != point:
        return False
    wanted = os.environ.get("SOSAI_FAULT_PATH")
    return not wanted or wanted == path


def crash_if_armed(point: str, path: str | None = None) -> None:
    """Die here, now, if the test asked for this point."""
    if armed(point, path):
        os.kill(os.getpid(), signal.SIGKILL)


def refuse_in_production(environment: str) -> None:
    point = os.environ.get("SOSAI_FAULT_POINT")
    if not point:
        return
    if environment == "production":
        raise RuntimeError("SOSAI_FAULT_POINT is a test setting; refusing to start in production with it")
    if point not in POINTS:
        raise RuntimeError(f"unknown SOSAI_FAULT_POINT {point!r}; known: {', '.join(POINTS)}")
