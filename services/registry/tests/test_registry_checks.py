"""Every check of domain.md §1 has its own problem type and changes nothing (row counts and totals compared)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from registry_helpers import (
    ADMIN1,
    ADMIN2,
    account,
    certification,
    funded_account,
    ok,
    org_headers,
    ptype,
    registered_project,
    snapshot,
)

A = org_headers("org-a")
RET = {"use": "own_activity", "purpose": "annual offset", "beneficiary": "Org A"}


async def refused(
    c: httpx.AsyncClient,
    method: str,
    url: str,
    body: Any,
    headers: dict[str, str],
    status: int,
    type_: str,
    extra_headers: dict[str, str] | None = None,
) -> None:
    before = await snapshot(c)
    r = await c.request(method, url, json=body, headers={**headers, **(extra_headers or {})})
    assert r.status_code == status, r.text
    assert ptype(r) == type_
    assert await snapshot(c) == before


@pytest.fixture
async def world(client: httpx.AsyncClient) -> dict[str, Any]:
    acc, p, issued = await funded_account(client, "org-a", 100)
    other = await account(client, "org-b")
    return {"acc": acc, "project": p, "issued": issued, "other": other, "start": issued["blocks"][0]["start"]}


async def test_account_checks(client: httpx.AsyncClient, world: dict[str, Any]) -> None:
    acc, other = world["acc"], world["other"]
    await refused(
        client,
        "POST",
        "/v1/transfers",
        {"from_account_id": acc, "to_account_id": "nope", "quantity": 1},
        A,
        404,
        "account-not-found",
    )
    # another organisation's account is not found, never forbidden
    await refused(
        client,
        "POST",
        "/v1/transfers",
        {"from_account_id": other, "to_account_id": acc, "quantity": 1},
        A,
        404,
        "account-not-found",
    )
    await refused(
        client,
        "POST",
        "/v1/retirements",
        {"account_id": other, "quantity": 1, **RET},
        A,
        404,
        "account-not-found",
    )
    await ok(client.post(f"/v1/accounts/{other}/suspend", headers=ADMIN1))
    await refused(
        client,
        "POST",
        "/v1/transfers",
        {"from_account_id": acc, "to_account_id": other, "quantity": 1},
        A,
        409,
        "account-not-open",
    )


@pytest.mark.parametrize("quantity", [0, -5])
async def test_quantity_must_be_positive(
    client: httpx.AsyncClient, world: dict[str, Any], quantity: int
) -> None:
    await refused(
        client,
        "POST",
        "/v1/transfers",
        {"from_account_id": world["acc"], "to_account_id": world["other"], "quantity": quantity},
        A,
        422,
        "invalid-quantity",
    )
    await refused(
        client,
        "POST",
        "/v1/retirements",
        {"account_id": world["acc"], "quantity": quantity, **RET},
        A,
        422,
        "invalid-quantity",
    )


async def test_balance_blocks_and_overlaps(client: httpx.AsyncClient, world: dict[str, Any]) -> None:
    acc, other, s = world["acc"], world["other"], world["start"]
    await refused(
        client,
        "POST",
        "/v1/retirements",
        {"account_id": acc, "quantity": 101, **RET},
        A,
        409,
        "insufficient-balance",
    )
    await refused(
        client,
        "POST",
        "/v1/transfers",
        {"from_account_id": acc, "to_account_id": other, "ranges": [{"start": s + 90, "end": s + 110}]},
        A,
        409,
        "blocks-not-held",
    )
    await refused(
        client,
        "POST",
        "/v1/transfers",
        {
            "from_account_id": acc,
            "to_account_id": other,
            "ranges": [{"start": s, "end": s + 5}, {"start": s + 5, "end": s + 9}],
        },
        A,
        422,
        "overlapping-serials",
    )
    await ok(
        client.post(
            "/v1/retirements",
            json={"account_id": acc, "ranges": [{"start": s, "end": s + 9}], **RET},
            headers=A,
        ),
        201,
    )
    await refused(
        client,
        "POST",
        "/v1/transfers",
        {"from_account_id": acc, "to_account_id": other, "ranges": [{"start": s, "end": s}]},
        A,
        409,
        "units-retired",
    )
    await refused(
        client,
        "POST",
        "/v1/cancellations",
        {"account_id": "SYS-RETIREMENT", "quantity": 1, "reason": "r"},
        ADMIN1,
        409,
        "units-retired",
    )


async def test_idempotency_key_reuse(client: httpx.AsyncClient, world: dict[str, Any]) -> None:
    acc, other = world["acc"], world["other"]
    key = {"Idempotency-Key": "tr-1"}
    body = {"from_account_id": acc, "to_account_id": other, "quantity": 3}
    first = await client.post("/v1/transfers", json=body, headers={**A, **key})
    assert first.status_code == 201
    before = await snapshot(client)
    again = await client.post("/v1/transfers", json=body, headers={**A, **key})
    assert again.status_code == 201 and again.json() == first.json()
    assert again.headers.get("idempotent-replayed") == "true" and await snapshot(client) == before
    await refused(
        client, "POST", "/v1/transfers", {**body, "quantity": 4}, A, 422, "idempotency-key-reused", key
    )


async def test_issuance_checks(client: httpx.AsyncClient) -> None:
    p = await registered_project(client, "org-a")
    acc = await account(client, "org-a")
    cert = await certification(client, p["id"], 41)
    url = f"/v1/certifications/{cert['id']}/issuances"
    await refused(
        client, "POST", url, {"quantity": 42, "account_id": acc}, ADMIN1, 409, "issuance-exceeds-certified"
    )
    await refused(client, "POST", url, {"quantity": 0, "account_id": acc}, ADMIN1, 422, "invalid-quantity")
    await refused(
        client,
        "POST",
        url,
        {"quantity": 5, "account_id": acc},
        org_headers("org-a"),
        403,
        "insufficient-scope",
    )
    t1 = await ok(client.post(url, json={"quantity": 40, "account_id": acc}, headers=ADMIN1), 201)
    t2 = await ok(client.post(url, json={"quantity": 41, "account_id": acc}, headers=ADMIN1), 201)
    await ok(client.post(f"/v1/transactions/{t1['id']}/approve", json={}, headers=ADMIN2))
    # at most once per certification, even with a second proposal pending
    await refused(
        client,
        "POST",
        f"/v1/transactions/{t2['id']}/approve",
        {},
        ADMIN2,
        409,
        "certification-already-issued",
    )
    await refused(
        client, "POST", url, {"quantity": 1, "account_id": acc}, ADMIN1, 409, "certification-already-issued"
    )
    certs = await ok(client.get(f"/v1/projects/{p['id']}/certifications", headers=ADMIN1))
    assert [(c["quantity"], c["issued_quantity"]) for c in certs] == [(41, 40)]


async def test_overlapping_issued_serials_are_refused(
    client: httpx.AsyncClient, world: dict[str, Any], db_kind: str
) -> None:
    """The repository refuses an overlapping issued range; on PostgreSQL the database itself does too
    (exclusion constraint over int8range), even for a direct INSERT that bypasses the code."""
    from sqlalchemy import func, select, text
    from sqlalchemy.exc import IntegrityError

    from sosai_registry.ledger import repository
    from sosai_registry.models import Issuance
    from sosai_shared.errors import Conflict

    db = client.app.state.runtime.db  # type: ignore[attr-defined]
    s = world["start"]
    spare = await certification(client, world["project"]["id"], 11)
    async with db.sessionmaker() as session, session.begin():
        existing = (await session.execute(select(Issuance))).scalars().one()
        clash = Issuance(
            **{
                **existing.model_dump(),
                "id": "clash",
                "certification_id": "x",
                "serial_start": s + 50,
                "serial_end": s + 150,
            }
        )
        with pytest.raises(Conflict) as info:
            await repository.insert_issuance(session, clash)
        assert info.value.type == "overlapping-serials"
        await session.rollback()
    if db_kind == "postgresql":
        with pytest.raises(IntegrityError, match="ex_issuances_serials"):
            async with db.engine.begin() as conn:
                await conn.execute(
                    text(
                        "INSERT INTO issuances (id, transaction_id, certification_id, project_id, holder_account_id, "
                        "holder_org, serial_start, serial_end, quantity, buffer_quantity, scheme, credit_type, "
                        "programme, project_code, vintage, validity_end, issued_on, issued_at) "
                        "SELECT 'clash', transaction_id, :cert, project_id, holder_account_id, holder_org, "
                        "serial_end, serial_end + 10, 11, 0, scheme, credit_type, programme, project_code, vintage, "
                        "validity_end, issued_on, issued_at FROM issuances"
                    ),
                    {"cert": spare["id"]},
                )
    async with db.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Issuance)) == 1
