"""Business rules of the calculator: factor sets, estimates, footprints, plans, coverage.

Functions take the request's (or consumer's) session and never commit. The rules
an auditor replays are in :mod:`sosai_calculator.calculation`; this module decides
*which* factor applies (the fiscal-year rules), stores snapshots, and emits events.
"""

from __future__ import annotations

import csv
import hashlib
import io
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation, localcontext
from importlib import resources
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_calculator import calculation as calc
from sosai_calculator import metrics
from sosai_calculator import repository as repo
from sosai_calculator.models import Factor, FactorSet, Footprint, FootprintLine, FootprintVersion, Retirement
from sosai_calculator.schemas import (
    ActivityIn,
    EventActivityIn,
    EventFootprintIn,
    FootprintIn,
    OrganisationFootprintIn,
    PlanIn,
    ProductFootprintIn,
)
from sosai_shared.contracts.calculator import FootprintCalculatedV1, FootprintCoverageChangedV1
from sosai_shared.db import utcnow
from sosai_shared.errors import DomainError, NotFound, Unprocessable
from sosai_shared.events.outbox import record

ELECTRICITY = "electricity"
NATIONAL = "jp"
ZERO = Decimal("0.000000")
#: Row errors reported back for a rejected CSV (the whole upload is refused: all or nothing).
MAX_REPORTED_ROW_ERRORS = 20

# ------------------------------------------------------------------ factor sets

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


def _opt_dec(raw: str) -> Decimal | None:
    raw = raw.strip()
    return Decimal(raw) if raw else None


def _opt_date(raw: str) -> date | None:
    raw = raw.strip()
    return date.fromisoformat(raw) if raw else None


def parse_factor_csv(text: str) -> tuple[int, str, list[dict[str, Any]]]:
    """Validate a factor-set CSV: one fiscal year and regime per file, every row complete and consistent."""
    try:
        return _parse_factor_csv(text)
    except csv.Error as exc:  # malformed CSV (stray newlines, NULs): the upload's fault, not ours
        raise Unprocessable(
            f"The factor-set CSV cannot be parsed: {exc}.", type="invalid-factor-set"
        ) from exc


