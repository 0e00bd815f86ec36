"""The four-eyes approvals digest through the real SMTP sink, and the approval events on webhooks.

The registry's ``approval.requested``/``approval.decided`` events go through the service's real
consumer inbox; the digest goes to the proposer's organisation's contact, once per proposal.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from fastapi import FastAPI
from notifications_support import (
    Receiver,
    approval_decided,
    approval_requested,
    body_of,
    envelope,
    feed,
    mailbox,
    owner,
    set_contact,
    subscribe,
)
from sqlalchemy import func, select
from sqlmodel import col

from sosai_notifications.approvals.rules import DigestItem, digest_key, in_order
from sosai_notifications.mail import sink
from sosai_notifications.models import ApprovalProposal, Mail
from sosai_shared.contracts import ApprovalDecidedV1, ApprovalRequestedV1, EventPayload
from sosai_shared.testing import wait_until


async def queued_digests(app: FastAPI) -> int:
    async with app.state.runtime.db.sessionmaker() as s:
        stmt = select(func.count()).where(col(Mail.kind) == "approvals_digest")
        return int(await s.scalar(stmt) or 0)


async def test_two_proposals_make_one_digest_for_the_proposers_organisation_only(
    client: httpx.AsyncClient, app: FastAPI, smtp_sink: tuple[Path, int]
) -> None:
    folder, _ = smtp_sink
    await set_contact(client, "registry", "officers@registry.example", "ja")
    await set_contact(client, "org-holder", "ops@holder.example", "en")  # holds the account: not asked
    await set_contact(client, "moe", "officers@moe.example", "en")
    first = approval_requested("prop-a", account_org="org-holder")
    assert await feed(app, first, "evt-prop-a")
    assert not await feed(app, first, "evt-prop-a")  # redelivered: the inbox applies it once
    assert await feed(app, first)  # the same fact under another event id: still one proposal
    for pid in ("prop-b", "prop-x"):
        assert await feed(app, approval_requested(pid, account_org="org-holder"))
    assert await feed(app, approval_requested("prop-m", proposer_org="moe", account_org="org-holder"))
    assert await feed(app, approval_decided("prop-x", "withdrawn"))  # decided before any digest
    sender = app.state.runtime.extras["mail_sender"]  # the interval (15 min) never passes in this test
    assert await sender.digest() == 2  # one per organisation with news
    mails = await wait_until(mailbox(folder, 2))
    assert sorted(m["To"] for m in mails) == ["officers@moe.example", "officers@registry.example"]
    (ja,) = [m for m in mails if m["To"] == "officers@registry.example"]
    assert ja["Subject"] == "【相殺】承認待ちの申請が2件あります"
    body = body_of(ja)
    assert body.count("prop-a") == 1 and "prop-b" in body and "prop-x" not in body and "prop-m" not in body
    assert body.index("prop-a") < body.index("prop-b")  # oldest first
    assert "取消" in body and "40 t-CO2" in body and "org-holder" in body and "年" in body
    (en,) = [m for m in mails if m["To"] == "officers@moe.example"]
    assert en["Subject"] == "1 four-eyes proposal waits for your approval"
    assert "prop-m" in body_of(en) and "Cancellation" in body_of(en) and "prop-a" not in body_of(en)

    # a proposal decided after its digest drops out; the next digest names only what is new
    assert await feed(app, approval_decided("prop-a", "approved"))
    assert await feed(app, approval_requested("prop-c"))
    assert await sender.digest() == 1
    seen = {m["Message-ID"] for m in mails}
    mails = await wait_until(mailbox(folder, 3))
    (nxt,) = [m for m in mails if m["Message-ID"] not in seen]
    assert (
        nxt["To"] == "officers@registry.example" and nxt["Subject"] == "【相殺】承認待ちの申請が1件あります"
    )
    body = body_of(nxt)
    assert "prop-c" in body and "prop-a" not in body and "prop-b" not in body
    assert "以前お知らせした申請 1 件" in body  # prop-b still waits; prop-a, decided, is not counted

    assert await sender.digest() == 0  # nothing new: no mail
    assert await queued_digests(app) == 3


async def test_nothing_is_mailed_without_news_and_proposals_wait_for_a_contact(
    client: httpx.AsyncClient, app: FastAPI, smtp_sink: tuple[Path, int]
) -> None:
    folder, _ = smtp_sink
    sender = app.state.runtime.extras["mail_sender"]
    assert await sender.digest() == 0  # nothing pending at all
    assert await feed(app, approval_requested("prop-1"))
    assert await feed(app, approval_decided("prop-1", "rejected"))
    assert await sender.digest() == 0  # its only proposal was decided: nothing pending
    assert await feed(app, approval_requested("prop-2"))
    assert await sender.digest() == 0  # the organisation has no contact yet: nothing sent, nothing lost
    assert await queued_digests(app) == 0 and sink.messages(folder) == []
    await set_contact(client, "registry", "officers@registry.example", "en")
    assert await sender.digest() == 1
    (msg,) = await wait_until(mailbox(folder, 1))
    assert "prop-2" in body_of(msg) and "prop-1" not in body_of(msg)


async def _publish(app: FastAPI, bootstrap_servers: str, *payloads: EventPayload) -> None:
    """Through the real broker, keyed by subject as the registry's outbox relay does."""
    await app.state.runtime.extras["consumer_start"]  # the test's own topics exist from here
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
    await producer.start()
    try:
        for p in payloads:
            topic = app.state.runtime.settings.kafka_topic_prefix + p.topic
            await producer.send_and_wait(topic, value=envelope(p).to_bytes(), key=p.subject.encode())
    finally:
        await producer.stop()


