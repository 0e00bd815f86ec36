"""Pure rules of factor sets: what a factor-set CSV must hold, and which set a calculation uses.

No I/O here: the service asks the repository which sets exist and hands the answers in,
so the fiscal-year rules (N−1 for utilities, the latest available set for a year no set
covers yet) are tested without a database.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Literal

from sosai_calculator import calculation as calc
from sosai_shared.errors import Unprocessable

ELECTRICITY = "electricity"
NATIONAL = "jp"

RuleName = Literal["same-year", "default-electricity", "utility-n-minus-1", "latest-available"]

FACTOR_COLUMNS = (
    "fiscal_year",
    "regime",
    "activity",
    "region",
    "scope",
    "unit",
    "calorific_value",
    "carbon_factor",
    "value",
    "value_unit",
    "published_t_co2_per_unit",
    "data_year",
    "source",
    "valid_from",
    "valid_until",
    "notes",
)


@dataclass(frozen=True)
class FactorRow:
    """One validated row of a factor-set CSV, ready to store."""

    fiscal_year: int
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
    valid_from: date | None
    valid_until: date | None
    notes: str


@dataclass(frozen=True)
class ParsedSet:
    fiscal_year: int
    regime: str
    rows: list[FactorRow]


def _opt_dec(raw: str) -> Decimal | None:
    raw = raw.strip()
    return Decimal(raw) if raw else None


def _opt_date(raw: str) -> date | None:
    raw = raw.strip()
    return date.fromisoformat(raw) if raw else None


def parse_factor_csv(text: str) -> ParsedSet:
    """Validate a factor-set CSV: one fiscal year and regime per file, every row complete and consistent."""
    try:
        return _parse_factor_csv(text)
    except csv.Error as exc:  # malformed CSV (stray newlines, NULs): the upload's fault, not ours
        raise Unprocessable(
            f"The factor-set CSV cannot be parsed: {exc}.", type="invalid-factor-set"
        ) from exc


def _row(raw: dict[str, str]) -> FactorRow:
    fy, regime = int(raw["fiscal_year"]), raw["regime"].strip()
    activity, region = raw["activity"].strip().lower(), (raw["region"].strip().lower() or NATIONAL)
    unit = raw["unit"].strip()
    if not activity or not regime or unit not in calc.UNITS:
        raise ValueError(f"activity, regime and a known unit are required (unit '{unit}')")
    scope = int(raw["scope"])
    if scope not in (1, 2, 3):
        raise ValueError("scope must be 1, 2 or 3")
    cv, cf = _opt_dec(raw["calorific_value"]), _opt_dec(raw["carbon_factor"])
    value, value_unit = _opt_dec(raw["value"]), raw["value_unit"].strip() or None
    if cv is not None and cf is not None:
        method, per_unit = "calorific", calc.calorific_t_co2_per_unit(cv, cf)
    elif value is not None and value_unit:
        method, per_unit = "direct", calc.direct_t_co2_per_unit(value, value_unit, unit)
    else:
        raise ValueError("give calorific_value and carbon_factor, or value and value_unit")
    return FactorRow(
        fiscal_year=fy,
        regime=regime,
        activity=activity,
        region=region,
        scope=scope,
        unit=unit,
        method=method,
        calorific_value=cv,
        carbon_factor=cf,
        value=value,
        value_unit=value_unit,
        t_co2_per_unit=per_unit,
        published_t_co2_per_unit=_opt_dec(raw["published_t_co2_per_unit"]),
        data_year=int(raw["data_year"]),
        source=raw["source"].strip()[:300],
        valid_from=_opt_date(raw["valid_from"]),
        valid_until=_opt_date(raw["valid_until"]),
        notes=(raw.get("notes") or "").strip()[:300],
    )


def _parse_factor_csv(text: str) -> ParsedSet:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or set(FACTOR_COLUMNS) - set(reader.fieldnames):
        raise Unprocessable(
            f"A factor-set CSV needs the columns: {', '.join(FACTOR_COLUMNS)}.", type="invalid-factor-set"
        )
    rows: list[FactorRow] = []
    errors: list[str] = []
    seen: set[tuple[str, str]] = set()
    for n, raw in enumerate(reader, start=2):
        try:
            row = _row(raw)
            if (row.activity, row.region) in seen:
                raise ValueError(f"duplicate factor {row.activity}/{row.region}")
            seen.add((row.activity, row.region))
            rows.append(row)
        except (ValueError, KeyError, InvalidOperation, AttributeError, TypeError) as exc:
            errors.append(f"line {n}: {exc}")
    if errors:
        raise Unprocessable(
            "The factor-set CSV has invalid rows.", type="invalid-factor-set", errors=errors[:50]
        )
    years = {(r.fiscal_year, r.regime) for r in rows}
    if len(years) != 1:
        raise Unprocessable(
            "A factor-set CSV holds exactly one fiscal year and regime.", type="invalid-factor-set"
        )
    fy, regime = years.pop()
    return ParsedSet(fy, regime, rows)


# ------------------------------------------------------------------ which set a calculation uses


@dataclass(frozen=True)
class Wanted:
    """The set year the method asks for, before we know which sets are loaded."""

    activity: str
    region: str
    emissions_fiscal_year: int
    set_fiscal_year: int
    rule: RuleName
    explanation: str


def normalise(activity: str, region: str | None) -> tuple[str, str]:
    return activity.strip().lower(), (region or "").strip().lower() or NATIONAL


def wanted_set(activity: str, region: str | None, fiscal_year: int) -> Wanted:
    """The N−1 rule: electricity of a named utility for FY N uses that utility's factor of FY N−1
    (the utilities publish after the year ends); unnamed electricity uses the default of FY N;
    everything else the set of FY N."""
    activity, region_key = normalise(activity, region)
    if activity == ELECTRICITY and region_key != NATIONAL:
        set_fy = fiscal_year - 1
        return Wanted(
            activity,
            region_key,
            fiscal_year,
            set_fy,
            "utility-n-minus-1",
            f"FY{fiscal_year} electricity supplied by '{region_key}' uses that utility's FY{set_fy} factor "
            "(utility factors of FY N-1 apply to FY N emissions).",
        )
    if activity == ELECTRICITY:
        return Wanted(
            activity,
            region_key,
            fiscal_year,
            fiscal_year,
            "default-electricity",
            f"No utility named: the default electricity factor of the FY{fiscal_year} set applies.",
        )
    return Wanted(
        activity,
        region_key,
        fiscal_year,
        fiscal_year,
        "same-year",
        f"FY{fiscal_year} emissions use the FY{fiscal_year} factor set.",
    )


def set_years_to_try(wanted: Wanted, loaded_years: Iterable[int]) -> list[int]:
    """Set years to look in, best first; empty when no set may be used.

    The year the method asks for, if a set of that year is loaded. A year after every
    loaded set (the current fiscal year, before its factors are published) uses the
    latest published sets, newest first: the calculator serves the current year and says
    so (rule ``latest-available``). A year before every loaded set has no factors at all:
    using later factors for the past would be a silent guess.
    """
    years = sorted(set(loaded_years), reverse=True)
    if wanted.set_fiscal_year in years:
        return [wanted.set_fiscal_year]
    if years and wanted.set_fiscal_year > years[0]:
        return years
    return []


def latest_available(wanted: Wanted, set_id: str, set_fiscal_year: int) -> Wanted:
    """The rule and explanation when a later year falls back to the latest published set."""
    return Wanted(
        wanted.activity,
        wanted.region,
        wanted.emissions_fiscal_year,
        set_fiscal_year,
        "latest-available",
        f"No factor set covers FY{wanted.set_fiscal_year} yet ({wanted.rule} rule for FY"
        f"{wanted.emissions_fiscal_year} emissions); the latest published set with this factor, "
        f"{set_id} (FY{set_fiscal_year}), is used.",
    )


def check_known(activity: str, region: str, set_id: str, regions: Iterable[str]) -> None:
    """No silent fallbacks: an activity or region the set lacks is an error, never a default."""
    known = sorted(regions)
    if not known:
        raise Unprocessable(
            f"Activity '{activity}' has no factor in set {set_id}.",
            type="unknown-activity",
            title="Unknown activity",
        )
    if region not in known:
        raise Unprocessable(
            f"Activity '{activity}' has no factor for region/utility '{region}' in set "
            f"{set_id}; known: {', '.join(known)}.",
            type="unknown-region",
            title="Unknown region or utility",
        )


def no_factor_set(fiscal_year: int, regime: str) -> Unprocessable:
    return Unprocessable(
        f"No factor set is loaded for FY{fiscal_year}, regime {regime}.",
        type="no-factor-set",
        title="No factor set",
    )


@dataclass(frozen=True)
class Choice:
    """The factor a calculation uses, and why (copied into every result and stored line)."""

    factor: calc.FactorSnapshot
    rule: RuleName
    explanation: str
    emissions_fiscal_year: int
