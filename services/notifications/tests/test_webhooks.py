"""Webhooks end to end: a real receiver on loopback, signatures checked with the standardwebhooks verifier."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from fastapi import FastAPI
from notifications_support import (
    Receiver,
    envelope,
    feed,
    issued,
    owner,
    project,
    retired,
    subscribe,
    transferred,
)
from standardwebhooks import Webhook

from sosai_shared.testing import wait_until


async def test_event_from_the_broker_is_delivered_signed_and_logged(
    client: httpx.AsyncClient, app: FastAPI, receiver: Receiver, bootstrap_servers: str
) -> None:
    sub = await subscribe(client, "org-a", receiver.url, ["jp.sosai.registry.*"])
    assert sub["secret"].startswith("whsec_")
    event = retired("org-a")
    topic = app.state.runtime.settings.kafka_topic_prefix + event.topic
    await app.state.runtime.extras["consumer_start"]  # the test's own topics exist from here
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
    await producer.start()
    try:
        env = envelope(event)
        for _ in range(2):  # delivered twice by the broker: queued once
            await producer.send_and_wait(topic, value=env.to_bytes(), key=event.subject.encode())
    finally:
        await producer.stop()

    async def got() -> list | None:  # type: ignore[type-arg]
        return [r for r in receiver.received if json.loads(r.body)["id"] == env.id] or None

    (hit,) = await wait_until(got, timeout=90)
    body = Webhook(sub["secret"]).verify(hit.body, hit.headers)  # raises unless the signature is good
    assert body["type"] == "jp.sosai.registry.credits.retired.v1"
    assert body["specversion"] == "1.0" and body["subject"] == event.retirement_id
    assert body["data"]["account_id"] == "acc-org-a"  # the owner gets the whole payload
    assert hit.headers["content-type"] == "application/cloudevents+json"

    async def logged() -> dict | None:  # type: ignore[type-arg]
        page = (
            await client.get(f"/v1/webhooks/subscriptions/{sub['id']}/deliveries", headers=owner("org-a"))
        ).json()
        done = [d for d in page["items"] if d["status"] == "succeeded"]
        return page if done else None

    page = await logged() or await wait_until(logged)
    assert len(page["items"]) == 1
    d = page["items"][0]
    assert d["id"] == hit.headers["webhook-id"] and d["event_id"] == env.id
    assert d["attempts"] == 1 and d["last_status_code"] == 200 and d["last_latency_ms"] is not None
    detail = (await client.get(f"/v1/webhooks/deliveries/{d['id']}", headers=owner("org-a"))).json()
    assert [a["outcome"] for a in detail["attempt_log"]] == ["succeeded"]
    metrics = (await client.get("/metrics")).text
    assert 'sosai_notifications_delivery_attempts_total{outcome="succeeded"}' in metrics


async def test_failures_are_retried_with_backoff_and_order_per_subject_holds(
    client: httpx.AsyncClient, app: FastAPI, receiver: Receiver
) -> None:
    receiver.answers = [500, 503, 500]  # the first three requests fail
    sub = await subscribe(client, "org-a", receiver.url, ["jp.sosai.registry.credits.issued.v1"])
    events = [issued("org-a", "prj-same", n) for n in range(4)]  # one subject: the project
    for e in events:
        await feed(app, e)

    async def all_acked() -> list | None:  # type: ignore[type-arg]
        acked = receiver.acknowledged()
        return acked if len(acked) == 4 else None

    acked = await wait_until(all_acked, timeout=60)
    assert [json.loads(r.body)["data"]["issuance_id"] for r in acked] == [e.issuance_id for e in events]
    # the three failures all hit the first event: nothing later overtook it
    first_id = acked[0].headers["webhook-id"]
    assert [r.headers["webhook-id"] for r in receiver.received[:4]] == [first_id] * 4
    gaps = [b.at - a.at for a, b in zip(receiver.received[:3], receiver.received[1:4], strict=True)]
    assert all(g >= 0.1 for g in gaps), gaps  # backoff: base 0.2 s, at least half a step each time
    detail = (await client.get(f"/v1/webhooks/deliveries/{first_id}", headers=owner("org-a"))).json()
    assert [a["outcome"] for a in detail["attempt_log"]] == ["failed", "failed", "failed", "succeeded"]
    assert [a["status_code"] for a in detail["attempt_log"]] == [500, 503, 500, 200]
    assert detail["attempts"] == 4 and detail["status"] == "succeeded"
    one = (await client.get(f"/v1/webhooks/subscriptions/{sub['id']}", headers=owner("org-a"))).json()
    assert one["status"] == "active" and one["failing_since"] is None


async def test_redelivery_of_one_delivery_and_of_a_time_range(
    client: httpx.AsyncClient, app: FastAPI, receiver: Receiver
) -> None:
    sub = await subscribe(client, "org-a", receiver.url)
    since = datetime.now(UTC) - timedelta(seconds=1)
    for n in range(3):
        await feed(app, project(n, org="org-a"))
    page = await _settled(client, sub["id"], "org-a", 3)
    one = page["items"][0]["id"]
    r = await client.post(f"/v1/webhooks/deliveries/{one}/redeliver", headers=owner("org-a"))
    assert r.status_code == 200, r.text
    await wait_until(lambda: _count(receiver, 4))
    assert receiver.received[3].headers["webhook-id"] == one  # the same message id: receivers dedupe
    await _settled(client, sub["id"], "org-a", 3)
    r = await client.post(
        f"/v1/webhooks/subscriptions/{sub['id']}/redeliver",
        json={"since": since.isoformat(), "until": datetime.now(UTC).isoformat(), "include_succeeded": True},
        headers=owner("org-a"),
    )
    assert r.json() == {"requeued": 3}
    await wait_until(lambda: _count(receiver, 7))
    await _settled(client, sub["id"], "org-a", 3)
    # without include_succeeded only failed ones would go: none failed
    r = await client.post(
        f"/v1/webhooks/subscriptions/{sub['id']}/redeliver",
        json={"since": since.isoformat(), "until": datetime.now(UTC).isoformat()},
        headers=owner("org-a"),
    )
    assert r.json() == {"requeued": 0}
    # another organisation cannot redeliver it
    r = await client.post(f"/v1/webhooks/deliveries/{one}/redeliver", headers=owner("org-b"))
    assert r.status_code == 404


async def _settled(client: httpx.AsyncClient, sub_id: str, org: str, n: int) -> dict:  # type: ignore[type-arg]
    """The delivery log once its n deliveries are recorded as succeeded (the receiver answers first)."""

    async def check() -> dict | None:  # type: ignore[type-arg]
        page = (
            await client.get(f"/v1/webhooks/subscriptions/{sub_id}/deliveries", headers=owner(org))
        ).json()
        ok = len(page["items"]) == n and all(d["status"] == "succeeded" for d in page["items"])
        return page if ok else None

    return await wait_until(check)


async def _count(receiver: Receiver, n: int) -> bool:
    return len(receiver.acknowledged()) >= n


async def test_gone_disables_the_subscription_and_later_events_wait(
    client: httpx.AsyncClient, app: FastAPI, receiver: Receiver
) -> None:
    receiver.answers = [410]
    sub = await subscribe(client, "org-a", receiver.url)
    await feed(app, project(1, org="org-a"))

    async def disabled() -> dict | None:  # type: ignore[type-arg]
        s = (await client.get(f"/v1/webhooks/subscriptions/{sub['id']}", headers=owner("org-a"))).json()
        return s if s["status"] == "disabled" else None

    s = await wait_until(disabled)
    assert "410" in s["disabled_reason"]
    await feed(app, project(2, org="org-a"))  # arrives while disabled: kept, not sent
    page = (
        await client.get(f"/v1/webhooks/subscriptions/{sub['id']}/deliveries", headers=owner("org-a"))
    ).json()
    assert sorted(d["status"] for d in page["items"]) == ["failed", "pending"]
    assert len(receiver.received) == 1
    r = await client.post(f"/v1/webhooks/subscriptions/{sub['id']}/enable", headers=owner("org-a"))
    assert r.json()["status"] == "active"
    await wait_until(lambda: _count(receiver, 1))
    assert json.loads(receiver.acknowledged()[0].body)["data"]["project_id"] == "prj-0002"


async def test_organisations_see_only_their_events_and_their_logs(
    client: httpx.AsyncClient, app: FastAPI, receiver: Receiver
) -> None:
    other = Receiver()
    await other.start()
    try:
        sub_a = await subscribe(client, "org-a", receiver.url)
        sub_b = await subscribe(client, "org-b", other.url)
        await feed(app, transferred("org-a", "org-c"))  # private to a and c
        await feed(app, retired("org-a"))  # public, but the account is a's business
        await feed(app, project(7))  # public
        await wait_until(lambda: _count(receiver, 3))
        await wait_until(lambda: _count(other, 2))
        seen_b = {json.loads(r.body)["type"]: json.loads(r.body) for r in other.acknowledged()}
        assert set(seen_b) == {
            "jp.sosai.registry.credits.retired.v1",
            "jp.sosai.registry.project.registered.v1",
        }
        public_retirement = seen_b["jp.sosai.registry.credits.retired.v1"]["data"]
        assert "account_id" not in public_retirement and "footprint_id" not in public_retirement
        assert public_retirement["quantity"] == 13
        # logs and subscriptions of another organisation are 404 / absent
        assert (
            await client.get(f"/v1/webhooks/subscriptions/{sub_a['id']}", headers=owner("org-b"))
        ).status_code == 404
        r = await client.get(f"/v1/webhooks/subscriptions/{sub_a['id']}/deliveries", headers=owner("org-b"))
        assert r.status_code == 404
        a_log = (
            await client.get(f"/v1/webhooks/subscriptions/{sub_a['id']}/deliveries", headers=owner("org-a"))
        ).json()
        assert len(a_log["items"]) == 3
        for d in a_log["items"]:
            r = await client.get(f"/v1/webhooks/deliveries/{d['id']}", headers=owner("org-b"))
            assert r.status_code == 404
        listed = (await client.get("/v1/webhooks/subscriptions", headers=owner("org-b"))).json()
        assert [s["id"] for s in listed["items"]] == [sub_b["id"]]
        # no secret ever appears outside the creating answer
        assert "secret" not in listed["items"][0]
    finally:
        await other.stop()


async def test_rotation_signs_with_both_secrets_during_the_grace_period(
    client: httpx.AsyncClient, app: FastAPI, receiver: Receiver
) -> None:
    sub = await subscribe(client, "org-a", receiver.url)
    r = await client.post(f"/v1/webhooks/subscriptions/{sub['id']}/rotate-secret", headers=owner("org-a"))
    assert r.status_code == 200, r.text
    new = r.json()["secret"]
    assert new != sub["secret"]
    await feed(app, project(3, org="org-a"))
    await wait_until(lambda: _count(receiver, 1))
    hit = receiver.acknowledged()[0]
    assert len(hit.headers["webhook-signature"].split(" ")) == 2
    Webhook(sub["secret"]).verify(hit.body, hit.headers)
    Webhook(new).verify(hit.body, hit.headers)
    # secrets are stored encrypted: the database never holds them in clear
    async with app.state.runtime.db.sessionmaker() as s:
        from sosai_notifications.models import Subscription

        row = await s.get(Subscription, sub["id"])
        assert row is not None
        assert new not in row.secret_enc and sub["secret"] not in (row.previous_secret_enc or "")


async def test_subscription_input_is_checked(client: httpx.AsyncClient, app: FastAPI) -> None:
    r = await client.post(
        "/v1/webhooks/subscriptions",
        json={"url": "https://example.org/h", "event_types": ["jp.sosai.nothing.*"]},
        headers=owner("org-a"),
    )
    assert r.status_code == 422
    r = await client.post(
        "/v1/webhooks/subscriptions",
        json={"url": "ftp://example.org/h", "event_types": ["*"]},
        headers=owner("org-a"),
    )
    assert r.status_code == 422
    r = await client.post(
        "/v1/webhooks/subscriptions",
        json={"url": "https://example.org/h", "event_types": ["*"]},
        headers=owner("org-a") | {"Authorization": "Bearer nope"},
    )
    assert r.status_code == 401
    types = (await client.get("/v1/webhooks/event-types")).json()
    assert {
        "type": "jp.sosai.registry.credits.retired.v1",
        "topic": "registry.events",
        "public": True,
    } in types


@pytest.mark.parametrize("overrides", [{"disable_after_failing_seconds": 0.5}], indirect=True)
async def test_sustained_failure_disables_the_subscription(
    client: httpx.AsyncClient, app: FastAPI, receiver: Receiver, overrides: dict
) -> None:
    receiver.answers = [500] * 1000
    sub = await subscribe(client, "org-a", receiver.url)
    await feed(app, project(1, org="org-a"))

    async def disabled() -> dict | None:  # type: ignore[type-arg]
        s = (await client.get(f"/v1/webhooks/subscriptions/{sub['id']}", headers=owner("org-a"))).json()
        return s if s["status"] == "disabled" else None

    s = await wait_until(disabled)
    assert s["disabled_reason"] == "every delivery failed for too long"
    assert len(receiver.received) >= 2 and set(receiver.answered) == {500}
    page = (
        await client.get(f"/v1/webhooks/subscriptions/{sub['id']}/deliveries", headers=owner("org-a"))
    ).json()
    assert page["items"][0]["status"] == "pending"  # kept: it goes when the endpoint is enabled again


@pytest.mark.parametrize("overrides", [{"delivery_timeout_seconds": 1.0}], indirect=True)
async def test_a_hanging_receiver_does_not_hold_up_other_subscribers(
    client: httpx.AsyncClient, app: FastAPI, receiver: Receiver, overrides: dict
) -> None:
    slow = Receiver(delay=30.0)  # answers long after the delivery timeout
    await slow.start()
    try:
        slow_sub = await subscribe(client, "org-slow", slow.url)
        fast_sub = await subscribe(client, "org-fast", receiver.url)
        for n in range(6):
            await feed(app, project(n))
        await wait_until(lambda: _count(receiver, 6))

        async def log(sub_id: str, org: str) -> list[dict]:  # type: ignore[type-arg]
            r = await client.get(f"/v1/webhooks/subscriptions/{sub_id}/deliveries", headers=owner(org))
            return list(r.json()["items"])

        async def fast_done() -> list | None:  # type: ignore[type-arg]
            ds = await log(fast_sub["id"], "org-fast")
            return ds if len(ds) == 6 and {d["status"] for d in ds} == {"succeeded"} else None

        await wait_until(fast_done)  # every event reached the fast subscriber ...
        # ... while the hanging one has not acknowledged a single delivery
        assert "succeeded" not in {d["status"] for d in await log(slow_sub["id"], "org-slow")}

        async def timed_out() -> list | None:  # type: ignore[type-arg]
            ds = [d for d in await log(slow_sub["id"], "org-slow") if d["last_error"] == "timed out"]
            return ds or None

        (d, *_) = await wait_until(timed_out)
        assert d["status"] == "pending" and d["last_status_code"] is None
    finally:
        slow._server.force_exit = True
        await slow.stop()
