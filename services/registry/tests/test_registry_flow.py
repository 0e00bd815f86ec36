"""The credit's whole life through the HTTP API: project → certification → issuance → transfer → retirement,
with cancellation, the forest buffer, the public ledger, statistics, events and metrics."""

from __future__ import annotations

import httpx
from prometheus_client import REGISTRY
from registry_helpers import (
    ADMIN1,
    ADMIN2,
    account,
    balance,
    certification,
    funded_account,
    ok,
    org_headers,
    outbox_types,
    ptype,
    registered_project,
    snapshot,
)

from sosai_registry.ledger.serials import parse_serial

P = "jp.sosai.registry."


async def test_project_lifecycle_is_recorded_and_registration_published(client: httpx.AsyncClient) -> None:
    p = await registered_project(client, "org-a")
    assert p["status"] == "registered" and p["code"].startswith("P")
    assert [t["to_status"] for t in p["transitions"]] == ["applied", "validated", "registered"]
    assert p["transitions"][-1]["actor_sub"] == "admin-1@registry"
    assert (await outbox_types(client)).count(P + "project.registered.v1") == 1
    # suspension needs a reason; a terminated project is final
    r = await client.post(f"/v1/projects/{p['id']}/transitions", json={"to": "suspended"}, headers=ADMIN1)
    assert r.status_code == 422 and ptype(r) == "reason-required"
    await ok(
        client.post(
            f"/v1/projects/{p['id']}/transitions",
            json={"to": "terminated", "reason": "ended"},
            headers=ADMIN1,
        )
    )
    before = await snapshot(client)
    r = await client.post(f"/v1/projects/{p['id']}/transitions", json={"to": "registered"}, headers=ADMIN1)
    assert r.status_code == 409 and ptype(r) == "invalid-transition"
    assert await snapshot(client) == before
    # only administrators register
    r = await client.post(
        f"/v1/projects/{p['id']}/transitions", json={"to": "registered"}, headers=org_headers("org-a")
    )
    assert r.status_code == 403 and ptype(r) == "insufficient-scope"


