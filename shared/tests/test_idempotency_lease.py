"""One key, one effect: an in-flight Idempotency-Key is taken over only when its request is dead."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from toy_process import ToyProcess
from toyapp import Note

from sosai_shared.db import Database
from sosai_shared.testing import auth, unique
from sosai_shared.uow import LEASE_SECONDS

W = auth("org-a", "notes:write", "notes:read", sub="clerk")
#: How long an in-flight key used to be protected, whatever its request was doing.
OLD_STALE_SECONDS = 30


async def notes_with(db: Database, key: str) -> int:
    async with db.read_sessionmaker() as s:
        return int(await s.scalar(select(func.count()).select_from(Note).where(Note.key == key)) or 0)


async def test_a_slow_request_keeps_its_key_past_the_old_stale_time(toy: httpx.AsyncClient) -> None:
    app: FastAPI = toy.app  # type: ignore[attr-defined]
    app.state.gate = asyncio.Event()
    key, mark = unique("K"), unique("slow")
    h = {**W, "Idempotency-Key": key}
    first = asyncio.create_task(toy.post("/v1/notes", json={"key": mark, "text": "slow"}, headers=h))
    await asyncio.sleep(OLD_STALE_SECONDS + 1.5)  # still running, well past the old 30 s
    retry = await toy.post("/v1/notes", json={"key": mark, "text": "slow"}, headers=h)
    assert retry.status_code == 409, retry.text
    assert retry.json()["type"].endswith("/idempotency-in-flight")
    app.state.gate.set()
    done = await first
    assert done.status_code == 201, done.text
    again = await toy.post("/v1/notes", json={"key": mark, "text": "slow"}, headers=h)
    assert again.status_code == 201 and again.json() == done.json()
    assert again.headers.get("idempotent-replayed") == "true"
    assert await notes_with(app.state.runtime.db, mark) == 1


async def test_the_key_is_checked_after_authentication_and_authorization(toy: httpx.AsyncClient) -> None:
    key, mark = unique("K"), unique("auth")
    h = {**W, "Idempotency-Key": key}
    assert (await toy.post("/v1/notes", json={"key": mark, "text": "one"}, headers=h)).status_code == 201
    # the same caller (org-a/clerk) without the write scope, reusing the key with another body:
    # refused for its scope; the key (and that it was used) is not even looked at
    reader = {**auth("org-a", "notes:read", sub="clerk"), "Idempotency-Key": key}
    r = await toy.post("/v1/notes", json={"key": mark, "text": "two"}, headers=reader)
    assert r.status_code == 403 and r.json()["type"].endswith("/insufficient-scope"), r.text
    r = await toy.post("/v1/notes", json={"key": mark, "text": "two"}, headers={"Idempotency-Key": key})
    assert r.status_code == 401, r.text
    # another caller's identical key is its own
    other = {**auth("org-a", "notes:write", sub="someone-else"), "Idempotency-Key": key}
    assert (await toy.post("/v1/notes", json={"key": mark, "text": "one"}, headers=other)).status_code == 201
    assert await notes_with(toy.app.state.runtime.db, mark) == 2  # type: ignore[attr-defined]


def test_a_dead_request_is_taken_over_and_completes_once(
    database_url: str, bootstrap_servers: str, tmp_path: Path
) -> None:
    key, mark = unique("K"), unique("dead")
    body = {"key": mark, "text": "hang"}
    h = {**W, "Idempotency-Key": key}
    first = ToyProcess(database_url, bootstrap_servers, tmp_path / "toy.log").start()
    try:
        with pytest.raises(httpx.ReadTimeout):  # the request hangs inside the process
            httpx.post(f"{first.url}/v1/notes", json=body, headers=h, timeout=1.5)
        time.sleep(LEASE_SECONDS + 1)  # longer than a lease: only renewals keep it
        r = httpx.post(f"{first.url}/v1/notes", json=body, headers=h, timeout=10)
        assert r.status_code == 409, r.text  # alive, so never taken over
    finally:
        first.kill()  # SIGKILL: the request dies mid-flight, its lease is no longer renewed
    second = ToyProcess(database_url, bootstrap_servers, tmp_path / "toy.log").start(TOY_GATE_OPEN="1")
    try:
        statuses = []
        deadline = time.monotonic() + LEASE_SECONDS + 30
        while True:
            r = httpx.post(f"{second.url}/v1/notes", json=body, headers=h, timeout=10)
            statuses.append(r.status_code)
            if r.status_code != 409 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert r.status_code == 201, (statuses, r.text)
        replay = httpx.post(f"{second.url}/v1/notes", json=body, headers=h, timeout=10)
        assert replay.json() == r.json() and replay.headers.get("idempotent-replayed") == "true"
        print(f"retries until the dead request's lease expired: {statuses}")
    finally:
        second.stop()
    from toyapp import ToyBase

    async def count() -> int:
        db = Database(database_url, ToyBase.metadata)
        try:
            return await notes_with(db, mark)
        finally:
            await db.dispose()

    assert asyncio.run(count()) == 1
