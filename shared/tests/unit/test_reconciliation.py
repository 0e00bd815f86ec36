"""The reconciliation's pure comparison: a consumer's view against the registry's retirements."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sosai_shared.contracts.registry import CreditsRetiredV1
from sosai_shared.reconciliation import Divergence, Fact, LocalView, compare, registry_facts

NOW = datetime(2011, 2, 1, 12, tzinfo=UTC)


def retired(rid: str, quantity: int, *, footprint: str | None = None, application: str | None = None,
            age: timedelta = timedelta(hours=1)) -> CreditsRetiredV1:  # fmt: skip
    return CreditsRetiredV1(
        retirement_id=rid,
        account_id="acct",
        holder_org="acme",
        quantity=quantity,
        blocks=[],
        use="meeting_event",
        purpose="offset",
        beneficiary="Acme",
        footprint_id=footprint,
        application_id=application,
        retired_at=NOW - age,
    )


def test_a_view_that_agrees_has_no_divergence() -> None:
    view = LocalView([Fact("r1", "fp1", 13), Fact("r2", "fp1", 2)], shown={"fp1": 15})
    assert compare([Fact("r1", "fp1", 13), Fact("r2", "fp1", 2)], view) == []


def test_each_kind_of_difference_is_reported_once_with_its_tonnes() -> None:
    registry = [Fact("r1", "fp1", 13), Fact("r2", "fp2", 5), Fact("r3", "fp1", 4)]
    view = LocalView(
        [Fact("r2", "fp2", 6), Fact("r3", "fp9", 4), Fact("r4", "fp1", 1)],
        shown={"fp1": 17, "fp2": 6},
    )
    assert compare(registry, view) == [
        Divergence("missing", "fp1", 13, 0, "r1"),
        Divergence("unexpected", "fp1", 0, 1, "r4"),
        Divergence("mismatched", "fp2", 5, 6, "r2"),  # other tonnes
        Divergence("mismatched", "fp1", 4, 4, "r3"),  # counted for another footprint
        Divergence("total", "fp2", 5, 6),  # fp1 shows the registry's 17 t
    ]


def test_a_deleted_row_behind_an_unchanged_total_is_still_missing() -> None:
    view = LocalView([], shown={"fp1": 13})
    assert [d.kind for d in compare([Fact("r1", "fp1", 13)], view)] == ["missing"]


def test_a_view_without_stored_totals_is_compared_per_retirement_only() -> None:
    assert compare([Fact("r1", "app1", 3)], LocalView([Fact("r1", "app1", 3)])) == []


def test_registry_facts_keep_the_consumers_scopes_and_wait_for_young_retirements() -> None:
    view = LocalView([Fact("seen-young", "fp1", 1)])
    retirements = [
        retired("old", 3, footprint="fp1"),
        retired("no-footprint", 2),
        retired("young", 4, footprint="fp1", age=timedelta(seconds=5)),  # may still be on its way
        retired("seen-young", 1, footprint="fp1", age=timedelta(seconds=5)),  # already here: counts
    ]
    facts = registry_facts(retirements, view, "footprint_id", settled_before=NOW - timedelta(minutes=2))
    assert facts == [Fact("old", "fp1", 3), Fact("seen-young", "fp1", 1)]


def test_a_consumer_that_keeps_every_retirement_attaches_them_itself() -> None:
    # certification: a retirement counts for the application naming it, whatever the registry's field
    view = LocalView([], attached={"named": "app-2"})
    retirements = [
        retired("named", 5, application="app-1"),
        retired("referencing", 2, application="app-1"),
        retired("loose", 1),
    ]
    facts = registry_facts(retirements, view, "application_id", keep_unscoped=True)
    assert facts == [Fact("named", "app-2", 5), Fact("referencing", "app-1", 2), Fact("loose", "", 1)]
    lines = [d.describe("application") for d in compare(facts, view)]
    assert lines == [
        "missing    retirement loose of application (none): registry 1 t, here 0 t",
        "missing    retirement named of application app-2: registry 5 t, here 0 t",
        "missing    retirement referencing of application app-1: registry 2 t, here 0 t",
    ]
