"""The official arithmetic, units and rounding, as pure functions an auditor can replay.

* Fuels: t-CO2 = amount x calorific value (GJ/unit) x carbon factor (tC/GJ) x 44/12,
  computed with ``Decimal`` at 60 significant digits, the division by 12 last, and
  the *line* result rounded once to 0.000001 t (one gram), ROUND_HALF_UP.
  The published, rounded t-CO2/unit column is never used for the result; it is
  shown beside it (``t_co2_with_published_factor``) so the difference is visible.
* Other factors ("direct"): t-CO2 = amount x value, the value converted exactly
  from its published unit (g-, kg- or t-CO2 per unit).
* Credits: whole tonnes rounded up (``ceil``), never below zero.

Units are converted with pint on ``Decimal`` magnitudes, but only from a closed list
of spellings: an unknown or dimensionally incompatible unit is an error, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

import pint

from sosai_shared.errors import Unprocessable

#: One gram: the resolution of every stored line result.
LINE_QUANTUM = Decimal("0.000001")
PREC = 60
CO2_PER_C_NUM, CO2_PER_C_DEN = Decimal(44), Decimal(12)

_ureg: pint.UnitRegistry[Decimal] = pint.UnitRegistry(non_int_type=Decimal)
# City gas is billed in m3; the method's unit is 1,000 Nm3. We take metered m3 as Nm3 (README: decisions).
_ureg.define("Nm3 = meter ** 3")
_ureg.define("thousand_Nm3 = 1000 * Nm3")
_ureg.define("passenger = [passenger]")
_ureg.define("night = [night]")
_ureg.define("meal = [meal]")

#: The only unit spellings accepted, mapped to pint expressions.
UNITS: dict[str, str] = {
    "kWh": "kilowatt_hour",
    "MWh": "megawatt_hour",
    "GWh": "gigawatt_hour",
    "L": "liter",
    "kL": "kiloliter",
    "m3": "meter ** 3",
    "Nm3": "Nm3",
    "1000Nm3": "thousand_Nm3",
    "1000 Nm3": "thousand_Nm3",
    "thousand Nm3": "thousand_Nm3",
    "kg": "kilogram",
    "t": "metric_ton",
    "km": "kilometer",
    "m": "meter",
    "passenger-km": "passenger * kilometer",
    "pkm": "passenger * kilometer",
    "night": "night",
    "person-night": "night",
    "meal": "meal",
}

#: Multipliers from a published factor unit to t-CO2 per activity unit.
VALUE_UNIT_TO_TONNES = {"t-CO2": Decimal(1), "kg-CO2": Decimal("0.001"), "g-CO2": Decimal("0.000001")}


def _unit_error(detail: str, type_: str) -> Unprocessable:
    return Unprocessable(detail, type=type_, title="Unit not usable for this activity")


@lru_cache(maxsize=1024)
def conversion(from_unit: str, to_unit: str) -> Decimal:
    """Exact multiplier taking an amount in ``from_unit`` to ``to_unit`` (cached: the CSV hot path)."""
    src = UNITS.get(from_unit.strip())
    dst = UNITS.get(to_unit)
    if src is None:
        raise _unit_error(
            f"Unit '{from_unit}' is not one the calculator accepts; use one of: {', '.join(sorted(UNITS))}.",
            "unknown-unit",
        )
    if dst is None:  # a factor file named a unit we do not know: a data error, surfaced as such
        raise _unit_error(f"Factor unit '{to_unit}' is not known.", "unknown-unit")
    try:
        with localcontext(prec=PREC):
            mag = _ureg.Quantity(Decimal(1), src).to(dst).magnitude
    except pint.DimensionalityError as exc:
        raise _unit_error(
            f"Unit '{from_unit}' cannot be converted to '{to_unit}', the unit of this activity's factor.",
            "incompatible-unit",
        ) from exc
    return Decimal(mag)


def is_length(unit: str) -> bool:
    src = UNITS.get(unit.strip())
    return (
        src is not None and _ureg.Quantity(Decimal(1), src).dimensionality == _ureg.kilometer.dimensionality
    )


def direct_t_co2_per_unit(value: Decimal, value_unit: str, unit: str) -> Decimal:
    """``0.433 kg-CO2/kWh`` -> ``0.000433`` t-CO2 per kWh, exactly."""
    numerator, _, per = value_unit.partition("/")
    mult = VALUE_UNIT_TO_TONNES.get(numerator)
    if mult is None or per != unit:
        raise ValueError(f"factor value unit '{value_unit}' does not match unit '{unit}'")
    with localcontext(prec=PREC):
        return plain(value * mult)


def calorific_t_co2_per_unit(calorific_value: Decimal, carbon_factor: Decimal) -> Decimal:
    """Shown to users; results are computed from the amount directly (see :func:`line_t_co2`)."""
    with localcontext(prec=PREC):
        return plain(
            (calorific_value * carbon_factor * CO2_PER_C_NUM / CO2_PER_C_DEN).quantize(Decimal("1E-12"))
        )


def plain(d: Decimal) -> Decimal:
    """Trailing zeros dropped, never exponent notation: 1000 stays '1000', not '1E+3'."""
    return Decimal(format(d.normalize(), "f"))


@dataclass(frozen=True)
class FactorSnapshot:
    """Everything the arithmetic needs from a factor, copied into every result and stored line."""

    id: str
    set_id: str
    set_fiscal_year: int
    set_revision: int
    regime: str
    activity: str
    region: str
    scope: int
    unit: str
    method: str
    calorific_value: Decimal | None
    carbon_factor: Decimal | None
    value: Decimal | None
    value_unit: str | None
    t_co2_per_unit: Decimal
    published_t_co2_per_unit: Decimal | None
    data_year: int
    source: str

    def as_json(self) -> dict[str, object]:
        def s(d: Decimal | None) -> str | None:
            return None if d is None else format(d, "f")

        return {
            "id": self.id,
            "set_id": self.set_id,
            "set_fiscal_year": self.set_fiscal_year,
            "set_revision": self.set_revision,
            "regime": self.regime,
            "activity": self.activity,
            "region": self.region,
            "scope": self.scope,
            "unit": self.unit,
            "method": self.method,
            "calorific_value": s(self.calorific_value),
            "carbon_factor": s(self.carbon_factor),
            "value": s(self.value),
            "value_unit": self.value_unit,
            "t_co2_per_unit": s(self.t_co2_per_unit),
            "published_t_co2_per_unit": s(self.published_t_co2_per_unit),
            "data_year": self.data_year,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, d: dict[str, object]) -> FactorSnapshot:
        def dec(k: str) -> Decimal | None:
            v = d.get(k)
            return None if v is None else Decimal(str(v))

        return cls(
            id=str(d["id"]),
            set_id=str(d["set_id"]),
            set_fiscal_year=int(str(d["set_fiscal_year"])),
            set_revision=int(str(d["set_revision"])),
            regime=str(d["regime"]),
            activity=str(d["activity"]),
            region=str(d["region"]),
            scope=int(str(d["scope"])),
            unit=str(d["unit"]),
            method=str(d["method"]),
            calorific_value=dec("calorific_value"),
            carbon_factor=dec("carbon_factor"),
            value=dec("value"),
            value_unit=d.get("value_unit") and str(d["value_unit"]),  # type: ignore[arg-type]
            t_co2_per_unit=Decimal(str(d["t_co2_per_unit"])),
            published_t_co2_per_unit=dec("published_t_co2_per_unit"),
            data_year=int(str(d["data_year"])),
            source=str(d["source"]),
        )


def line_t_co2(amount: Decimal, f: FactorSnapshot) -> Decimal:
    """t-CO2 of ``amount`` (already in the factor's unit), rounded once to the gram."""
    with localcontext(prec=PREC):
        if f.method == "calorific":
            assert f.calorific_value is not None and f.carbon_factor is not None
            raw = amount * f.calorific_value * f.carbon_factor * CO2_PER_C_NUM / CO2_PER_C_DEN
        else:
            raw = amount * f.t_co2_per_unit
        return raw.quantize(LINE_QUANTUM, rounding=ROUND_HALF_UP)


def published_factor_t_co2(amount: Decimal, f: FactorSnapshot) -> Decimal | None:
    """The same amount times the rounded t-CO2/unit column (shown for comparison only)."""
    if f.published_t_co2_per_unit is None:
        return None
    with localcontext(prec=PREC):
        return (amount * f.published_t_co2_per_unit).quantize(LINE_QUANTUM, rounding=ROUND_HALF_UP)


def formula(amount: Decimal, f: FactorSnapshot, result: Decimal) -> str:
    a = format(amount, "f")
    if f.method == "calorific":
        return (
            f"{a} {f.unit} x {f.calorific_value} GJ/{f.unit} x {f.carbon_factor} tC/GJ x 44/12 "
            f"= {result} t-CO2"
        )
    return f"{a} {f.unit} x {f.value} {f.value_unit} = {result} t-CO2"


def credits_needed(residual_t_co2: Decimal, share: Decimal) -> int:
    """Whole tonnes, rounded up: 42.46 -> 43, 1.493 (1,493 kg) -> 2, 0 -> 0."""
    with localcontext(prec=PREC):
        product = residual_t_co2 * share
    if product <= 0:
        return 0
    return int(product.to_integral_value(rounding=ROUND_CEILING))


def residual(total: Decimal, planned_reduction: Decimal) -> Decimal:
    """Emissions left after planned reductions; a reduction larger than a recalculated total leaves 0."""
    r = total - planned_reduction
    return r if r > 0 else Decimal("0.000000")


def coverage(credits_needed_: int, credits_retired: int) -> str:
    if credits_retired <= 0:
        return "none"
    if credits_retired >= credits_needed_:
        return "full"
    return "partial"
