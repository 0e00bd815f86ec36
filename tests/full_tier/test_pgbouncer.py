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
from pathlib import Path

import httpx
import pytest
from toyapp import ToySettings, make_app

from sosai_shared.testing import auth

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


async def test_a_service_works_through_pgbouncer_in_transaction_mode(database_url: str, bouncer: str) -> None:
    host_and_db = database_url.split("@", 1)[1]
    through = database_url.replace(host_and_db, f"{bouncer}/{host_and_db.split('/', 1)[1]}")
    settings = ToySettings(
        database_url=through,
        kafka_bootstrap_servers=os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"),
        migrate_on_startup=False,
        db_statement_cache=False,
        db_pool_size=4,
        db_max_overflow=0,
    )
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
