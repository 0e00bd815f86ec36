"""Two more journeys across the running services.

* A forest project from application to issuance with its buffer share, then lost
  removals drawn from the buffer into the retirement account (four eyes, reason).
* An Anshin provider registered in certification, its registry accounts marked from
  the provider-registered event, retiring on behalf of a consumer for a product
  offset whose footprint the calculator then shows as covered.
"""

from __future__ import annotations

import math
from decimal import Decimal

from e2e_support import SERVICE_AWAY, Programme
from journey_support import ADMIN, ADMIN2, REVIEWER, company, issue, ok, unique

from sosai_shared.testing import wait_until_blocking


def test_forest_project_buffer_share_then_reversal(programme: Programme) -> None:
    p = programme
    before = ok(p.registry.get("/v1/statistics"))
    proponent = company(unique("shimanto-forest"))
    credits = issue(p, proponent, quantity=1000, category="forest_absorption")
    # 10 % of a forest issuance (rounded up) goes to the secretariat's buffer account
    assert credits.buffer == math.ceil(Decimal(1000) * Decimal("0.10")) == 100
    assert credits.issued == 900
    mid = ok(p.registry.get("/v1/statistics"))
    assert mid["tonnes_in_buffer"] - before["tonnes_in_buffer"] == 100
    assert mid["tonnes_issued"] - before["tonnes_issued"] == 1000

    # a fire destroys part of the forest: 47 t move from the buffer to the retirement account
    no_reason = p.registry.post(
        "/v1/buffer-reversals", headers=ADMIN, json={"project_id": credits.project_id, "quantity": 47}
    )
    assert no_reason.status_code == 422
    proposal = ok(
        p.registry.post(
            "/v1/buffer-reversals",
            headers=ADMIN,
            json={
                "project_id": credits.project_id,
                "quantity": 47,
                "reason": "Forest fire on 2011-01-15, 3.2 ha lost",
            },
        ),
        201,
    )
    assert (
        p.registry.post(f"/v1/transactions/{proposal['id']}/approve", json={}, headers=ADMIN).status_code
        == 403
    )
    done = ok(p.registry.post(f"/v1/transactions/{proposal['id']}/approve", json={}, headers=ADMIN2))
    assert done["status"] == "completed" and done["kind"] == "buffer_reversal"
    assert sum(b["quantity"] for b in done["blocks"]) == 47
    after = ok(p.registry.get("/v1/statistics"))
    assert after["tonnes_in_buffer"] - before["tonnes_in_buffer"] == 53
    # I1 for this project: held + retired + cancelled + buffer = issued, and the holder kept its 900
    assert ok(p.registry.get(f"/v1/accounts/{credits.account_id}/balance", headers=proponent))["total"] == 900
    # the reversed serials' lifecycle ends in retirement, traceable from the public ledger
    serial = done["blocks"][0]["start"]
    life = ok(p.registry.get(f"/v1/public/serials/{serial}"))
    assert life["status"] == "retired" and life["issuance"]["project_id"] == credits.project_id
    # more than the buffer holds for the project is refused and changes nothing
    too_much = p.registry.post(
        "/v1/buffer-reversals",
        headers=ADMIN,
        json={"project_id": credits.project_id, "quantity": 54, "reason": "more than is left"},
    )
    if too_much.status_code == 201:  # checked at approval, under locks
        refused = p.registry.post(
            f"/v1/transactions/{too_much.json()['id']}/approve", json={}, headers=ADMIN2
        )
        assert refused.status_code == 409 and refused.json()["type"].endswith("insufficient-balance")
    else:
        assert too_much.status_code == 409 and too_much.json()["type"].endswith("insufficient-balance")
    assert ok(p.registry.get("/v1/statistics"))["tonnes_in_buffer"] == after["tonnes_in_buffer"]


def test_anshin_provider_retires_for_a_consumer_product_offset(programme: Programme) -> None:
    p = programme
    provider_org = unique("offset-provider")
    provider = company(provider_org)
    account = ok(p.registry.post("/v1/accounts", json={"name": "customer offsets"}, headers=provider), 201)
    assert account["anshin_provider"] is False

    # registration in the certification scheme, reviewed by 4CJ
    record = ok(
        p.certification.post(
            "/v1/providers",
            headers=provider,
            json={
                "name": "Green Offset KK",
                "credit_handling": "Credits held in our own J-VER account, retired per order",
                "pricing_basis": "Published price per tonne plus handling fee",
                "retirement_practice": "Retired within 30 days of each order; retirement notice sent to the customer",
            },
        ),
        201,
    )
    ok(p.certification.post(f"/v1/providers/{record['id']}/register", headers=REVIEWER, json={}))
    listed = ok(p.certification.get("/v1/public/providers"))
    assert any(x["id"] == record["id"] for x in listed["items"])

    # the registry marks the provider's accounts from the provider-registered event
    def marked() -> bool:
        return bool(ok(p.registry.get(f"/v1/accounts/{account['id']}", headers=provider))["anshin_provider"])

    wait_until_blocking(marked, timeout=90, transient=SERVICE_AWAY)

    # a product's footprint (per unit × units), offset by the provider for a consumer
    footprint = ok(
        p.calculator.post(
            "/v1/footprints",
            headers=provider,
            json={
                "kind": "product",
                "name": "Carbon-offset New Year's cards",
                "fiscal_year": 2010,
                "units": 10000,
                "offset_type": "product_service",
                "per_unit": [{"activity": "electricity", "amount": "0.05", "unit": "kWh"}],
                "plan": {"offset_share": "1"},
            },
        ),
        201,
    )
    needed = footprint["plan"]["credits_needed"]
    assert needed == math.ceil(Decimal(footprint["total_t_co2"]))
    proponent = company(unique("iwate-biomass"))
    credits = issue(p, proponent, quantity=200)
    ok(
        p.registry.post(
            "/v1/transfers",
            headers=proponent,
            json={"from_account_id": credits.account_id, "to_account_id": account["id"], "quantity": 50},
        ),
        201,
    )
    retirement = ok(
        p.registry.post(
            "/v1/retirements",
            headers=provider,
            json={
                "account_id": account["id"],
                "quantity": needed,
                "use": "product_service",
                "purpose": "Offset of 10,000 New Year's cards sold in FY2010",
                "beneficiary": "Yamada Taro",
                "footprint_id": footprint["id"],
            },
        ),
        201,
    )
    public = ok(p.registry.get(f"/v1/public/retirements/{retirement['id']}"))
    assert public["beneficiary"] == "Yamada Taro" and public["holder_org"] == provider_org
    notice = p.registry.get(f"/v1/public/retirements/{retirement['id']}/notice")
    assert notice.status_code == 200 and "Yamada Taro" in notice.text

    def covered() -> dict | None:  # type: ignore[type-arg]
        fp = ok(p.calculator.get(f"/v1/footprints/{footprint['id']}", headers=provider))
        return fp if fp["coverage"]["coverage"] == "full" else None

    assert (
        wait_until_blocking(covered, timeout=90, transient=SERVICE_AWAY)["coverage"]["credits_retired"]
        == needed
    )
    # the retired tonnes never move again
    again = p.registry.post(
        "/v1/transfers",
        headers=provider,
        json={
            "from_account_id": account["id"],
            "to_account_id": credits.account_id,
            "ranges": [{"start": retirement["blocks"][0]["start"], "end": retirement["blocks"][0]["start"]}],
        },
    )
    assert (
        again.status_code in (404, 409, 422) and again.headers["content-type"] == "application/problem+json"
    )