async def test_issue_transfer_retire_with_serial_splits(client: httpx.AsyncClient) -> None:
    acc_a, p, issued = await funded_account(client, "org-a", 100)
    assert issued["status"] == "completed" and issued["approver_sub"] == "admin-2@registry"
    [blk] = issued["blocks"]
    s = parse_serial(blk["serial"])
    assert (s.start, s.end, s.quantity, s.project_code) == (blk["start"], blk["end"], 100, p["code"])
    assert blk["serial"].startswith("JP-ER-NAT-")
    acc_b = await account(client, "org-b")
    # partial transfer by quantity: the sender keeps the low range, the receiver gets the high range
    t = await ok(
        client.post(
            "/v1/transfers",
            json={"from_account_id": acc_a, "to_account_id": acc_b, "quantity": 30},
            headers=org_headers("org-a"),
        ),
        201,
    )
    assert [(b["start"], b["end"]) for b in t["blocks"]] == [(s.start + 70, s.end)]
    bal_a = await balance(client, acc_a, "org-a")
    assert bal_a["total"] == 70 and [(b["start"], b["end"]) for b in bal_a["blocks"]] == [
        (s.start, s.start + 69)
    ]
    # explicit ranges: a middle range leaves two pieces with the sender
    t2 = await ok(
        client.post(
            "/v1/transfers",
            json={
                "from_account_id": acc_a,
                "to_account_id": acc_b,
                "ranges": [{"start": s.start + 10, "end": s.start + 19}],
            },
            headers=org_headers("org-a"),
        ),
        201,
    )
    assert t2["quantity"] == 10
    bal_a = await balance(client, acc_a, "org-a")
    assert [(b["start"], b["end"]) for b in bal_a["blocks"]] == [
        (s.start, s.start + 9),
        (s.start + 20, s.start + 69),
    ]
    # retirement on behalf of a customer, by quantity (lowest serials first)
    r = await ok(
        client.post(
            "/v1/retirements",
            json={
                "account_id": acc_b,
                "quantity": 15,
                "use": "meeting_event",
                "purpose": "Carbon Offset EXPO Tokyo",
                "beneficiary": "Expo visitors",
                "footprint_id": "fp-1",
                "session_id": "s-1",
            },
            headers=org_headers("org-b"),
        ),
        201,
    )
    assert r["holder_org"] == "org-b" and r["beneficiary"] == "Expo visitors" and r["quantity"] == 15
    assert sum(b["quantity"] for b in r["blocks"]) == 15
    assert [(b["start"], b["end"]) for b in r["blocks"]] == [
        (s.start + 10, s.start + 19),
        (s.start + 95, s.end),
    ] or r["blocks"]
    pub = await ok(client.get(f"/v1/public/retirements/{r['id']}"))
    assert pub["beneficiary"] == "Expo visitors" and pub["url"].endswith(f"/v1/public/retirements/{r['id']}")
    html = await client.get(f"/v1/public/retirements/{r['id']}/notice")
    assert html.status_code == 200 and "text/html" in html.headers["content-type"]
    assert "Expo visitors" in html.text and r["blocks"][0]["serial"] in html.text
    listed = await ok(client.get("/v1/public/retirements", params={"beneficiary": "Expo visitors"}))
    assert [x["id"] for x in listed["items"]] == [r["id"]]
    by_project = await ok(client.get("/v1/public/retirements", params={"project_id": p["id"]}))
    assert [x["id"] for x in by_project["items"]] == [r["id"]]
    # per-serial lifecycle: issued → transferred → retired
    life = await ok(client.get(f"/v1/public/serials/{r['blocks'][0]['start']}"))
    assert life["status"] == "retired" and life["retirement_id"] == r["id"]
    assert [h["kind"] for h in life["history"]] == ["issuance", "transfer", "retirement"]
    life2 = await ok(client.get(f"/v1/public/serials/{blk['serial']}"))
    assert life2["status"] == "held" and [h["kind"] for h in life2["history"]] == ["issuance"]
    # retired units never move again
    before = await snapshot(client)
    again = await client.post(
        "/v1/retirements",
        json={
            "account_id": acc_b,
            "ranges": [{"start": r["blocks"][0]["start"], "end": r["blocks"][0]["end"]}],
            "use": "meeting_event",
            "purpose": "x",
            "beneficiary": "y",
        },
        headers=org_headers("org-b"),
    )
    assert again.status_code == 409 and ptype(again) == "units-retired"
    assert await snapshot(client) == before
    types = await outbox_types(client)
    for kind in ("credits.certified", "credits.issued", "credits.transferred", "credits.retired"):
        assert P + kind + ".v1" in types
    assert types.count(P + "credits.transferred.v1") == 2 and types.count(P + "credits.retired.v1") == 1
    metrics = (await client.get("/metrics")).text
    for name in (
        "sosai_registry_tonnes_issued_total",
        "sosai_registry_tonnes_retired_total",
        "sosai_registry_tonnes_transferred_total",
        "sosai_registry_tonnes_cancelled_total",
        'sosai_registry_transactions_total{kind="retirement",status="completed"}',
    ):
        assert name in metrics


