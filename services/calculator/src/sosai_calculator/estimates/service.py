"""Estimates: one activity, a batch, an event; and activity data (JSON or a CSV stream) into lines.

Takes the session only through the :class:`FactorResolver`; stores nothing. The stored
footprints reuse :class:`Lines` and :func:`lines_from_csv`, so an estimate and a stored
footprint of the same data always agree.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation, localcontext

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_calculator import calculation as calc
from sosai_calculator import metrics
from sosai_calculator.estimates import rules
from sosai_calculator.estimates.rules import Line, LineSums
from sosai_calculator.estimates.schemas import (
    BatchIn,
    BatchItemOut,
    BatchOut,
    EstimateIn,
    EstimateOut,
    EventActivityIn,
    EventEstimateOut,
    ItemError,
)
from sosai_calculator.factors.service import FactorResolver
from sosai_shared.errors import DomainError, Unprocessable

#: Row errors reported back for a rejected CSV (the whole upload is refused: all or nothing).
MAX_REPORTED_ROW_ERRORS = 20
CSV_COLUMNS = ("activity", "amount", "unit")


class RowErrors(DomainError):
    status, type, title = 422, "invalid-activity-data", "Invalid activity data"


class Lines:
    """:class:`LineSums` fed through a resolver: each activity is resolved, converted, then summed."""

    def __init__(self, resolver: FactorResolver, fiscal_year: int) -> None:
        self.resolver, self.fiscal_year = resolver, fiscal_year
        self.sums = LineSums()

    async def add(
        self,
        source: str | None,
        activity: str,
        amount: Decimal,
        unit: str,
        region: str | None,
        passengers: int | None = None,
    ) -> Line:
        choice = await self.resolver.choose(activity, region, self.fiscal_year)
        self.sums.add(source, choice, rules.to_factor_unit(amount, unit, choice.factor, passengers))
        return self.sums.line_for(source, choice)

    def result(self) -> list[Line]:
        return self.sums.result()


async def _one(resolver: FactorResolver, item: EstimateIn) -> EstimateOut:
    choice = await resolver.choose(item.activity, item.region, item.fiscal_year)
    return rules.estimate_out(item, choice, item.fiscal_year)


async def estimate(session: AsyncSession, item: EstimateIn) -> EstimateOut:
    try:
        result = await _one(FactorResolver(session, item.regime), item)
    except DomainError:
        metrics.ESTIMATES.labels("error").inc()  # a read: counted when answered, there is no commit
        raise
    metrics.ESTIMATES.labels("ok").inc()
    return result


async def estimate_batch(session: AsyncSession, body: BatchIn) -> BatchOut:
    resolvers: dict[str, FactorResolver] = {}
    items: list[BatchItemOut] = []
    total = Decimal("0.000000")
    for i, item in enumerate(body.items):
        resolver = resolvers.setdefault(item.regime, FactorResolver(session, item.regime))
        try:
            result = await _one(resolver, item)
        except DomainError as exc:
            metrics.ESTIMATES.labels("error").inc()
            error = ItemError(type=exc.type, title=exc.title, detail=exc.detail)
            items.append(BatchItemOut(index=i, ok=False, error=error))
            continue
        metrics.ESTIMATES.labels("ok").inc()
        total += result.t_co2
        items.append(BatchItemOut(index=i, ok=True, result=result))
    ok = sum(1 for it in items if it.ok)
    return BatchOut(items=items, succeeded=ok, failed=len(items) - ok, total_t_co2=total)


async def event_lines(resolver: FactorResolver, fiscal_year: int, body: EventActivityIn) -> list[Line]:
    lines = Lines(resolver, fiscal_year)
    for a in rules.event_activities(body):
        await lines.add(a.source, a.activity, a.amount, a.unit, a.region)
    return lines.result()


async def estimate_event(
    session: AsyncSession, fiscal_year: int, regime: str, body: EventActivityIn
) -> EventEstimateOut:
    try:
        lines = await event_lines(FactorResolver(session, regime), fiscal_year, body)
    except DomainError:
        metrics.ESTIMATES.labels("error").inc()
        raise
    metrics.ESTIMATES.labels("ok").inc()
    total, by_scope = rules.totals(lines)
    latest = any(ln.choice.rule == "latest-available" for ln in lines)
    return EventEstimateOut(
        fiscal_year=fiscal_year,
        regime=regime,
        total_t_co2=total,
        by_scope=rules.scope_totals(by_scope),
        gases={"CO2": total},
        lines=[rules.line_out(i, ln) for i, ln in enumerate(lines)],
        credits_needed_if_fully_offset=calc.credits_needed(total, Decimal(1)),
        factor_rule="latest-available" if latest else "fiscal-year",
        factor_set_ids=sorted({ln.choice.factor.set_id for ln in lines}),
    )


# ------------------------------------------------------------------ CSV activity data


def _row_error(lineno: int, exc: Exception) -> dict[str, object]:
    if isinstance(exc, DomainError):
        return {"line": lineno, "type": exc.type, "detail": exc.detail}
    return {
        "line": lineno,
        "type": "invalid-row",
        "detail": "a row needs activity, a decimal amount and a unit",
    }


async def lines_from_csv(resolver: FactorResolver, fy: int, rows: Iterable[str]) -> tuple[list[Line], int]:
    """Stream a CSV (``activity,amount,unit[,region][,passengers]``, header first) into summed lines.

    Rows are consumed one by one and never kept; only the per-source sums are.
    Any bad row rejects the whole upload (a footprint is never built from part of
    its data), reporting up to :data:`MAX_REPORTED_ROW_ERRORS` rows.
    """
    try:
        return await _lines_from_csv(resolver, fy, rows)
    except csv.Error as exc:  # malformed CSV (stray newlines, NULs): the upload's fault, not ours
        raise RowErrors(f"The CSV cannot be parsed: {exc}.") from exc


async def _lines_from_csv(resolver: FactorResolver, fy: int, rows: Iterable[str]) -> tuple[list[Line], int]:
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
    errors: list[dict[str, object]] = []
    count = error_count = 0
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
                line = await lines.add(None, activity, amount, unit, region or None, passengers)
                if passengers is None:
                    mult = rules.to_factor_unit(Decimal(1), unit, line.choice.factor, None)
                    fast[(activity, region, unit)] = (line, mult)
            except (DomainError, InvalidOperation, IndexError, ValueError) as exc:
                error_count += 1
                if len(errors) < MAX_REPORTED_ROW_ERRORS:
                    errors.append(_row_error(lineno, exc))
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
