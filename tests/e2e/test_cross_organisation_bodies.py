"""Another organisation's ids given in request *bodies* never act for the intruder.

Organisation A has an account, a footprint, a session it organises, a retirement and an
application. Organisation B names A's ids in its own requests' bodies: moves from A's account
are 404; an application naming A's retirement, footprint and session is refused by its checks,
each saying why; a retirement of B's naming A's application does not count for A.
"""

from __future__ import annotations

from typing import Any

from e2e_support import SERVICE_AWAY, Programme
from journey_support import company, issue, ok, unique

from sosai_shared.testing import auth, wait_until_blocking


def _retire(account_id: str, quantity: int, **extra: Any) -> dict[str, Any]:
    body = {"account_id": account_id, "quantity": quantity, "use": "meeting_event", "purpose": "offset"}
    return {**body, "beneficiary": "A Corp", **extra}


def _app_body(**extra: Any) -> dict[str, Any]:
    return {
        "offset_type": "meeting_event",
        "subject_name": "Seminar",
        "subject_kind": "event",
        "scope": "travel",
        "emission_sources": ["travel"],
        "reduction_efforts": "rail",
        "quantity": 5,
        "disclosure": "offset with J-VER",
        **extra,
    }


def test_ids_in_request_bodies_never_act_for_another_organisation(programme: Programme) -> None:
    p = programme
    a_org, b_org = unique("org-a"), unique("org-b")
    a, b = company(a_org), company(b_org)
    a_credits, b_credits = issue(p, a, quantity=20), issue(p, b, quantity=20)
    session = ok(
        p.catalog.post(
            "/v1/sessions",
            headers=auth(a_org, "catalog:organise", sub=f"organiser@{a_org}"),
            json={
                "programme_code": "leader_training",
                "title_ja": "リーダー研修",
                "capacity": 10,
                "venue": {"name": "Hall", "city": "Sendai", "prefecture": "Miyagi"},
                "starts_at": "2031-01-10T01:00:00Z",
                "ends_at": "2031-01-10T05:00:00Z",
            },
        ),
        201,
    )
    footprint = ok(
        p.calculator.post(
            "/v1/footprints",
            headers=a,
            json={
                "kind": "organisation",
                "name": "HQ",
                "fiscal_year": 2010,
                "activities": [{"activity": "gasoline", "amount": "1", "unit": "kL"}],
            },
        ),
        201,
    )
    a_retirement = ok(
        p.registry.post("/v1/retirements", headers=a, json=_retire(a_credits.account_id, 5)), 201
    )
    a_app = ok(p.certification.post("/v1/applications", headers=a, json=_app_body()), 201)

    # account ids in bodies: B cannot move or retire A's credits
    for path, body in (
        ("/v1/retirements", _retire(a_credits.account_id, 1)),
        (
            "/v1/transfers",
            {"from_account_id": a_credits.account_id, "to_account_id": b_credits.account_id, "quantity": 1},
        ),
    ):
        r = p.registry.post(path, headers=b, json=body)
        assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json", (
            path,
            r.text,
        )
    held = ok(p.registry.get(f"/v1/accounts/{a_credits.account_id}/balance", headers=a))
    assert held["total"] == 15

    # application_id in a retirement body: B's retirement does not count for A's application
    ok(
        p.registry.post(
            "/v1/retirements", headers=b, json=_retire(b_credits.account_id, 5, application_id=a_app["id"])
        ),
        201,
    )

    # retirement_ids, footprint_id and session_id in an application body: refused by the checks
    b_app = ok(
        p.certification.post(
            "/v1/applications",
            headers=b,
            json=_app_body(
                retirement_ids=[a_retirement["id"]], footprint_id=footprint["id"], session_id=session["id"]
            ),
        ),
        201,
    )

    def refused() -> dict[str, Any] | None:
        view = ok(p.certification.get(f"/v1/applications/{b_app['id']}", headers=b))
        checks = {c["name"]: c for c in view["checks"]}
        ready = all("not seen" not in checks[n]["detail"] for n in ("footprint_known", "session_organiser"))
        # A's retirement never counts for B, so "retirements_known" cannot tell whether it has arrived
        # ("no retirement references or is named by this application" either way): the claimable
        # check's evidence lists it once the registry's event is in
        arrived = {e["retirement_id"] for e in checks["retirements_claimable"]["evidence"]["retirements"]}
        return checks if ready and a_retirement["id"] in arrived else None

    checks = wait_until_blocking(refused, timeout=90, transient=SERVICE_AWAY)
    assert checks["footprint_known"]["met"] is False
    assert checks["footprint_known"]["detail"] == "the footprint belongs to another organisation"
    assert checks["retirements_claimable"]["met"] is False
    assert checks["retirements_claimable"]["detail"].endswith(f"only {a_org} may claim it")
    assert checks["session_organiser"]["met"] is False
    assert checks["session_organiser"]["detail"].endswith(f"not by {b_org}")

    def a_sees_bs_retirement() -> dict[str, Any] | None:
        view = ok(p.certification.get(f"/v1/applications/{a_app['id']}", headers=a))
        checks = {c["name"]: c for c in view["checks"]}
        evidence = checks["retirements_claimable"]["evidence"]["retirements"]
        return checks if evidence else None

    a_checks = wait_until_blocking(a_sees_bs_retirement, timeout=90, transient=SERVICE_AWAY)
    [foreign] = a_checks["retirements_claimable"]["evidence"]["retirements"]
    assert foreign["holder_org"] == b_org and foreign["counted"] is False
    assert a_checks["credits_cover"]["evidence"]["credits_retired"] == 0