def _parse_factor_csv(text: str) -> tuple[int, str, list[dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or set(FACTOR_COLUMNS) - set(reader.fieldnames):
        raise Unprocessable(
            f"A factor-set CSV needs the columns: {', '.join(FACTOR_COLUMNS)}.", type="invalid-factor-set"
        )
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    seen: set[tuple[str, str]] = set()
    years: set[tuple[int, str]] = set()
    for n, raw in enumerate(reader, start=2):
        try:
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
            if (activity, region) in seen:
                raise ValueError(f"duplicate factor {activity}/{region}")
            seen.add((activity, region))
            years.add((fy, regime))
            rows.append(
                {
                    "fiscal_year": fy,
                    "regime": regime,
                    "activity": activity,
                    "region": region,
                    "scope": scope,
                    "unit": unit,
                    "method": method,
                    "calorific_value": cv,
                    "carbon_factor": cf,
                    "value": value,
                    "value_unit": value_unit,
                    "t_co2_per_unit": per_unit,
                    "published_t_co2_per_unit": _opt_dec(raw["published_t_co2_per_unit"]),
                    "data_year": int(raw["data_year"]),
                    "source": raw["source"].strip()[:300],
                    "valid_from": _opt_date(raw["valid_from"]),
                    "valid_until": _opt_date(raw["valid_until"]),
                    "notes": (raw.get("notes") or "").strip()[:300],
                }
            )
        except (ValueError, KeyError, InvalidOperation, AttributeError, TypeError) as exc:
            errors.append(f"line {n}: {exc}")
    if errors:
        raise Unprocessable(
            "The factor-set CSV has invalid rows.", type="invalid-factor-set", errors=errors[:50]
        )
    if len(years) != 1:
        raise Unprocessable(
            "A factor-set CSV holds exactly one fiscal year and regime.", type="invalid-factor-set"
        )
    fy, regime = years.pop()
    return fy, regime, rows


async def load_factor_set(
    session: AsyncSession, text: str, *, loaded_by: str, source: str
) -> tuple[FactorSet, bool]:
    """Idempotent by content: the same file again returns the existing set; new content is a new revision."""
    fy, regime, rows = parse_factor_csv(text)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    existing = await repo.set_by_hash(session, fy, regime, sha)
    if existing is not None:
        return existing, False
    revision = await repo.max_revision(session, fy, regime) + 1
    fs = FactorSet(
        id=f"FY{fy}-{regime}-r{revision}",
        fiscal_year=fy,
        regime=regime,
        revision=revision,
        source=source[:300],
        content_sha256=sha,
        factor_count=len(rows),
        loaded_by=loaded_by[:200],
        loaded_at=utcnow(),
    )
    session.add(fs)
    await session.flush()
    for r in rows:
        session.add(Factor(id=f"{fs.id}.{r['activity']}.{r['region']}", set_id=fs.id, revision=revision, **r))
    await session.flush()
    return fs, True


SHIPPED = ("factors_FY2009_A.csv", "factors_FY2009_B.csv", "factors_FY2010_A.csv", "factors_FY2010_B.csv")


def shipped_files() -> Iterator[tuple[str, str]]:
    base = resources.files("sosai_calculator").joinpath("data")
    for name in SHIPPED:
        yield name, base.joinpath(name).read_text(encoding="utf-8")


async def load_shipped_sets(sessionmaker: Any) -> None:
    """Start-up: load the package's factor files once (a replica that loses the race finds them loaded)."""
    for name, text in shipped_files():
        try:
            async with sessionmaker() as session, session.begin():
                await load_factor_set(session, text, loaded_by="shipped", source=f"package data {name}")
        except IntegrityError:
            pass


# ------------------------------------------------------------------ factor selection


@dataclass(frozen=True)
class Choice:
    factor: calc.FactorSnapshot
    rule: str
    explanation: str
    emissions_fiscal_year: int

    def rule_json(self) -> dict[str, Any]:
        return {
            "name": self.rule,
            "explanation": self.explanation,
            "emissions_fiscal_year": self.emissions_fiscal_year,
            "factor_set_fiscal_year": self.factor.set_fiscal_year,
        }


def snapshot(f: Factor) -> calc.FactorSnapshot:
    return calc.FactorSnapshot(
        id=f.id,
        set_id=f.set_id,
        set_fiscal_year=f.fiscal_year,
        set_revision=f.revision,
        regime=f.regime,
        activity=f.activity,
        region=f.region,
        scope=f.scope,
        unit=f.unit,
        method=f.method,
        calorific_value=f.calorific_value,
        carbon_factor=f.carbon_factor,
        value=f.value,
        value_unit=f.value_unit,
        t_co2_per_unit=f.t_co2_per_unit,
        published_t_co2_per_unit=f.published_t_co2_per_unit,
        data_year=f.data_year,
        source=f.source,
    )


class FactorResolver:
    """Picks the factor for (activity, region, fiscal year, regime), caching per request or upload.

    Electricity of a named utility for FY N uses that utility's factor of FY N-1
    (the utilities publish after the year ends); unnamed electricity uses the
    default of FY N; everything else the set of FY N. Nothing falls back silently.
    """

    def __init__(self, session: AsyncSession, regime: str) -> None:
        self.session, self.regime = session, regime
        self._sets: dict[int, FactorSet | None] = {}
        self._choices: dict[tuple[str, str, int], Choice] = {}

    async def _set(self, fy: int) -> FactorSet:
        if fy not in self._sets:
            self._sets[fy] = await repo.current_set(self.session, fy, self.regime)
        fs = self._sets[fy]
        if fs is None:
            raise Unprocessable(
                f"No factor set is loaded for FY{fy}, regime {self.regime}.",
                type="no-factor-set",
                title="No factor set",
            )
        return fs

    async def choose(self, activity: str, region: str | None, fiscal_year: int) -> Choice:
        activity = activity.strip().lower()
        region_key = (region or "").strip().lower() or NATIONAL
        key = (activity, region_key, fiscal_year)
        if key in self._choices:
            return self._choices[key]
        if activity == ELECTRICITY and region_key != NATIONAL:
            set_fy, rule = fiscal_year - 1, "utility-n-minus-1"
            why = (
                f"FY{fiscal_year} electricity supplied by '{region_key}' uses that utility's FY{set_fy} factor "
                "(utility factors of FY N-1 apply to FY N emissions)."
            )
        elif activity == ELECTRICITY:
            set_fy, rule = fiscal_year, "default-electricity"
            why = f"No utility named: the default electricity factor of the FY{fiscal_year} set applies."
        else:
            set_fy, rule = fiscal_year, "same-year"
            why = f"FY{fiscal_year} emissions use the FY{fiscal_year} factor set."
        fs = await self._set(set_fy)
        candidates = await repo.factors_of_set_activity(self.session, fs.id, activity)
        if not candidates:
            raise Unprocessable(
                f"Activity '{activity}' has no factor in set {fs.id}.",
                type="unknown-activity",
                title="Unknown activity",
            )
        match = next((f for f in candidates if f.region == region_key), None)
        if match is None:
            known = sorted(f.region for f in candidates)
            raise Unprocessable(
                f"Activity '{activity}' has no factor for region/utility '{region_key}' in set "
                f"{fs.id}; known: {', '.join(known)}.",
                type="unknown-region",
                title="Unknown region or utility",
            )
        choice = Choice(snapshot(match), rule, why, fiscal_year)
        self._choices[key] = choice
        return choice


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


# ------------------------------------------------------------------ estimates


async def estimate(resolver: FactorResolver, item: ActivityIn, fiscal_year: int) -> dict[str, Any]:
    choice = await resolver.choose(item.activity, item.region, fiscal_year)
    f = choice.factor
    amount = to_factor_unit(item.amount, item.unit, f, item.passengers)
    t = calc.line_t_co2(amount, f)
    return {
        "activity": f.activity,
        "region": f.region,
        "fiscal_year": fiscal_year,
        "scope": f.scope,
        "input_amount": item.amount,
        "input_unit": item.unit,
        "amount": calc.plain(amount),
        "unit": f.unit,
        "t_co2": t,
        "gases": {"CO2": t},
        "factor": f.as_json(),
        "rule": choice.rule_json(),
        "formula": calc.formula(amount, f, t),
        "t_co2_with_published_factor": calc.published_factor_t_co2(amount, f),
    }


# ------------------------------------------------------------------ lines (aggregation)


@dataclass
class Line:
    source: str
    choice: Choice
    amount: Decimal = Decimal(0)

    @property
    def t_co2(self) -> Decimal:
        return calc.line_t_co2(self.amount, self.choice.factor)


@dataclass
class Lines:
    """Activity data summed exactly per (source, factor); each line is rounded once, at the end.

    Summing the amounts first is what the reporting method does (annual totals per
    fuel times the factor) and keeps memory bounded by the number of sources,
    however many rows the activity data has.
    """

    resolver: FactorResolver
    fiscal_year: int
    lines: dict[tuple[str, str], Line] = field(default_factory=dict)

    async def add(
        self,
        source: str | None,
        activity: str,
        amount: Decimal,
        unit: str,
        region: str | None,
        passengers: int | None = None,
    ) -> None:
        choice = await self.resolver.choose(activity, region, self.fiscal_year)
        converted = to_factor_unit(amount, unit, choice.factor, passengers)
        label = source or (
            choice.factor.activity
            if choice.factor.region == NATIONAL
            else f"{choice.factor.activity} ({choice.factor.region})"
        )
        key = (label, choice.factor.id)
        line = self.lines.get(key)
        if line is None:
            line = self.lines[key] = Line(label, choice)
        with localcontext(prec=calc.PREC):
            line.amount += converted

    def result(self) -> list[Line]:
        return list(self.lines.values())


def totals(lines: list[Line]) -> tuple[Decimal, dict[int, Decimal]]:
    by_scope = {1: ZERO, 2: ZERO, 3: ZERO}
    for line in lines:
        by_scope[line.choice.factor.scope] += line.t_co2
    return by_scope[1] + by_scope[2] + by_scope[3], by_scope


async def event_lines(resolver: FactorResolver, fy: int, body: EventActivityIn) -> list[Line]:
    lines = Lines(resolver, fy)
    for g in body.attendees:
        trips = 2 if g.round_trip else 1
        with localcontext(prec=calc.PREC):
            pkm = g.distance_km * g.count * trips
        await lines.add(f"travel: {g.origin} by {g.mode}", f"passenger_{g.mode}", pkm, "passenger-km", None)
    if body.venue_kwh or body.utility:
        await lines.add("venue electricity", ELECTRICITY, body.venue_kwh, "kWh", body.utility)
    if body.accommodation_nights:
        await lines.add("accommodation", "accommodation", Decimal(body.accommodation_nights), "night", None)
    if body.meals:
        await lines.add("meals", "meal", Decimal(body.meals), "meal", None)
    return lines.result()


def line_json(position: int, line: Line) -> dict[str, Any]:
    f = line.choice.factor
    return {
        "position": position,
        "source": line.source,
        "activity": f.activity,
        "region": f.region,
        "scope": f.scope,
        "amount": calc.plain(line.amount),
        "unit": f.unit,
        "t_co2": line.t_co2,
        "rule": line.choice.rule,
        "factor": f.as_json(),
    }


async def estimate_event(
    session: AsyncSession, fy: int, regime: str, body: EventActivityIn
) -> dict[str, Any]:
    lines = await event_lines(FactorResolver(session, regime), fy, body)
    total, by_scope = totals(lines)
    return {
        "fiscal_year": fy,
        "regime": regime,
        "total_t_co2": total,
        "by_scope": {"scope1": by_scope[1], "scope2": by_scope[2], "scope3": by_scope[3]},
        "gases": {"CO2": total},
        "lines": [line_json(i, ln) for i, ln in enumerate(lines)],
        "credits_needed_if_fully_offset": calc.credits_needed(total, Decimal(1)),
    }


# ------------------------------------------------------------------ CSV activity data

CSV_COLUMNS = ("activity", "amount", "unit")


class RowErrors(DomainError):
    status, type, title = 422, "invalid-activity-data", "Invalid activity data"


async def lines_from_csv(resolver: FactorResolver, fy: int, rows: Iterable[str]) -> tuple[list[Line], int]:
    """Stream a CSV (``activity,amount,unit[,region][,passengers]``, header first) into summed lines.

    Rows are consumed one by one and never kept; only the per-source sums are.
    Any bad row rejects the whole upload (a footprint is never built from part of
    its data), reporting up to :data:`MAX_REPORTED_ROW_ERRORS` rows.
    """
    reader = csv.reader(rows)
    header = next(reader, None)
    if header is None:
        raise RowErrors("The CSV is empty.")
    cols = [h.strip().lower() for h in header]
    if any(c not in cols for c in CSV_COLUMNS):
        raise RowErrors(
            f"The CSV header must name the columns {', '.join(CSV_COLUMNS)} (and optionally region, "
            "passengers)."
        )
    ia, iam, iu = cols.index("activity"), cols.index("amount"), cols.index("unit")
    ir = cols.index("region") if "region" in cols else None
    ip = cols.index("passengers") if "passengers" in cols else None
    lines = Lines(resolver, fy)
    errors: list[dict[str, Any]] = []
    count = 0
    error_count = 0
    # hot path: resolve (activity, region, unit) once, then one Decimal multiply-add per row
    fast: dict[tuple[str, str, str], tuple[Line, Decimal]] = {}
    with localcontext(prec=calc.PREC):  # sums of a million rows keep every digit
        for lineno, row in enumerate(reader, start=2):
            if not row:
                continue
            count += 1
            try:
                activity, unit = row[ia], row[iu]
                region = row[ir] if ir is not None and ir < len(row) else ""
                amount = Decimal(row[iam])
                if not amount.is_finite() or amount < 0:
                    raise Unprocessable("amount must be a non-negative number", type="invalid-amount")
                passengers = int(row[ip]) if ip is not None and ip < len(row) and row[ip].strip() else None
                hit = fast.get((activity, region, unit)) if passengers is None else None
                if hit is not None:
                    line, mult = hit
                    line.amount += amount * mult
                    continue
                await lines.add(None, activity, amount, unit, region or None, passengers)
                if passengers is None:
                    choice = await resolver.choose(activity, region or None, fy)
                    label = (
                        choice.factor.activity
                        if choice.factor.region == NATIONAL
                        else f"{choice.factor.activity} ({choice.factor.region})"
                    )
                    fast[(activity, region, unit)] = (
                        lines.lines[(label, choice.factor.id)],
                        to_factor_unit(Decimal(1), unit, choice.factor, None),
                    )
            except DomainError as exc:
                error_count += 1
                if len(errors) < MAX_REPORTED_ROW_ERRORS:
                    errors.append({"line": lineno, "type": exc.type, "detail": exc.detail})
            except (InvalidOperation, IndexError, ValueError):
                error_count += 1
                if len(errors) < MAX_REPORTED_ROW_ERRORS:
                    errors.append(
                        {
                            "line": lineno,
                            "type": "invalid-row",
                            "detail": "a row needs activity, a decimal amount and a unit",
                        }
                    )
    if error_count:
        raise RowErrors(
            f"{error_count} of {count} rows cannot be used; nothing was stored.",
            errors=errors,
            rows=count,
            rejected_rows=error_count,
        )
    if count == 0:
        raise RowErrors("The CSV has a header but no rows.")
    return lines.result(), count


def csv_from_body(content_type: str, body: bytes) -> str:
    """The CSV text of a ``text/csv`` body, or of the first file part of a ``multipart/form-data`` body."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("text/csv", "text/plain", "application/csv"):
        raw = body
    elif ctype == "multipart/form-data":
        from email.parser import BytesParser
        from email.policy import HTTP

        msg = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
        )
        parts = (
            [
                p
                for p in msg.iter_parts()
                if p.get_filename() or p.get_param("name", header="content-disposition") in ("file", "csv")
            ]
            if msg.is_multipart()
            else []
        )
        if not parts:
            raise Unprocessable(
                "The multipart body has no CSV file part (name it 'file').", type="invalid-upload"
            )
        payload = parts[0].get_payload(decode=True)
        raw = payload if isinstance(payload, bytes) else b""
    else:
        raise Unprocessable(
            "Send the CSV as text/csv or multipart/form-data.",
            type="unsupported-media-type",
            status=415,
            title="Unsupported media type",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unprocessable("The CSV must be UTF-8.", type="invalid-upload") from exc


# ------------------------------------------------------------------ footprints


async def create_footprint_from_csv(
    session: AsyncSession,
    org: str,
    rows: Iterable[str],
    *,
    name: str,
    fiscal_year: int,
    regime: str,
    offset_type: str | None,
    plan: PlanIn,
    source: str,
) -> Footprint:
    """The CSV path of the API (also what the benchmark drives): stream rows into lines, store one version."""
    try:
        lines = await lines_from_csv(FactorResolver(session, regime), fiscal_year, rows)
    except csv.Error as exc:  # malformed CSV (stray newlines, NULs): the upload's fault, not ours
        raise RowErrors(f"The CSV cannot be parsed: {exc}.") from exc
    meta = OrganisationFootprintIn.model_construct(
        kind="organisation",
        name=name,
        fiscal_year=fiscal_year,
        regime=regime,
        session_id=None,
        offset_type=offset_type,
        activities=[],
        plan=plan,
    )
    return await create_footprint(session, org, meta, source, csv_lines=lines)


def plan_json(fp: Footprint) -> dict[str, Any]:
    return {
        "total_t_co2": fp.total_t_co2,
        "planned_reduction_t_co2": fp.planned_reduction_t_co2,
        "residual_t_co2": calc.residual(fp.total_t_co2, fp.planned_reduction_t_co2),
        "offset_share": fp.offset_share,
        "credits_needed": fp.credits_needed,
    }


def _apply_plan(fp: Footprint) -> None:
    fp.credits_needed = calc.credits_needed(
        calc.residual(fp.total_t_co2, fp.planned_reduction_t_co2), fp.offset_share
    )


def _check_plan(total: Decimal, plan: PlanIn) -> None:
    if plan.planned_reduction_t_co2 > total:
        raise Unprocessable(
            f"Planned reductions ({plan.planned_reduction_t_co2} t) exceed the emissions ({total} t).",
            type="reductions-exceed-emissions",
            title="Invalid offset plan",
        )


async def _store_version(
    session: AsyncSession, fp: Footprint, lines: list[Line], reason: str, input_summary: dict[str, Any]
) -> FootprintVersion:
    total, by_scope = totals(lines)
    set_ids = sorted({ln.choice.factor.set_id for ln in lines})
    v = FootprintVersion(
        footprint_id=fp.id,
        version=fp.version,
        reason=reason,
        total_t_co2=total,
        scope1_t_co2=by_scope[1],
        scope2_t_co2=by_scope[2],
        scope3_t_co2=by_scope[3],
        factor_set_ids=set_ids,
        input_summary=input_summary,
        calculated_at=utcnow(),
    )
    session.add(v)
    for i, ln in enumerate(lines):
        j = line_json(i, ln)
        session.add(
            FootprintLine(
                footprint_id=fp.id,
                version=fp.version,
                position=i,
                source=ln.source[:300],
                activity=j["activity"],
                region=j["region"],
                scope=j["scope"],
                amount=j["amount"],
                unit=j["unit"],
                t_co2=j["t_co2"],
                rule=ln.choice.rule,
                factor=j["factor"],
            )
        )
    fp.total_t_co2 = total
    await session.flush()
    metrics.T_CO2_CALCULATED.inc(float(total))
    return v


async def _publish_calculated(session: AsyncSession, fp: Footprint, source: str, at: datetime) -> None:
    await record(
        session,
        FootprintCalculatedV1(
            footprint_id=fp.id,
            version=fp.version,
            org=fp.org,
            kind=fp.kind,
            name=fp.name,
            fiscal_year=fp.fiscal_year,
            session_id=fp.session_id,
            total_t_co2=fp.total_t_co2,
            planned_reduction_t_co2=fp.planned_reduction_t_co2,
            residual_t_co2=calc.residual(fp.total_t_co2, fp.planned_reduction_t_co2),
            offset_share=fp.offset_share,
            credits_needed=fp.credits_needed,
            calculated_at=at,
            offset_type=fp.offset_type,
        ),
        source=source,
    )


async def _refresh_coverage(
    session: AsyncSession, fp: Footprint, source: str, *, force: bool = False
) -> None:
    """Recount retirements and publish a coverage change when the status or the count moved."""
    retired = await repo.credits_retired_for(session, fp.id)
    status = calc.coverage(fp.credits_needed, retired)
    if not force and retired == fp.credits_retired and status == fp.coverage:
        return
    fp.credits_retired, fp.coverage, fp.updated_at = retired, status, utcnow()
    await record(
        session,
        FootprintCoverageChangedV1(
            footprint_id=fp.id,
            org=fp.org,
            credits_needed=fp.credits_needed,
            credits_retired=retired,
            coverage=status,
            changed_at=fp.updated_at,
        ),
        source=source,
    )


async def create_footprint(
    session: AsyncSession,
    org: str,
    body: FootprintIn,
    source: str,
    csv_lines: tuple[list[Line], int] | None = None,
) -> Footprint:
    fy, regime = body.fiscal_year, body.regime
    resolver = FactorResolver(session, regime)
    summary: dict[str, Any]
    units: int | None = None
    if csv_lines is not None:
        lines, rows = csv_lines
        summary = {"source": "csv", "rows": rows}
    elif isinstance(body, OrganisationFootprintIn):
        agg = Lines(resolver, fy)
        for a in body.activities:
            await agg.add(None, a.activity, a.amount, a.unit, a.region, a.passengers)
        lines, summary = agg.result(), {"source": "json", "activities": len(body.activities)}
    elif isinstance(body, ProductFootprintIn):
        agg = Lines(resolver, fy)
        units = body.units
        for a in body.per_unit:
            with localcontext(prec=calc.PREC):
                amount = a.amount * body.units
            await agg.add(None, a.activity, amount, a.unit, a.region, a.passengers)
        lines = agg.result()
        summary = {
            "source": "json",
            "units": body.units,
            "per_unit": [a.model_dump(mode="json", exclude_none=True) for a in body.per_unit],
        }
    else:
        assert isinstance(body, EventFootprintIn)
        lines = await event_lines(resolver, fy, body)
        summary = {
            "source": "json",
            **body.model_dump(
                mode="json", include={"attendees", "venue_kwh", "utility", "accommodation_nights", "meals"}
            ),
        }
    if not lines:
        raise Unprocessable("A footprint needs at least one activity.", type="empty-footprint")
    total, _ = totals(lines)
    _check_plan(total, body.plan)
    now = utcnow()
    fp = Footprint(
        id=str(uuid.uuid4()),
        org=org,
        kind=body.kind,
        name=body.name,
        fiscal_year=fy,
        regime=regime,
        session_id=body.session_id,
        offset_type=body.offset_type,
        units=units,
        version=1,
        total_t_co2=total,
        planned_reduction_t_co2=body.plan.planned_reduction_t_co2,
        offset_share=body.plan.offset_share,
        credits_needed=0,
        credits_retired=0,
        coverage="none",
        created_at=now,
        updated_at=now,
    )
    _apply_plan(fp)
    session.add(fp)
    await session.flush()
    await _store_version(session, fp, lines, "created", summary)
    await _publish_calculated(session, fp, source, now)
    # retirements may have arrived before the footprint (replays, restores): count them now
    await _refresh_coverage(session, fp, source)
    metrics.FOOTPRINTS.labels(fp.kind).inc()
    return fp


async def owned_footprint(
    session: AsyncSession, org: str, footprint_id: str, *, for_update: bool = False
) -> Footprint:
    fp = await repo.get_footprint(session, footprint_id, for_update=for_update)
    if fp is None or fp.org != org:
        raise NotFound(f"No footprint {footprint_id}.", type="footprint-not-found")
    return fp


async def footprint_json(session: AsyncSession, fp: Footprint, version: int | None = None) -> dict[str, Any]:
    v = await repo.get_version(session, fp.id, version or fp.version)
    if v is None:
        raise NotFound(f"Footprint {fp.id} has no version {version}.", type="version-not-found")
    lines = await repo.lines_of(session, fp.id, v.version)
    out = summary_json(fp)
    per_unit = None
    if fp.units:
        with localcontext(prec=calc.PREC):
            per_unit = (v.total_t_co2 / fp.units).quantize(calc.LINE_QUANTUM)
    out.update(
        {
            "by_scope": {"scope1": v.scope1_t_co2, "scope2": v.scope2_t_co2, "scope3": v.scope3_t_co2},
            "gases": {"CO2": v.total_t_co2},
            "per_unit_t_co2": per_unit,
            "factor_set_ids": v.factor_set_ids,
            "calculated_at": v.calculated_at,
            "lines": [_stored_line_json(ln) for ln in lines],
        }
    )
    return out


def _stored_line_json(ln: FootprintLine) -> dict[str, Any]:
    return {
        "position": ln.position,
        "source": ln.source,
        "activity": ln.activity,
        "region": ln.region,
        "scope": ln.scope,
        "amount": ln.amount,
        "unit": ln.unit,
        "t_co2": ln.t_co2,
        "rule": ln.rule,
        "factor": ln.factor,
    }


async def version_json(session: AsyncSession, fp: Footprint, version: int) -> dict[str, Any]:
    v = await repo.get_version(session, fp.id, version)
    if v is None:
        raise NotFound(f"Footprint {fp.id} has no version {version}.", type="version-not-found")
    lines = await repo.lines_of(session, fp.id, version)
    return {
        "footprint_id": fp.id,
        "version": v.version,
        "reason": v.reason,
        "total_t_co2": v.total_t_co2,
        "by_scope": {"scope1": v.scope1_t_co2, "scope2": v.scope2_t_co2, "scope3": v.scope3_t_co2},
        "factor_set_ids": v.factor_set_ids,
        "input_summary": v.input_summary,
        "calculated_at": v.calculated_at,
        "lines": [_stored_line_json(ln) for ln in lines],
    }


def summary_json(fp: Footprint) -> dict[str, Any]:
    return {
        "id": fp.id,
        "org": fp.org,
        "kind": fp.kind,
        "name": fp.name,
        "fiscal_year": fp.fiscal_year,
        "regime": fp.regime,
        "session_id": fp.session_id,
        "offset_type": fp.offset_type,
        "units": fp.units,
        "version": fp.version,
        "total_t_co2": fp.total_t_co2,
        "plan": plan_json(fp),
        "coverage": {
            "credits_needed": fp.credits_needed,
            "credits_retired": fp.credits_retired,
            "coverage": fp.coverage,
        },
        "created_at": fp.created_at,
        "updated_at": fp.updated_at,
    }


async def recalculate(session: AsyncSession, fp: Footprint, source: str) -> dict[str, Any]:
    """A new version from the stored activity amounts and today's current factor sets; returns the diff."""
    old_lines = await repo.lines_of(session, fp.id, fp.version)
    old_total = fp.total_t_co2
    resolver = FactorResolver(session, fp.regime)
    new_lines: list[Line] = []
    for ln in old_lines:
        choice = await resolver.choose(ln.activity, ln.region, fp.fiscal_year)
        if choice.factor.unit != ln.unit:  # a new set changed the activity's unit: convert the stored amount
            amount = to_factor_unit(ln.amount, ln.unit, choice.factor, None)
        else:
            amount = ln.amount
        new_lines.append(Line(ln.source, choice, amount))
    diffs = []
    for old, new in zip(old_lines, new_lines, strict=True):
        new_t = new.t_co2
        diffs.append(
            {
                "source": old.source,
                "activity": old.activity,
                "region": old.region,
                "amount": old.amount,
                "unit": old.unit,
                "old_t_co2": old.t_co2,
                "new_t_co2": new_t,
                "delta_t_co2": new_t - old.t_co2,
                "old_factor_id": old.factor["id"],
                "new_factor_id": new.choice.factor.id,
                "old_t_co2_per_unit": Decimal(str(old.factor["t_co2_per_unit"])),
                "new_t_co2_per_unit": new.choice.factor.t_co2_per_unit,
            }
        )
    previous = fp.version
    fp.version += 1
    fp.updated_at = utcnow()
    await _store_version(session, fp, new_lines, "recalculated", {"recalculated_from_version": previous})
    _apply_plan(fp)
    await _publish_calculated(session, fp, source, fp.updated_at)
    await _refresh_coverage(session, fp, source)
    return {
        "footprint": await footprint_json(session, fp),
        "previous_version": previous,
        "previous_total_t_co2": old_total,
        "delta_t_co2": fp.total_t_co2 - old_total,
        "lines": diffs,
    }


async def change_plan(session: AsyncSession, fp: Footprint, plan: PlanIn, source: str) -> None:
    _check_plan(fp.total_t_co2, plan)
    fp.planned_reduction_t_co2, fp.offset_share = plan.planned_reduction_t_co2, plan.offset_share
    _apply_plan(fp)
    fp.updated_at = utcnow()
    await _publish_calculated(session, fp, source, fp.updated_at)
    await _refresh_coverage(session, fp, source)


# ------------------------------------------------------------------ coverage (consumer)


async def apply_retirement(
    session: AsyncSession,
    *,
    retirement_id: str,
    footprint_id: str,
    quantity: int,
    holder_org: str,
    beneficiary: str,
    retired_at: datetime,
    source: str,
) -> bool:
    """Count a retirement once (keyed by its id, whatever the event id); False if already counted."""
    if await repo.retirement_exists(session, retirement_id):
        return False
    session.add(
        Retirement(
            retirement_id=retirement_id,
            footprint_id=footprint_id,
            quantity=quantity,
            holder_org=holder_org[:200],
            beneficiary=beneficiary[:300],
            retired_at=retired_at,
            received_at=utcnow(),
        )
    )
    await session.flush()
    fp = await repo.get_footprint(session, footprint_id, for_update=True)
    if fp is not None:
        await _refresh_coverage(session, fp, source)
    return True


# ------------------------------------------------------------------ statistics


async def statistics(session: AsyncSession) -> dict[str, Any]:
    groups: dict[tuple[str, int], list[Any]] = {}
    grand = ZERO
    n = 0
    for kind, fy, total in await repo.statistics_rows(session):
        g = groups.setdefault((kind, fy), [0, ZERO])
        g[0] += 1
        g[1] += total
        grand += total
        n += 1
    needed, retired = await repo.credit_sums(session)
    return {
        "footprints": n,
        "total_t_co2": grand,
        "credits_needed": needed,
        "credits_retired": retired,
        "by_kind_and_year": [
            {"kind": k, "fiscal_year": fy, "footprints": c, "total_t_co2": t}
            for (k, fy), (c, t) in sorted(groups.items())
        ],
    }