async def test_four_eyes_on_issuance_and_cancellation(client: httpx.AsyncClient) -> None:
    p = await registered_project(client, "org-a")
    acc = await account(client, "org-a")
    cert = await certification(client, p["id"], 50)
    tx = await ok(
        client.post(
            f"/v1/certifications/{cert['id']}/issuances",
            json={"quantity": 40, "account_id": acc},
            headers=ADMIN1,
        ),
        201,
    )
    assert tx["status"] == "proposed" and tx["proposer_sub"] == "admin-1@registry"
    before = await snapshot(client)
    r = await client.post(f"/v1/transactions/{tx['id']}/approve", json={}, headers=ADMIN1)
    assert r.status_code == 403 and ptype(r) == "four-eyes"
    assert await snapshot(client) == before
    r = await client.post(f"/v1/transactions/{tx['id']}/approve", json={}, headers=org_headers("org-a"))
    assert r.status_code == 403 and ptype(r) == "insufficient-scope"
    done = await ok(client.post(f"/v1/transactions/{tx['id']}/approve", json={}, headers=ADMIN2))
    assert done["status"] == "completed" and done["checked_at"] and done["completed_at"]
    assert (await balance(client, acc, "org-a"))["total"] == 40
    # cancellation (取消): reason mandatory, four eyes
    r = await client.post("/v1/cancellations", json={"account_id": acc, "quantity": 5}, headers=ADMIN1)
    assert r.status_code == 422
    c = await ok(
        client.post(
            "/v1/cancellations",
            json={"account_id": acc, "quantity": 5, "reason": "double counting found"},
            headers=ADMIN2,
        ),
        201,
    )
    before = await snapshot(client)
    r = await client.post(f"/v1/transactions/{c['id']}/approve", json={}, headers=ADMIN2)
    assert r.status_code == 403 and ptype(r) == "four-eyes" and await snapshot(client) == before
    done = await ok(client.post(f"/v1/transactions/{c['id']}/approve", json={}, headers=ADMIN1))
    assert done["status"] == "completed" and sum(b["quantity"] for b in done["blocks"]) == 5
    assert (await balance(client, acc, "org-a"))["total"] == 35
    life = await ok(client.get(f"/v1/public/serials/{done['blocks'][0]['start']}"))
    assert life["status"] == "cancelled"
    # a rejected proposal changes no holdings
    c2 = await ok(
        client.post(
            "/v1/cancellations", json={"account_id": acc, "quantity": 1, "reason": "r"}, headers=ADMIN1
        ),
        201,
    )
    rej = await ok(
        client.post(f"/v1/transactions/{c2['id']}/reject", json={"reason": "not needed"}, headers=ADMIN2)
    )
    assert rej["status"] == "rejected" and (await balance(client, acc, "org-a"))["total"] == 35
    r = await client.post(f"/v1/transactions/{c2['id']}/approve", json={}, headers=ADMIN1)
    assert r.status_code == 409 and ptype(r) == "transaction-not-pending"
    assert P + "credits.cancelled.v1" in await outbox_types(client)


async def test_forest_buffer_share_and_reversal(client: httpx.AsyncClient) -> None:
    acc, p, issued = await funded_account(client, "org-f", 95, category="forest_absorption")
    # 10 % of 95 = 9.5, rounded up to 10 t for the buffer; the holder gets the low 85
    assert [b["quantity"] for b in issued["blocks"]] == [85]
    assert issued["buffer_transaction_id"]
    assert (await balance(client, acc, "org-f"))["total"] == 85
    buf = await ok(client.get("/v1/accounts/SYS-BUFFER/balance", headers=ADMIN1))
    assert buf["total"] == 10 and buf["blocks"][0]["serial"].startswith("JP-FM-")
    assert buf["blocks"][0]["start"] == issued["blocks"][0]["end"] + 1
    rv = await ok(
        client.post(
            "/v1/buffer-reversals",
            json={"project_id": p["id"], "quantity": 4, "reason": "forest fire 2017-03-06"},
            headers=ADMIN1,
        ),
        201,
    )
    r = await client.post(f"/v1/transactions/{rv['id']}/approve", json={}, headers=ADMIN1)
    assert r.status_code == 403 and ptype(r) == "four-eyes"
    done = await ok(client.post(f"/v1/transactions/{rv['id']}/approve", json={}, headers=ADMIN2))
    assert done["status"] == "completed" and sum(b["quantity"] for b in done["blocks"]) == 4
    assert (await ok(client.get("/v1/accounts/SYS-BUFFER/balance", headers=ADMIN1)))["total"] == 6
    stats = await ok(client.get("/v1/statistics"))
    assert stats["tonnes_issued"] == 95 and stats["tonnes_in_buffer"] == 6 and stats["tonnes_retired"] == 0
    assert P + "buffer.reversed.v1" in await outbox_types(client)


