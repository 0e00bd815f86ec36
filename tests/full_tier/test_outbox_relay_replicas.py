"""Several replicas of a service on one PostgreSQL database: one outbox relay publishes at a time.

Runs only in the full tier: on SQLite one process owns the file, so there is no second relay. The
relays take a session-level advisory lock (``OutboxRelay._hold_relay_lock``); the one that does not
hold it publishes nothing, and takes over when the holder stops, without losing or repeating an event.
A commit in any replica wakes the holder at once (``LISTEN``/``NOTIFY``, ``outbox_notify``), not at
its next poll.
"""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import func, select

from sosai_shared.events.outbox import OutboxRelay
from sosai_shared.testing import auth, wait_until

W = auth("org-a", "notes:write")


async def _unpublished(toy: httpx.AsyncClient) -> int:
    db = toy.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        t = db.outbox
        return int(await s.scalar(select(func.count()).select_from(t).where(t.c.published_at.is_(None))))


async def _post(toy: httpx.AsyncClient, key: str, n: int) -> None:
    for i in range(n):
        r = await toy.post("/v1/notes", json={"key": key, "seq": i, "text": "replica"}, headers=W)
        assert r.status_code == 201, r.text


async def test_a_second_relay_waits_and_takes_over_when_the_first_stops(toy: httpx.AsyncClient) -> None:
    runtime = toy.app.state.runtime  # type: ignore[attr-defined]
    first: OutboxRelay = runtime.relay
    db = runtime.db
    second = OutboxRelay(runtime.settings, db.sessionmaker, db.outbox, topics=runtime.publishes)
    try:
        await _post(toy, "while-first-holds", 5)
        # the replica that does not hold the lock publishes nothing, however often it is asked
        for _ in range(3):
            assert await second.publish_batch() == 0
        async with db.sessionmaker() as s:
            total = int(await s.scalar(select(func.count()).select_from(db.outbox)))
        assert total >= 5
        await wait_until(lambda: _drained(toy), timeout=30)  # the holder published them

        await first.stop()  # the holder's process goes away: its lock with it
        await _post(toy, "after-first-stopped", 4)
        assert await _unpublished(toy) == 4
        assert await second.publish_batch() == 4  # the replica took the lock and published
        assert await _unpublished(toy) == 0
        assert await second.publish_batch() == 0  # nothing is published twice
    finally:
        await second.stop()


async def _drained(toy: httpx.AsyncClient) -> bool:
    return await _unpublished(toy) == 0


async def test_a_commit_wakes_the_relay_holding_the_lock_not_its_poll(toy: httpx.AsyncClient) -> None:
    runtime = toy.app.state.runtime  # type: ignore[attr-defined]
    db = runtime.db
    await runtime.relay.stop()  # the app's own relay lets go of the lock
    # a relay that would poll only once a minute: a publish within seconds can only be the wake-up
    slow = runtime.settings.model_copy(update={"relay_poll_seconds": 60.0})
    holder = OutboxRelay(slow, db.sessionmaker, db.outbox, topics=runtime.publishes)
    holder.start()
    try:
        await wait_until(lambda: holder._lock_conn is not None, timeout=30)
        await wait_until(lambda: _drained(toy), timeout=30)  # rows of earlier tests, if any
        await asyncio.sleep(0.5)  # the round that drained them is over: the holder now waits
        # nothing calls the holder's wakeup in-process (on PostgreSQL no commit does): only the
        # outbox trigger's NOTIFY, delivered to the holder's lock connection, can wake it now
        await _post(toy, "wakes-the-holder", 3)
        await wait_until(lambda: _drained(toy), timeout=10)
    finally:
        await holder.stop()
