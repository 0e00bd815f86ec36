"""Pure rules of registry transactions and the project cycle: issuance limits, the forest buffer
share, four eyes, and which project status may follow which."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sosai_registry.projects.rules import PROJECT_TRANSITIONS, check_transition, default_credit_type
from sosai_registry.transactions.rules import (
    buffer_quantity,
    check_decidable,
    check_four_eyes,
    check_issuable,
    decided_against,
    new_tx,
)
from sosai_shared.errors import Conflict, DomainError, Forbidden, Unprocessable


def test_issuance_is_at_most_once_and_never_above_the_certified_quantity() -> None:
    check_issuable(40, certified=41, issued=0, already_issued=False)
    for args, type_ in [
        ((42, 41, 0, False), "issuance-exceeds-certified"),
        ((1, 41, 40, False), "certification-already-issued"),
        ((1, 41, 0, True), "certification-already-issued"),
        ((0, 41, 0, False), "invalid-quantity"),
    ]:
        with pytest.raises(DomainError) as info:
            check_issuable(*args)
        assert info.value.type == type_


@pytest.mark.parametrize(("q", "expected"), [(100, 10), (101, 11), (9, 1), (2, 1)])
def test_forest_buffer_share_rounds_up(q: int, expected: int) -> None:
    assert buffer_quantity(q, Decimal("0.10"), forest=True) == expected
    assert buffer_quantity(q, Decimal("0.10"), forest=False) == 0


def test_buffer_share_must_leave_the_holder_something() -> None:
    with pytest.raises(Unprocessable):
        buffer_quantity(1, Decimal("0.10"), forest=True)


def test_four_eyes_and_decisions() -> None:
    tx = new_tx("issuance", 5, "admin-1", "registry", date(2010, 4, 1))
    check_decidable(tx)
    with pytest.raises(Forbidden):
        check_four_eyes(tx, "admin-1")
    check_four_eyes(tx, "admin-2")
    decided_against(tx, "admin-1", "typo")
    assert (tx.status, tx.reason) == ("cancelled", "cancelled: typo")
    with pytest.raises(Conflict):
        check_decidable(tx)
    other = new_tx("cancellation", 5, "admin-1", "registry", date(2010, 4, 1), reason="audit")
    decided_against(other, "admin-2", "no")
    assert (other.status, other.reason) == ("rejected", "audit; rejected: no")
    with pytest.raises(Conflict):
        check_decidable(new_tx("transfer", 1, "u", "o", date(2010, 4, 1)))


def test_project_cycle() -> None:
    check_transition("applied", "validated", None)
    with pytest.raises(Conflict):
        check_transition("applied", "registered", None)
    with pytest.raises(Unprocessable):
        check_transition("registered", "suspended", None)
    assert not PROJECT_TRANSITIONS["terminated"]
    assert default_credit_type("forest_absorption", None) == "FM"
    assert default_credit_type("emission_reduction", None) == "ER"
    assert default_credit_type("emission_reduction", "XY") == "XY"
