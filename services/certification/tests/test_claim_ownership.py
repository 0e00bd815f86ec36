"""Who may claim a retirement: the applicant itself, or an Anshin provider's customer it named."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from certification_helpers import admin, applicant, feed, ptype, ready_application, retirement, reviewer
from fastapi import FastAPI

from sosai_certification.claims.rules import OWN, PROVIDER, basis_for
from sosai_certification.models import Retirement


def _check(body: dict, name: str) -> dict:  # type: ignore[type-arg]
    return next(c for c in body["checks"] if c["name"] == name)


async def test_a_naming_bs_retirement_is_refused_and_b_certifies_with_it_afterwards(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    bs = retirement(13, holder_org="org-b")
    await feed(app, bs)
    a = await ready_application(client, app, "org-a", retirement_ids=[bs.retirement_id])
    claimable = _check(a, "retirements_claimable")
    assert claimable["met"] is False
    assert claimable["detail"] == f"{bs.retirement_id}: retired by org-b for itself; only org-b may claim it"
    assert _check(a, "credits_cover")["evidence"]["credits_retired"] == 0  # not counted either
    refused = await client.post(f"/v1/applications/{a['id']}/certify", headers=reviewer())
    assert refused.status_code == 409 and ptype(refused) == "checks-not-met"
    assert "retirements_claimable" in refused.json()["failed"]

    b = await ready_application(client, app, "org-b", retirement_ids=[bs.retirement_id])
    assert _check(b, "retirements_claimable")["met"] is True
    [evidence] = _check(b, "retirements_claimable")["evidence"]["retirements"]
    assert evidence["rule"] == OWN and evidence["counted"] is True
    ok = await client.post(f"/v1/applications/{b['id']}/certify", headers=reviewer())
    assert ok.status_code == 200, ok.text
    assert ok.json()["certificate"]["credits_retired"] == 13


async def test_a_provider_retirement_backs_only_the_named_beneficiary_org(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    r = await client.post(
        "/v1/admin/providers",
        json={
            "org": "org-prov",
            "name": "Green Offset KK",
            "credit_handling": "per customer",
            "pricing_basis": "JPY per t",
            "retirement_practice": "within 30 days",
            "account_ids": ["acc-p1"],
        },
        headers=admin(),
    )
    assert r.status_code == 201, r.text
    for_a = retirement(13, holder_org="org-prov", beneficiary_org="org-a", start=500)
    await feed(app, for_a)
    by_stranger = retirement(13, holder_org="org-nobody", beneficiary_org="org-c", start=600)
    await feed(app, by_stranger)

    a = await ready_application(client, app, "org-a", retirement_ids=[for_a.retirement_id])
    assert _check(a, "retirements_claimable")["met"] is True
    assert _check(a, "retirements_known")["evidence"]["retirements"][0]["rule"] == PROVIDER
    c = await ready_application(client, app, "org-c", retirement_ids=[for_a.retirement_id])
    assert _check(c, "retirements_claimable")["detail"].endswith(
        "retired by org-prov for org-a, not for org-c"
    )
    c2 = await ready_application(client, app, "org-c", retirement_ids=[by_stranger.retirement_id])
    assert "not a registered Anshin provider" in _check(c2, "retirements_claimable")["detail"]
    ok = await client.post(f"/v1/applications/{a['id']}/certify", headers=reviewer())
    assert ok.status_code == 200, ok.text


async def test_someone_elses_retirement_referencing_the_application_is_ignored_not_blocking(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    a = await ready_application(client, app, "org-a")  # its own retirement references it
    await feed(app, retirement(5, application_id=a["id"], holder_org="org-z", start=900))
    view = (await client.get(f"/v1/applications/{a['id']}", headers=applicant("org-a"))).json()
    assert view["checks_met"] is True
    evidence = _check(view, "retirements_claimable")["evidence"]["retirements"]
    assert sorted((e["holder_org"], e["counted"]) for e in evidence) == [("org-a", True), ("org-z", False)]
    assert _check(view, "credits_cover")["evidence"]["credits_retired"] == 13


def _ret(holder: str, beneficiary_org: str | None) -> Retirement:
    return Retirement(
        retirement_id="r1",
        account_id="acc",
        holder_org=holder,
        quantity=1,
        use="meeting_event",
        purpose="p",
        beneficiary="b",
        beneficiary_org=beneficiary_org,
        blocks=[],
        retired_at=datetime.now(UTC),
    )


def test_basis_rules_without_io() -> None:
    assert basis_for("a", _ret("a", None), set()).rule == OWN
    assert basis_for("a", _ret("a", "a"), set()).rule == OWN  # naming oneself is the own rule
    assert basis_for("a", _ret("p", "a"), {"p"}).rule == PROVIDER
    assert basis_for("a", _ret("p", "a"), set()).allowed is False  # p is no provider
    assert basis_for("b", _ret("p", "a"), {"p"}).allowed is False
    assert basis_for("p", _ret("p", "a"), {"p"}).allowed is False  # handed over to a: not the provider's
    assert basis_for("b", _ret("a", None), set()).reason == "retired by a for itself; only a may claim it"


async def test_only_the_organiser_of_a_known_catalog_session_may_certify_it(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    from sosai_shared.contracts import SessionScheduledV1

    await feed(
        app,
        SessionScheduledV1(
            session_id="ses-expo",
            programme_code="expo",
            title="EXPO",
            prefecture="Tokyo",
            starts_at=datetime(2030, 2, 1, tzinfo=UTC),
            ends_at=datetime(2030, 2, 1, 8, tzinfo=UTC),
            capacity=300,
            organiser_org="org-b",
        ),
    )
    takeover = await ready_application(client, app, "org-a", session_id="ses-expo")
    check = _check(takeover, "session_organiser")
    assert check["met"] is False and check["detail"] == "session ses-expo is organised by org-b, not by org-a"
    refused = await client.post(f"/v1/applications/{takeover['id']}/certify", headers=reviewer())
    assert refused.status_code == 409 and refused.json()["failed"] == ["session_organiser"]
    unknown = await ready_application(client, app, "org-a", session_id="ses-nowhere")
    assert (
        _check(unknown, "session_organiser")["detail"]
        == "session ses-nowhere not seen from the events catalog"
    )

    own = await ready_application(client, app, "org-b", session_id="ses-expo")
    assert _check(own, "session_organiser")["met"] is True
    ok = await client.post(f"/v1/applications/{own['id']}/certify", headers=reviewer())
    assert ok.status_code == 200, ok.text
