"""The calculator's pure rules, without a database or a broker: factor-set parsing, which set a
calculation uses (the N−1 rule, the latest available set), line calculation and the worked examples.

Figures are the ones of the HTTP worked examples (``test_calculator_method.py``), computed here
from the shipped factor files alone.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal

import pytest

from sosai_calculator import calculation as calc
from sosai_calculator.estimates import rules as lines
from sosai_calculator.estimates.schemas import ActivityIn, AttendeeGroupIn, EventActivityIn
from sosai_calculator.factors import rules
from sosai_calculator.factors.rules import Choice, FactorRow
from sosai_calculator.factors.service import shipped_files
from sosai_calculator.footprints import rules as footprints
from sosai_shared.errors import Unprocessable

SETS = {name: rules.parse_factor_csv(text) for name, text in shipped_files()}
BY_YEAR = {s.fiscal_year: s for s in SETS.values() if s.regime == "B"}


def snapshot(row: FactorRow, set_id: str) -> calc.FactorSnapshot:
    fields = {
        k: v for k, v in asdict(row).items() if k not in ("fiscal_year", "valid_from", "valid_until", "notes")
    }
    return calc.FactorSnapshot(
        id=f"{set_id}.{row.activity}.{row.region}",
        set_id=set_id,
        set_fiscal_year=row.fiscal_year,
        set_revision=1,
        **fields,
    )


def choose(activity: str, region: str | None, fiscal_year: int) -> Choice:
    """The resolver's decision over the shipped regime-B sets, as FactorResolver makes it."""
    wanted = rules.wanted_set(activity, region, fiscal_year)
    years = rules.set_years_to_try(wanted, BY_YEAR)
    if not years:
        raise rules.no_factor_set(wanted.set_fiscal_year, "B")
    first: Unprocessable | None = None
    for fy in years:
        set_id = f"FY{fy}-B-r1"
        candidates = [r for r in BY_YEAR[fy].rows if r.activity == wanted.activity]
        try:
            rules.check_known(wanted.activity, wanted.region, set_id, (r.region for r in candidates))
        except Unprocessable as exc:
            first = first or exc
            continue
        row = next(r for r in candidates if r.region == wanted.region)
        if fy != wanted.set_fiscal_year:
            wanted = rules.latest_available(wanted, set_id, fy)
        return Choice(snapshot(row, set_id), wanted.rule, wanted.explanation, fiscal_year)
    assert first is not None
    raise first


# ------------------------------------------------------------------ factor-set CSV


def test_shipped_sets_parse_with_one_year_and_regime_each() -> None:
    assert sorted((s.fiscal_year, s.regime) for s in SETS.values()) == [
        (2009, "A"),
        (2009, "B"),
        (2010, "A"),
        (2010, "B"),
    ]
    kerosene = next(r for r in BY_YEAR[2010].rows if r.activity == "kerosene")
    assert kerosene.method == "calorific" and kerosene.t_co2_per_unit == Decimal("2.489483333333")
    tepco = next(r for r in BY_YEAR[2009].rows if r.activity == "electricity" and r.region == "tepco")
    assert tepco.method == "direct" and tepco.t_co2_per_unit == Decimal("0.000384")


def test_a_factor_set_csv_is_refused_whole() -> None:
    header = ",".join(rules.FACTOR_COLUMNS)
    row = "2010,B,gasoline,jp,1,kL,34.6,0.0183,,,2.32,2010,src,,,"
    with pytest.raises(Unprocessable) as dup:
        rules.parse_factor_csv(f"{header}\n{row}\n{row}\n")
    assert dup.value.type == "invalid-factor-set" and "duplicate" in str(dup.value.extra["errors"])
    with pytest.raises(Unprocessable) as two_years:
        rules.parse_factor_csv(f"{header}\n{row}\n{row.replace('2010,B,gasoline', '2011,B,kerosene')}\n")
    assert "exactly one fiscal year" in two_years.value.detail
    with pytest.raises(Unprocessable):
        rules.parse_factor_csv("fiscal_year\n2010\n")


# ------------------------------------------------------------------ which set: N−1 and latest-available


def test_the_n_minus_1_rule() -> None:
    tepco = rules.wanted_set("Electricity", "TEPCO", 2010)
    assert (tepco.activity, tepco.region, tepco.set_fiscal_year, tepco.rule) == (
        "electricity",
        "tepco",
        2009,
        "utility-n-minus-1",
    )
    default = rules.wanted_set("electricity", None, 2010)
    assert (default.region, default.set_fiscal_year, default.rule) == ("jp", 2010, "default-electricity")
    fuel = rules.wanted_set("gasoline", "", 2010)
    assert (fuel.set_fiscal_year, fuel.rule) == (2010, "same-year")


def test_which_set_years_are_tried() -> None:
    loaded = [2009, 2010]
    assert rules.set_years_to_try(rules.wanted_set("gasoline", None, 2010), loaded) == [2010]
    # FY2010 with a utility needs FY2009: loaded
    assert rules.set_years_to_try(rules.wanted_set("electricity", "tepco", 2010), loaded) == [2009]
    # a year after every set: the latest sets, newest first
    assert rules.set_years_to_try(rules.wanted_set("gasoline", None, 2026), loaded) == [2010, 2009]
    # a year before every set: nothing (later factors are never used for the past)
    assert rules.set_years_to_try(rules.wanted_set("gasoline", None, 2001), loaded) == []
    assert rules.set_years_to_try(rules.wanted_set("electricity", "tepco", 2009), loaded) == []


