"""The embedded default does not stall: a relay waiting for a frozen broker holds no transaction,
so writes go on answering while events pile up in the outbox."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from toyapp import toy_client

from sosai_shared.testing import auth, wait_until

W = auth("org-a", "notes:write", "notes:read")
#: A watchdog brings the broker back after this long whatever happens. The relay's broker requests
#: time out much later (REQUEST_TIMEOUT_MS), so a write that waited for the broker, on the relay's
#: transaction, finishes only after the watchdog fired (or fails on SQLite's busy timeout).
RESUME_AFTER_SECONDS = 30.0
REQUEST_TIMEOUT_MS = 120_000


@pytest.fixture
async def patient_toy(database_url: str, bootstrap_servers: str) -> AsyncIterator[httpx.AsyncClient]:
    """The toy with a relay that waits up to two minutes for the broker's answer."""
    async with toy_client(
        database_url, bootstrap_servers, kafka_request_timeout_ms=REQUEST_TIMEOUT_MS
    ) as client:
        yield client


async def test_writes_answer_while_the_broker_is_frozen_with_a_backlog(
    patient_toy: httpx.AsyncClient, broker_control: Any
) -> None:
    toy = patient_toy
    relay = toy.app.state.runtime.relay  # type: ignore[attr-defined]
    run = uuid.uuid4().hex[:6]
    assert (await toy.post("/v1/notes", json={"key": run, "text": "warm-up"}, headers=W)).status_code == 201

    async def drained() -> bool:
        return await relay.backlog() == 0

    await wait_until(drained, timeout=60)  # the relay has a live producer: it will wait on the broker

    broker_control.stop()
    resumed_at: list[float] = []

    def resume() -> None:
        resumed_at.append(time.monotonic())
        broker_control.start()

    watchdog = threading.Timer(RESUME_AFTER_SECONDS, resume)
    watchdog.start()
    try:
        finished: list[float] = []
        took: list[float] = []
        for i in range(20):
            started = time.monotonic()
            r = await toy.post("/v1/notes", json={"key": run, "seq": i, "text": "while frozen"}, headers=W)
            assert r.status_code == 201, r.text
            finished.append(time.monotonic())
            took.append(finished[-1] - started)
            await asyncio.sleep(0.5)  # spread over ~10 s: the relay keeps trying while they arrive
        backlog = await relay.backlog()
    finally:
        watchdog.cancel()
        watchdog.join()
    print("write latencies with the broker frozen (s):", " ".join(f"{t:.3f}" for t in took))
    assert backlog >= 20, backlog  # the relay really was stuck: nothing reached the broker
    # none of them waited for the broker: every write answered before it came back
    assert not resumed_at or max(finished) < resumed_at[0], (took, resumed_at)
    broker_control.start()
    await wait_until(drained, timeout=180)
