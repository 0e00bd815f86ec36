"""A service through PgBouncer in transaction mode, as the Kubernetes Pooler runs it.

With `db_statement_cache=False` (the services' `<PREFIX>_DB_STATEMENT_CACHE=false` in Kubernetes),
concurrent requests whose transactions land on whatever server connection PgBouncer hands out all
succeed: no cached prepared statement is looked up on a connection that never saw it. Full tier only.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
from collections.abc import Iterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from toyapp import ToySettings, make_app

from sosai_shared.events.outbox import OutboxRelay
from sosai_shared.testing import auth, wait_until

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "deploy/local/pgbouncer.sh"
W = auth("org-a", "notes:write", "notes:read")


@pytest.fixture
def bouncer() -> Iterator[str]:
    """The pgbouncer URL prefix (host:port) in front of the test cluster."""
    env = {
        **os.environ,
        "SOSAI_PGBOUNCER_PORT": str(int(os.environ.get("SOSAI_E2E_PORT_BASE", "18000")) + 90),
    }
    subprocess.run(["bash", str(SCRIPT), "start"], check=True, env=env, timeout=120)
    try:
        yield f"127.0.0.1:{env['SOSAI_PGBOUNCER_PORT']}"
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop"], check=True, env=env, timeout=60)


def _through(database_url: str, bouncer: str) -> str:
    """The same database, reached through PgBouncer."""
    host_and_db = database_url.split("@", 1)[1]
    return database_url.replace(host_and_db, f"{bouncer}/{host_and_db.split('/', 1)[1]}")


def _settings(database_url: str, bouncer: str, **overrides: Any) -> ToySettings:
    return ToySettings(
        database_url=_through(database_url, bouncer),
        kafka_bootstrap_servers=os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"),
        migrate_on_startup=False,
        db_statement_cache=False,
        db_pool_size=4,
        db_max_overflow=0,
        **overrides,
    )


async def test_a_service_works_through_pgbouncer_in_transaction_mode(database_url: str, bouncer: str) -> None:
    settings = _settings(database_url, bouncer)
    app = make_app(settings)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            assert (await c.get("/readyz")).status_code == 200

            async def write_then_read(i: int) -> tuple[int, int]:
                r = await c.post("/v1/notes", json={"key": f"k{i % 5}", "text": f"n{i}"}, headers=W)
                if r.status_code != 201:
                    return r.status_code, 0
                return 201, (await c.get(f"/v1/notes/{r.json()['id']}", headers=W)).status_code

            for _ in range(3):  # the same statements again and again, on server connections in any order
                results = await asyncio.gather(*(write_then_read(i) for i in range(40)))
                assert results == [(201, 200)] * 40, results


async def test_relays_behind_pgbouncer_hold_their_lock_on_a_connection_of_their_own(
    database_url: str, bouncer: str
) -> None:
    """Two replicas whose statements go through PgBouncer: one relay holds the lock, the other waits.

    Through PgBouncer in transaction mode both relays' ``pg_try_advisory_lock`` land on the same
    server session (PgBouncer lends its most recently used one) and both "get" the lock, which
    then outlives the relay that took it. ``relay_database_url`` gives each relay a connection of
    its own straight to PostgreSQL, as Kubernetes configures it."""
    apps = [make_app(_settings(database_url, bouncer, relay_database_url=database_url)) for _ in range(2)]
    async with AsyncExitStack() as stack:
        for app in apps:
            await stack.enter_async_context(app.router.lifespan_context(app))
        relays: list[OutboxRelay] = [app.state.runtime.relay for app in apps]

        def holders() -> list[OutboxRelay]:
            return [r for r in relays if r._lock_conn is not None]

        await wait_until(holders, timeout=30)
        for _ in range(3):  # the other relay keeps asking (each poll, each commit) and keeps being refused
            await asyncio.sleep(0.6)
            assert len(holders()) == 1
        holder = holders()[0]
        other = next(r for r in relays if r is not holder)
        assert not await other._hold_relay_lock()
        await holder.stop()  # the holder's replica goes away, and its lock with its connection
        await wait_until(lambda: other._lock_conn is not None, timeout=30)