@pytest.mark.parametrize("overrides", [{"approvals_digest_seconds": 0.2}], indirect=True)
async def test_the_digest_goes_out_on_its_interval_from_events_on_the_broker(
    client: httpx.AsyncClient, app: FastAPI, smtp_sink: tuple[Path, int], bootstrap_servers: str
) -> None:
    folder, _ = smtp_sink
    await set_contact(client, "registry", "officers@registry.example", "en")
    await _publish(app, bootstrap_servers, approval_requested("prop-q1"))
    (first,) = await wait_until(mailbox(folder, 1), timeout=90)
    assert first["Subject"] == "1 four-eyes proposal waits for your approval"
    assert "prop-q1" in body_of(first)
    # its decision, then a new proposal: the next digest names the new one only, and nothing earlier
    await _publish(app, bootstrap_servers, approval_decided("prop-q1", "approved"))

    async def decided() -> bool:
        async with app.state.runtime.db.sessionmaker() as s:
            row = await s.get(ApprovalProposal, "prop-q1")
            return row is not None and row.decision == "approved"

    await wait_until(decided, timeout=90)
    await _publish(app, bootstrap_servers, approval_requested("prop-q2"))
    mails = await wait_until(mailbox(folder, 2), timeout=90)
    (second,) = [m for m in mails if m["Message-ID"] != first["Message-ID"]]
    body = body_of(second)
    assert "prop-q2" in body and "prop-q1" not in body and "earlier mail" not in body


async def test_approval_events_reach_only_the_proposers_subscriptions_and_never_the_feed(
    client: httpx.AsyncClient, app: FastAPI, receiver: Receiver
) -> None:
    officers = await subscribe(client, "registry", receiver.url, ["jp.sosai.registry.*"])
    holder = await subscribe(client, "org-holder", receiver.url, ["*"])
    requested, decided = approval_requested("prop-w"), approval_decided("prop-w", "approved")
    assert await feed(app, requested) and await feed(app, decided)

    async def both() -> list | None:  # type: ignore[type-arg]
        got = receiver.acknowledged()
        return got if len(got) >= 2 else None

    got = await wait_until(both)
    bodies = [json.loads(r.body) for r in got]
    assert [b["type"] for b in bodies] == [ApprovalRequestedV1.event_type, ApprovalDecidedV1.event_type]
    assert bodies[0]["data"]["proposer_sub"] == "officer-1@registry"  # the owner's whole payload
    logged = await client.get(
        f"/v1/webhooks/subscriptions/{officers['id']}/deliveries", headers=owner("registry")
    )
    assert len(logged.json()["items"]) == 2
    # the account holder's "*" subscription was queued nothing (fan-out happens in the consumer's transaction)
    none = await client.get(
        f"/v1/webhooks/subscriptions/{holder['id']}/deliveries", headers=owner("org-holder")
    )
    assert none.status_code == 200 and none.json()["items"] == []
    feed_page = (await client.get("/v1/public/feed")).json()
    assert not any("approval" in i["type"] for i in feed_page["items"])
    types = {t["type"]: t["public"] for t in (await client.get("/v1/webhooks/event-types")).json()}
    assert types[ApprovalRequestedV1.event_type] is False and types[ApprovalDecidedV1.event_type] is False


def test_digest_rules_order_oldest_first_and_key_by_the_set_of_proposals() -> None:
    a, b = approval_requested("prop-a"), approval_requested("prop-b")

    def item(p: ApprovalRequestedV1) -> DigestItem:
        return DigestItem(
            p.proposal_id, p.kind, p.quantity, p.account_id, p.account_org, p.proposer_sub, p.proposed_at
        )

    assert [i.proposal_id for i in in_order([item(b), item(a)])] == ["prop-a", "prop-b"]
    assert digest_key("registry", ["prop-a", "prop-b"]) == digest_key("registry", ["prop-b", "prop-a"])
    assert digest_key("registry", ["prop-a"]) != digest_key("registry", ["prop-a", "prop-b"])
    assert digest_key("moe", ["prop-a"]) != digest_key("registry", ["prop-a"])
    assert len(digest_key("o" * 200, [f"p{n}" for n in range(500)])) <= 300  # fits the dedup column
