"""Pure line calculation: units into the factor's unit, lines summed per source, totals by scope.

No I/O: a :class:`~sosai_calculator.factors.rules.Choice` (the factor and the rule that picked
it) comes in, figures come out. The arithmetic itself (44/12, rounding once per line) is in
:mod:`sosai_calculator.calculation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from sosai_calculator import calculation as calc
from sosai_calculator.estimates.schemas import (
    ActivityIn,
    EstimateOut,
    EventActivityIn,
    LineOut,
    ScopeTotals,
)
from sosai_calculator.factors.rules import ELECTRICITY, NATIONAL, Choice
from sosai_calculator.factors.schemas import RuleOut, factor_used
from sosai_shared.errors import Unprocessable

ZERO = Decimal("0.000000")


def to_factor_unit(
    amount: Decimal, unit: str, factor: calc.FactorSnapshot, passengers: int | None
) -> Decimal:
    """The amount in the factor's unit; a distance needs a passenger count for passenger-km factors."""
    if factor.unit == "passenger-km" and calc.is_length(unit):
        if passengers is None:
            raise Unprocessable(
                f"'{unit}' is a distance; passenger transport needs passenger-km, or a distance "
                "with 'passengers'.",
                type="incompatible-unit",
                title="Unit not usable",
            )
        with localcontext(prec=calc.PREC):
            return amount * passengers * calc.conversion(unit, "km")
    if passengers is not None:
        raise Unprocessable(
            "'passengers' only applies to a distance for passenger transport.",
            type="incompatible-unit",
            title="Unit not usable",
        )
    with localcontext(prec=calc.PREC):
        return amount * calc.conversion(unit, factor.unit)


def estimate_out(item: ActivityIn, choice: Choice, fiscal_year: int) -> EstimateOut:
    f = choice.factor
    amount = to_factor_unit(item.amount, item.unit, f, item.passengers)
    t = calc.line_t_co2(amount, f)
    return EstimateOut(
        activity=f.activity,
        region=f.region,
        fiscal_year=fiscal_year,
        scope=f.scope,
        input_amount=item.amount,
        input_unit=item.unit,
        amount=calc.plain(amount),
        unit=f.unit,
        t_co2=t,
        gases={"CO2": t},
        factor=factor_used(choice),
        rule=RuleOut.of(choice),
        formula=calc.formula(amount, f, t),
        t_co2_with_published_factor=calc.published_factor_t_co2(amount, f),
    )


@dataclass
class Line:
    source: str
    choice: Choice
    amount: Decimal = Decimal(0)

    @property
    def t_co2(self) -> Decimal:
        return calc.line_t_co2(self.amount, self.choice.factor)


def label(choice: Choice) -> str:
    """A line's name when the caller gave none: the activity, and the utility if one was named."""
    f = choice.factor
    return f.activity if f.region == NATIONAL else f"{f.activity} ({f.region})"


@dataclass
class LineSums:
    """Activity data summed exactly per (source, factor); each line is rounded once, at the end.

    Summing the amounts first is what the reporting method does (annual totals per
    fuel times the factor) and keeps memory bounded by the number of sources,
    however many rows the activity data has.
    """

    lines: dict[tuple[str, str], Line] = field(default_factory=dict)

    def line_for(self, source: str | None, choice: Choice) -> Line:
        key = (source or label(choice), choice.factor.id)
        line = self.lines.get(key)
        if line is None:
            line = self.lines[key] = Line(key[0], choice)
        return line

    def add(self, source: str | None, choice: Choice, amount_in_factor_unit: Decimal) -> None:
        line = self.line_for(source, choice)
        with localcontext(prec=calc.PREC):
            line.amount += amount_in_factor_unit

    def result(self) -> list[Line]:
        return list(self.lines.values())


def totals(lines: list[Line]) -> tuple[Decimal, dict[int, Decimal]]:
    by_scope = {1: ZERO, 2: ZERO, 3: ZERO}
    for line in lines:
        by_scope[line.choice.factor.scope] += line.t_co2
    return by_scope[1] + by_scope[2] + by_scope[3], by_scope


def scope_totals(by_scope: dict[int, Decimal]) -> ScopeTotals:
    return ScopeTotals(scope1=by_scope[1], scope2=by_scope[2], scope3=by_scope[3])


@dataclass(frozen=True)
class EventActivity:
    """One activity an event implies, before any factor is chosen."""

    source: str
    activity: str
    amount: Decimal
    unit: str
    region: str | None


def event_activities(body: EventActivityIn) -> list[EventActivity]:
    """Attendees' travel (a return trip unless said otherwise), venue electricity, nights, meals."""
    out: list[EventActivity] = []
    for g in body.attendees:
        trips = 2 if g.round_trip else 1
        with localcontext(prec=calc.PREC):
            pkm = g.distance_km * g.count * trips
        out.append(
            EventActivity(f"travel: {g.origin} by {g.mode}", f"passenger_{g.mode}", pkm, "passenger-km", None)
        )
    if body.venue_kwh or body.utility:
        out.append(EventActivity("venue electricity", ELECTRICITY, body.venue_kwh, "kWh", body.utility))
    if body.accommodation_nights:
        out.append(
            EventActivity("accommodation", "accommodation", Decimal(body.accommodation_nights), "night", None)
        )
    if body.meals:
        out.append(EventActivity("meals", "meal", Decimal(body.meals), "meal", None))
    return out


def line_out(position: int, line: Line) -> LineOut:
    f = line.choice.factor
    return LineOut(
        position=position,
        source=line.source,
        activity=f.activity,
        region=f.region,
        scope=f.scope,
        amount=calc.plain(line.amount),
        unit=f.unit,
        t_co2=line.t_co2,
        rule=line.choice.rule,
        factor=factor_used(line.choice),
    )
