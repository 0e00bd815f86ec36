"""The four-eyes queue on the outbox: a proposal writes ``approval.requested`` in its own transaction,
a decision writes ``approval.decided`` (approved, rejected, withdrawn), a refused one writes nothing."""

from __future__ import annotations

from typing import Any

import httpx
from registry_helpers import (
    ADMIN1,
    ADMIN2,
    account,
    certification,
    funded_account,
    ok,
    propose_issuance,
    ptype,
    registered_project,
    snapshot,
)
from sqlalchemy import select

from sosai_shared.contracts import ApprovalDecidedV1, ApprovalRequestedV1


async def _events(client: httpx.AsyncClient, event_type: str) -> list[tuple[str, dict[str, Any]]]:
    """(key, data) of the outbox rows of one type, in commit order."""
    db = client.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        stmt = select(db.outbox.c.key, db.outbox.c.envelope).where(db.outbox.c.type == event_type)
        rows = (await s.execute(stmt.order_by(db.outbox.c.seq))).all()
    return [(key, env["data"]) for key, env in rows]


async def test_a_proposal_writes_its_approval_request_with_it(client: httpx.AsyncClient) -> None:
    p = await registered_project(client, "org-a")
    acc = await account(client, "org-a")
    cert = await certification(client, p["id"], 40)
    tx = await propose_issuance(client, cert["id"], acc, 40)
    ((key, data),) = await _events(client, ApprovalRequestedV1.event_type)
    request = ApprovalRequestedV1.model_validate(data)
    assert key == tx["id"] == request.proposal_id
    assert (request.kind, request.account_id, request.account_org, request.quantity) == (
        "issuance",
        acc,
        "org-a",
        40,
    )
    assert (request.proposer_sub, request.proposer_org, request.project_id) == (
        "admin-1@registry",
        "registry",
        p["id"],
    )
    assert await _events(client, ApprovalDecidedV1.event_type) == []

    # the proposer cannot approve: refused, nothing written
    before = await snapshot(client)
    r = await client.post(f"/v1/transactions/{tx['id']}/approve", json={}, headers=ADMIN1)
    assert r.status_code == 403 and ptype(r) == "four-eyes" and await snapshot(client) == before
    await ok(client.post(f"/v1/transactions/{tx['id']}/approve", json={}, headers=ADMIN2))
    ((key, data),) = await _events(client, ApprovalDecidedV1.event_type)
    decided = ApprovalDecidedV1.model_validate(data)
    assert key == tx["id"]
    assert (decided.decision, decided.decided_by, decided.proposer_org) == (
        "approved",
        "admin-2@registry",
        "registry",
    )


async def test_rejected_and_withdrawn_proposals_are_decided_and_refused_ones_never_requested(
    client: httpx.AsyncClient,
) -> None:
    acc, _, _ = await funded_account(client, "org-b", 20)
    base = len(await _events(client, ApprovalRequestedV1.event_type))  # the funding issuance's
    before = await snapshot(client)
    r = await client.post(
        "/v1/cancellations", json={"account_id": acc, "quantity": 21, "reason": "r"}, headers=ADMIN1
    )
    assert r.status_code == 409 and ptype(r) == "insufficient-balance"
    assert await snapshot(client) == before  # a refused proposal asks no one for approval

    ids = []
    for _ in range(2):
        c = await ok(
            client.post(
                "/v1/cancellations",
                json={"account_id": acc, "quantity": 2, "reason": "double registration"},
                headers=ADMIN1,
            ),
            201,
        )
        ids.append(c["id"])
    requested = (await _events(client, ApprovalRequestedV1.event_type))[base:]
    assert [k for k, _ in requested] == ids
    assert all(d["account_org"] == "org-b" and d["reason"] == "double registration" for _, d in requested)
    await ok(client.post(f"/v1/transactions/{ids[0]}/reject", json={"reason": "not needed"}, headers=ADMIN2))
    await ok(client.post(f"/v1/transactions/{ids[1]}/reject", json={"reason": "typo"}, headers=ADMIN1))
    decided = {k: d for k, d in await _events(client, ApprovalDecidedV1.event_type) if k in ids}
    assert (decided[ids[0]]["decision"], decided[ids[0]]["reason"]) == ("rejected", "not needed")
    assert (decided[ids[1]]["decision"], decided[ids[1]]["decided_by"]) == ("withdrawn", "admin-1@registry")
