"""The certification checklist and workflow as pure rules: plain objects in, checks out, no I/O.

What a reviewer relies on: the footprint must be the applicant's own, the retirements must be
seen and cover the credits needed, a retirement backs at most one certification, it must fall
in the window before submission, and the consumer-facing disclosure must be there.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from certification_helpers import footprint as footprint_fact

from sosai_certification.applications.rules import (
    CHECK_NAMES,
    WORKFLOW,
    counted_retirements,
    credits_required,
    evaluate,
    target_status,
)
from sosai_certification.models import Application, Footprint, Retirement
from sosai_shared.errors import Conflict

NOW = datetime(2010, 10, 1, 12, 0, tzinfo=UTC)
STATUSES = ("draft", "submitted", "under_review", "certified", "rejected", "suspended", "revoked", "expired")


def application(**overrides: object) -> Application:
    fields: dict[str, object] = {
        "id": "app-1",
        "applicant_org": "org-a",
        "created_by": "applicant@org-a",
        "status": "under_review",
        "offset_type": "meeting_event",
        "subject_name": "Carbon Offset EXPO Tokyo",
        "subject_kind": "event",
        "scope": "venue energy and participants' travel",
        "emission_sources": ["travel"],
        "footprint_id": "fp-1",
        "reduction_efforts": "LED lighting",
        "quantity": 13,
        "retirement_ids": [],
        "disclosure": "13 t-CO2 offset with retired J-VER credits.",
        "created_at": NOW - timedelta(days=10),
        "updated_at": NOW - timedelta(days=2),
        "submitted_at": NOW - timedelta(days=2),
        **overrides,
    }
    return Application(**fields)


def footprint(org: str = "org-a", credits: int = 13) -> Footprint:
    """The stored fact of the calculator's event (the same one the integration tests feed)."""
    fact = footprint_fact(org, credits, fid="fp-1").model_dump()
    stored = Footprint(**{k: v for k, v in fact.items() if k in Footprint.model_fields})
    stored.calculated_at = NOW - timedelta(days=5)
    return stored


def retirement(
    rid: str = "ret-1", quantity: int = 13, *, days_ago: int = 3, app_id: str | None = "app-1"
) -> Retirement:
    return Retirement(
        retirement_id=rid,
        account_id="acc-1",
        holder_org="org-a",
        quantity=quantity,
        use="meeting_event",
        purpose="offset of the EXPO",
        beneficiary="Org A",
        application_id=app_id,
        blocks=[],
        retired_at=NOW - timedelta(days=days_ago),
    )


def checks(
    app: Application, fp: Footprint | None, rets: list[Retirement], used: dict[str, str] | None = None
) -> dict[str, bool]:
    result = evaluate(app, fp, rets, used or {}, now=NOW, window_days=365)
    assert tuple(c.name for c in result) == CHECK_NAMES  # always the same six, in order
    return {c.name: c.met for c in result}


def test_every_check_is_met_by_a_complete_application() -> None:
    assert all(checks(application(), footprint(), [retirement()]).values())


def test_a_footprint_not_seen_or_of_another_organisation_is_not_met() -> None:
    assert checks(application(), None, [retirement()])["footprint_known"] is False
    assert checks(application(), footprint(org="org-b"), [retirement()])["footprint_known"] is False


def test_named_retirements_must_all_be_seen() -> None:
    app = application(retirement_ids=["ret-1", "ret-2"])
    met = checks(app, footprint(), [retirement(app_id=None)])
    assert met["retirements_known"] is False
    assert checks(application(), footprint(), [])["retirements_known"] is False


def test_credits_must_cover_the_quantity_or_the_footprint_for_carbon_neutral() -> None:
    assert checks(application(quantity=14), footprint(), [retirement(quantity=13)])["credits_cover"] is False
    assert checks(application(quantity=13), footprint(), [retirement(quantity=13)])["credits_cover"] is True
    neutral = application(quantity=None, carbon_neutral=True)
    assert credits_required(neutral, footprint(credits=20)) == 20
    assert checks(neutral, footprint(credits=20), [retirement(quantity=13)])["credits_cover"] is False
    assert credits_required(neutral, None) is None
    assert checks(neutral, None, [retirement()])["credits_cover"] is False


def test_a_retirement_counted_by_another_certification_is_not_met() -> None:
    met = checks(application(), footprint(), [retirement()], used={"ret-1": "app-other"})
    assert met["retirements_unused"] is False
    # counted by this very application (a re-read after certification) is fine
    assert checks(application(), footprint(), [retirement()], used={"ret-1": "app-1"})["retirements_unused"]


def test_retirements_must_fall_in_the_window_before_submission() -> None:
    assert checks(application(), footprint(), [retirement(days_ago=400)])["retirement_window"] is False
    assert checks(application(), footprint(), [retirement(days_ago=-1)])["retirement_window"] is False


def test_disclosure_must_be_more_than_blanks() -> None:
    assert checks(application(disclosure="   "), footprint(), [retirement()])["disclosure_present"] is False


def test_only_referencing_or_named_retirements_are_counted() -> None:
    app = application(retirement_ids=["ret-named"])
    rets = [
        retirement("ret-ref"),
        retirement("ret-named", app_id=None),
        retirement("ret-other", app_id="app-x"),
    ]
    assert [r.retirement_id for r in counted_retirements(app, rets, set())] == ["ret-ref", "ret-named"]


@pytest.mark.parametrize(
    "action,current",
    [
        (action, status)
        for action, (allowed, _) in WORKFLOW.items()
        for status in STATUSES
        if status not in allowed
    ],
)
def test_workflow_table_refuses_every_illegal_move(action: str, current: str) -> None:
    with pytest.raises(Conflict) as info:
        target_status(action, current)
    assert info.value.type == "illegal-transition"


def test_workflow_table_allows_every_listed_move() -> None:
    for action, (allowed, target) in WORKFLOW.items():
        for status in allowed:
            assert target_status(action, status) == target
