"""PostgreSQL restarted under load: fast failures, no partial effects, recovery on its own.

Runs only in the full tier (``make test-full``): the embedded tier has no database
server to restart. Concurrent writers keep posting while the cluster is stopped and
started again; every request gets an answer (a 201, or a 503 problem while the
database is away — never a hang), every committed note has exactly one outbox event
(I7), every 201 is really stored, and writes succeed again once the database is back.
"""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import httpx
from sqlalchemy import func, select
from toyapp import Note

from sosai_shared.testing import auth, wait_until

ROOT = Path(__file__).resolve().parents[2]
W = auth("org-a", "notes:write")


async def test_postgres_restart_under_load(toy: httpx.AsyncClient) -> None:  # toy: the root conftest
    statuses: list[int] = []
    created: list[str] = []
    stop = asyncio.Event()

    async def writer(n: int) -> None:
        i = 0
        while not stop.is_set():
            try:
                r = await toy.post(
                    "/v1/notes", json={"key": f"w{n}", "seq": i, "text": "load"}, headers=W, timeout=20
                )
            except httpx.TimeoutException:
                statuses.append(-1)
                continue
            statuses.append(r.status_code)
            if r.status_code == 201:
                created.append(r.json()["id"])
            else:
                assert r.status_code == 503, r.text
                assert r.headers["content-type"] == "application/problem+json"
                await asyncio.sleep(0.2)
            i += 1

    writers = [asyncio.create_task(writer(n)) for n in range(6)]
    await wait_until(lambda: len(created) >= 6, timeout=60)  # the load is flowing
    await asyncio.to_thread(
        subprocess.run, ["bash", str(ROOT / "deploy/local/postgres.sh"), "stop"], check=True
    )
    await wait_until(lambda: 503 in statuses, timeout=60)  # the outage is seen, and answered fast
    await asyncio.to_thread(
        subprocess.run, ["bash", str(ROOT / "deploy/local/postgres.sh"), "start"], check=True
    )
    before = len(created)
    await wait_until(lambda: len(created) >= before + 6, timeout=120)  # writes recovered
    stop.set()
    await asyncio.gather(*writers)

    assert -1 not in statuses, "a request hung past its timeout instead of failing fast"
    assert 503 in statuses, "the outage was not observed"
    assert statuses[-6:].count(201) >= 1, "writes did not recover after the restart"
    r = await toy.post("/v1/notes", json={"key": "after", "text": "recovered"}, headers=W)
    assert r.status_code == 201

    db = toy.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        notes = set((await s.execute(select(Note.id))).scalars())
        outbox = await s.scalar(select(func.count()).select_from(db.outbox))
    assert set(created) <= notes  # every acknowledged write is stored
    assert outbox == len(notes)  # and each committed change has exactly one event: no partial effects
