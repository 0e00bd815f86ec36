"""The project cycle of J-VER as pure rules: which status may follow which, and what each needs."""

from __future__ import annotations

from datetime import date

from sosai_shared.errors import Conflict, Unprocessable

FOREST = "forest_absorption"

PROJECT_TRANSITIONS: dict[str, set[str]] = {
    "applied": {"validated", "rejected"},
    "validated": {"registered", "rejected"},
    "registered": {"suspended", "terminated"},
    "suspended": {"registered", "terminated"},
    "rejected": set(),
    "terminated": set(),
}
#: statuses the public ledger shows
PUBLIC_PROJECT_STATUSES = ("registered", "suspended", "terminated")


def default_credit_type(category: str, given: str | None) -> str:
    """ER for emission reduction, FM (forest management) for forest absorption, unless named."""
    return given or ("FM" if category == FOREST else "ER")


def check_transition(current: str, to: str, reason: str | None) -> None:
    if to not in PROJECT_TRANSITIONS[current]:
        raise Conflict(
            f"A project that is {current} cannot become {to}.",
            type="invalid-transition",
            title="Invalid transition",
            allowed=sorted(PROJECT_TRANSITIONS[current]),
        )
    if to in {"rejected", "suspended", "terminated"} and not reason:
        raise Unprocessable(f"A reason is required to make a project {to}.", type="reason-required")


def check_period(start: date, end: date, what: str) -> None:
    if end < start:
        raise Unprocessable(f"The {what} ends before it starts.", type="invalid-period")


def check_certified_quantity(quantity: int) -> None:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise Unprocessable(
            "The certified quantity must be a positive whole number of tonnes.",
            type="invalid-quantity",
            title="Invalid quantity",
        )