async def test_statistics_by_fiscal_year_with_backdating(client: httpx.AsyncClient) -> None:
    code = await ok(
        client.post(
            "/v1/methodologies",
            json={"code": "E001", "name": "x", "category": "emission_reduction"},
            headers=ADMIN1,
        ),
        201,
    )
    await ok(
        client.post(
            "/v1/methodologies",
            json={"code": "R001", "name": "y", "category": "forest_absorption"},
            headers=ADMIN1,
        ),
        201,
    )
    p = await ok(
        client.post(
            "/v1/projects",
            json={
                "name": "n",
                "methodology_code": code["code"],
                "prefecture": "hokkaido",
                "crediting_start": "2009-04-01",
                "crediting_end": "2012-03-31",
            },
            headers=org_headers("org-a"),
        ),
        201,
    )
    await ok(client.post(f"/v1/projects/{p['id']}/transitions", json={"to": "validated"}, headers=ADMIN1))
    await ok(
        client.post(
            f"/v1/projects/{p['id']}/transitions",
            json={"to": "registered", "effective_date": "2010-02-15"},
            headers=ADMIN1,
        )
    )
    acc = await account(client, "org-a")
    c1 = await certification(client, p["id"], 700, effective_date="2010-03-20")
    c2 = await certification(client, p["id"], 300, effective_date="2010-06-01")
    tx = await ok(
        client.post(
            f"/v1/certifications/{c1['id']}/issuances",
            json={"quantity": 650, "account_id": acc},
            headers=ADMIN1,
        ),
        201,
    )
    await ok(
        client.post(
            f"/v1/transactions/{tx['id']}/approve", json={"effective_date": "2010-04-10"}, headers=ADMIN2
        )
    )
    stats = await ok(client.get("/v1/statistics"))
    assert stats["methodologies_by_category"] == {"emission_reduction": 1, "forest_absorption": 1}
    assert stats["projects_by_status"] == {"registered": 1}
    assert (stats["tonnes_certified"], stats["tonnes_issued"]) == (1000, 650)
    fy = {f["fiscal_year"]: f for f in stats["by_fiscal_year"]}
    assert fy[2009]["projects_registered"] == 1 and fy[2009]["tonnes_certified"] == 700
    assert fy[2010]["tonnes_certified"] == 300 and fy[2010]["tonnes_issued"] == 650
    s2009 = await ok(client.get("/v1/statistics", params={"fiscal_year": 2009}))
    assert (s2009["tonnes_certified"], s2009["tonnes_issued"], s2009["projects_registered"]) == (700, 0, 1)
    assert c2["vintage"] >= 2009
    pub = await ok(client.get("/v1/public/issuances", params={"fiscal_year": 2010}))
    assert [i["quantity"] for i in pub["items"]] == [650]


async def test_price_indications_latest_and_history(client: httpx.AsyncClient) -> None:
    h = org_headers("provider-x")
    await ok(
        client.post("/v1/prices", json={"credit_type": "ER", "bid_yen": 4000, "offer_yen": 5000}, headers=h),
        201,
    )
    await ok(
        client.post("/v1/prices", json={"credit_type": "ER", "bid_yen": 4200, "offer_yen": 5200}, headers=h),
        201,
    )
    r = await client.post(
        "/v1/prices", json={"credit_type": "ER", "bid_yen": 6000, "offer_yen": 5000}, headers=h
    )
    assert r.status_code == 422 and ptype(r) == "invalid-price"
    latest = await ok(client.get("/v1/public/prices/latest"))
    assert [(x["org"], x["bid_yen"]) for x in latest] == [("provider-x", 4200)]
    hist = await ok(client.get("/v1/public/prices/history", params={"credit_type": "ER", "limit": 1}))
    assert len(hist["items"]) == 1 and hist["next_cursor"]
    rest = await ok(
        client.get("/v1/public/prices/history", params={"credit_type": "ER", "cursor": hist["next_cursor"]})
    )
    assert [x["bid_yen"] for x in hist["items"] + rest["items"]] == [4000, 4200]


async def test_metrics_counters_move_with_committed_work(client: httpx.AsyncClient) -> None:
    def sample(name: str, **labels: str) -> float:
        return REGISTRY.get_sample_value(name, labels) or 0.0

    before = sample("sosai_registry_tonnes_issued_total")
    await funded_account(client, "org-m", 12)
    assert sample("sosai_registry_tonnes_issued_total") - before == 12