def test_resolution_over_the_shipped_sets() -> None:
    c = choose("electricity", "tepco", 2010)
    assert (c.rule, c.factor.set_id, c.factor.value) == ("utility-n-minus-1", "FY2009-B-r1", Decimal("0.384"))
    # FY2011 with a utility: the FY2010 set exists and has no utility factors → an error, never the default
    with pytest.raises(Unprocessable) as exc:
        choose("electricity", "tepco", 2011)
    assert exc.value.type == "unknown-region" and "FY2010-B-r1" in exc.value.detail
    with pytest.raises(Unprocessable) as exc:
        choose("gasoline", None, 2001)
    assert exc.value.type == "no-factor-set"
    with pytest.raises(Unprocessable) as exc:
        choose("coal", None, 2010)
    assert exc.value.type == "unknown-activity"


def test_the_current_fiscal_year_uses_the_latest_published_set_and_says_so() -> None:
    gasoline = choose("gasoline", None, 2026)
    assert gasoline.rule == "latest-available" and gasoline.factor.set_id == "FY2010-B-r1"
    assert "FY2010-B-r1" in gasoline.explanation and "FY2026" in gasoline.explanation
    # a utility's latest factor is in the FY2009 set (the FY2010 set has the default only)
    tepco = choose("electricity", "tepco", 2026)
    assert tepco.rule == "latest-available" and tepco.factor.set_id == "FY2009-B-r1"
    assert choose("electricity", None, 2026).factor.set_id == "FY2010-B-r1"


# ------------------------------------------------------------------ line calculation and worked examples


@pytest.mark.parametrize(
    "activity,amount,unit,expected",
    [
        ("gasoline", "1", "kL", "2.321660"),
        ("gasoline", "1000", "L", "2.321660"),
        ("kerosene", "12.5", "kL", "31.118542"),
        ("lpg", "1000", "kg", "2.998893"),
        ("city_gas", "1000", "m3", "2.234027"),
        ("lng", "1", "t", "2.702700"),
    ],
)
def test_fuel_lines_to_the_last_digit(activity: str, amount: str, unit: str, expected: str) -> None:
    item = ActivityIn(activity=activity, amount=Decimal(amount), unit=unit)
    out = lines.estimate_out(item, choose(activity, None, 2010), 2010)
    assert out.t_co2 == Decimal(expected) and out.formula.endswith(f"= {expected} t-CO2")


def test_distances_need_passengers_for_passenger_transport() -> None:
    car = choose("passenger_car", None, 2010).factor
    assert lines.to_factor_unit(Decimal("120"), "km", car, 3) == Decimal("360")
    with pytest.raises(Unprocessable) as exc:
        lines.to_factor_unit(Decimal("120"), "km", car, None)
    assert exc.value.type == "incompatible-unit"
    with pytest.raises(Unprocessable):
        lines.to_factor_unit(Decimal("1"), "kL", choose("gasoline", None, 2010).factor, 2)


def test_lines_sum_amounts_then_round_once() -> None:
    sums = lines.LineSums()
    meal = choose("meal", None, 2010)
    for _ in range(3):
        sums.add(None, meal, Decimal("0.5"))
    [line] = sums.result()
    assert line.source == "meal" and line.amount == Decimal("1.5") and line.t_co2 == Decimal("0.003000")


def test_event_worked_example() -> None:
    body = EventActivityIn(
        attendees=[
            AttendeeGroupIn(origin="Osaka", mode="rail", distance_km=Decimal(500), count=40),
            AttendeeGroupIn(
                origin="Sapporo", mode="air_domestic_scheduled", distance_km=Decimal(830), count=10
            ),
            AttendeeGroupIn(origin="Tokyo", mode="bus", distance_km=Decimal(15), count=20),
        ],
        venue_kwh=Decimal(2000),
        utility="tepco",
        accommodation_nights=50,
        meals=100,
    )
    sums = lines.LineSums()
    for a in lines.event_activities(body):
        choice = choose(a.activity, a.region, 2010)
        sums.add(a.source, choice, lines.to_factor_unit(a.amount, a.unit, choice.factor, None))
    result = sums.result()
    assert [(ln.source, str(ln.t_co2)) for ln in result] == [
        ("travel: Osaka by rail", "0.760000"),
        ("travel: Sapporo by air_domestic_scheduled", "1.781014"),
        ("travel: Tokyo by bus", "0.031800"),
        ("venue electricity", "0.768000"),
        ("accommodation", "1.500000"),
        ("meals", "0.200000"),
    ]
    total, by_scope = lines.totals(result)
    assert total == Decimal("5.040814") and by_scope[2] == Decimal("0.768000")
    assert calc.credits_needed(total, Decimal(1)) == 6


def test_a_plan_beyond_what_the_record_holds_is_refused() -> None:
    assert footprints.credits_needed(Decimal("49.150734"), Decimal(0), Decimal(1)) == 50
    with pytest.raises(Unprocessable) as exc:
        footprints.credits_needed(Decimal(2**31), Decimal(0), Decimal(1))
    assert exc.value.type == "footprint-too-large"
