"""The worker's two database steps on the tier's database, with the worker off: the due page read in
one query, and several attempts recorded in one transaction."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from notifications_support import feed, issued, subscribe

from sosai_notifications.webhooks import repository as repo
from sosai_notifications.webhooks import service
from sosai_shared.db import Database, utcnow

WORKER_OFF: list[dict[str, Any]] = [{"run_workers": False}]


def _db(app: FastAPI) -> Database:
    db: Database = app.state.runtime.db
    return db


@pytest.mark.parametrize("overrides", WORKER_OFF, indirect=True)
async def test_due_reads_heads_with_their_subscription_and_event_leaving_out_busy_and_saturated(
    client: httpx.AsyncClient, app: FastAPI, overrides: dict[str, Any]
) -> None:
    a = await subscribe(client, "org-a", "http://127.0.0.1:9/a", ["jp.sosai.registry.*"])
    b = await subscribe(client, "org-a", "http://127.0.0.1:9/b", ["jp.sosai.registry.*"])
    for n in range(3):  # one subject: only the first is due, per subscription
        await feed(app, issued("org-a", "prj-one", n))
    await feed(app, issued("org-a", "prj-two", 9))
    async with _db(app).read_sessionmaker() as session:
        rows = await repo.due(session, utcnow(), limit=100)
        assert len(rows) == 4  # (prj-one head, prj-two) for each of the two subscriptions
        for d, s, e in rows:
            assert s.id == d.subscription_id and e.seq == d.event_seq and e.subject == d.subject
        heads = sorted((d.subscription_id, e.data["issuance_id"].rsplit("-", 1)[0]) for d, _, e in rows)
        # the head of prj-one is its first event, for each subscription
        assert heads == sorted(
            [(a["id"], "iss-0"), (a["id"], "iss-9"), (b["id"], "iss-0"), (b["id"], "iss-9")]
        )
        busy = [next(d.id for d, _, _ in rows if d.subscription_id == a["id"])]
        left = await repo.due(session, utcnow(), limit=100, busy=busy, saturated=[b["id"]])
    assert {d.subscription_id for d, _, _ in left} == {a["id"]} and len(left) == 1
    assert left[0][0].id != busy[0]


@pytest.mark.parametrize("overrides", WORKER_OFF, indirect=True)
async def test_several_attempts_are_recorded_in_one_transaction_and_a_repeat_changes_nothing(
    client: httpx.AsyncClient, app: FastAPI, overrides: dict[str, Any]
) -> None:
    ok = await subscribe(client, "org-a", "http://127.0.0.1:9/ok", ["jp.sosai.registry.*"])
    gone = await subscribe(client, "org-a", "http://127.0.0.1:9/gone", ["jp.sosai.registry.*"])
    await feed(app, issued("org-a", "prj-1", 1))
    async with _db(app).read_sessionmaker() as session:
        rows = await repo.due(session, utcnow(), limit=10)
    by_sub = {d.subscription_id: d.id for d, _, _ in rows}
    now = utcnow()
    attempts = [
        service.Attempt(by_sub[ok["id"]], 500, 50, "HTTP 500", now),
        service.Attempt(by_sub[gone["id"]], 410, 40, "HTTP 410", now),
        service.Attempt(by_sub[ok["id"]], 204, 60, None, now),
    ]
    async with _db(app).sessionmaker() as session, session.begin():
        disabled = await service.record_attempts(session, app.state.runtime.settings, attempts)
    assert disabled == {gone["id"]}
    async with _db(app).sessionmaker() as session, session.begin():  # the same outcome again
        again = await service.record_attempts(session, app.state.runtime.settings, attempts[1:])
    assert again == set()
    async with _db(app).read_sessionmaker() as session:
        first = await repo.delivery(session, by_sub[ok["id"]])
        log = await repo.attempts(session, by_sub[ok["id"]])
        gone_log = await repo.attempts(session, by_sub[gone["id"]])
        gone_sub = await repo.subscription(session, gone["id"])
    assert first is not None and first.status == "succeeded" and first.attempts == 2
    assert [(x.attempt, x.outcome) for x in log] == [(1, "failed"), (2, "succeeded")]
    assert [x.outcome for x in gone_log] == ["gone"]
    assert gone_sub is not None and gone_sub.status == "disabled"
