"""Stored footprints: creation (JSON or CSV), versions, recalculation, offset plans, coverage, statistics.

Takes the session, never commits. Every change publishes its event through the outbox in
the same transaction; business counters move only after the commit, so a rolled-back
request never counts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal, localcontext

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_calculator import calculation as calc
from sosai_calculator import metrics
from sosai_calculator.estimates import rules as lines_rules
from sosai_calculator.estimates.rules import Line
from sosai_calculator.estimates.service import Lines, event_lines, lines_from_csv
from sosai_calculator.factors.service import FactorResolver
from sosai_calculator.footprints import repository as repo
from sosai_calculator.footprints import rules
from sosai_calculator.footprints.schemas import (
    EventFootprintIn,
    FootprintIn,
    FootprintOut,
    FootprintSummary,
    KindYearStat,
    OrganisationFootprintIn,
    PlanIn,
    ProductFootprintIn,
    RecalculationOut,
    StatisticsOut,
    VersionOut,
)
from sosai_calculator.models import Footprint, FootprintLine, FootprintVersion, Retirement
from sosai_shared.committed import after_commit
from sosai_shared.contracts.calculator import FootprintCalculatedV1, FootprintCoverageChangedV1
from sosai_shared.db import utcnow
from sosai_shared.errors import NotFound, Unprocessable
from sosai_shared.events.outbox import record
from sosai_shared.pagination import Page, PageParams

ZERO = Decimal("0.000000")


# ------------------------------------------------------------------ creation


async def _lines_of(resolver: FactorResolver, body: FootprintIn) -> tuple[list[Line], dict[str, object]]:
    fy = body.fiscal_year
    if isinstance(body, OrganisationFootprintIn):
        agg = Lines(resolver, fy)
        for a in body.activities:
            await agg.add(None, a.activity, a.amount, a.unit, a.region, a.passengers)
        return agg.result(), {"source": "json", "activities": len(body.activities)}
    if isinstance(body, ProductFootprintIn):
        agg = Lines(resolver, fy)
        for a in body.per_unit:
            with localcontext(prec=calc.PREC):
                amount = a.amount * body.units
            await agg.add(None, a.activity, amount, a.unit, a.region, a.passengers)
        per_unit = [a.model_dump(mode="json", exclude_none=True) for a in body.per_unit]
        return agg.result(), {"source": "json", "units": body.units, "per_unit": per_unit}
    assert isinstance(body, EventFootprintIn)
    fields = {"attendees", "venue_kwh", "utility", "accommodation_nights", "meals"}
    return await event_lines(resolver, fy, body), {
        "source": "json",
        **body.model_dump(mode="json", include=fields),
    }


async def create_footprint(
    session: AsyncSession,
    org: str,
    body: FootprintIn,
    source: str,
    csv_lines: tuple[list[Line], int] | None = None,
) -> Footprint:
    if csv_lines is not None:
        lines, rows = csv_lines
        summary: dict[str, object] = {"source": "csv", "rows": rows}
    else:
        lines, summary = await _lines_of(FactorResolver(session, body.regime), body)
    if not lines:
        raise Unprocessable("A footprint needs at least one activity.", type="empty-footprint")
    total, _ = lines_rules.totals(lines)
    rules.check_plan(total, body.plan)
    now = utcnow()
    fp = Footprint(
        id=str(uuid.uuid4()),
        org=org,
        kind=body.kind,
        name=body.name,
        fiscal_year=body.fiscal_year,
        regime=body.regime,
        session_id=body.session_id,
        offset_type=body.offset_type,
        units=body.units if isinstance(body, ProductFootprintIn) else None,
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
    rules.apply_plan(fp)
    session.add(fp)
    await session.flush()
    await _store_version(session, fp, lines, "created", summary)
    await _publish_calculated(session, fp, source, now)
    # retirements may have arrived before the footprint (replays, restores): count them now
    await _refresh_coverage(session, fp, source)
    kind = fp.kind
    after_commit(session, lambda: metrics.FOOTPRINTS.labels(kind).inc())
    return fp


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
    lines = await lines_from_csv(FactorResolver(session, regime), fiscal_year, rows)
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


async def _store_version(
    session: AsyncSession, fp: Footprint, lines: list[Line], reason: str, input_summary: dict[str, object]
) -> FootprintVersion:
    total, by_scope = lines_rules.totals(lines)
    v = FootprintVersion(
        footprint_id=fp.id,
        version=fp.version,
        reason=reason,
        total_t_co2=total,
        scope1_t_co2=by_scope[1],
        scope2_t_co2=by_scope[2],
        scope3_t_co2=by_scope[3],
        factor_set_ids=sorted({ln.choice.factor.set_id for ln in lines}),
        input_summary=input_summary,
        calculated_at=utcnow(),
    )
    session.add(v)
    for i, ln in enumerate(lines):
        f = ln.choice.factor
        session.add(
            FootprintLine(
                footprint_id=fp.id,
                version=fp.version,
                position=i,
                source=ln.source[:300],
                activity=f.activity,
                region=f.region,
                scope=f.scope,
                amount=calc.plain(ln.amount),
                unit=f.unit,
                t_co2=ln.t_co2,
                rule=ln.choice.rule,
                factor=f.as_json(),
            )
        )
    fp.total_t_co2 = total
    await session.flush()
    after_commit(session, lambda: metrics.T_CO2_CALCULATED.inc(float(total)))
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


async def _refresh_coverage(session: AsyncSession, fp: Footprint, source: str) -> None:
    """Recount retirements and publish a coverage change when the status or the count moved."""
    retired = await repo.credits_retired_for(session, fp.id)
    status = calc.coverage(fp.credits_needed, retired)
    if retired == fp.credits_retired and status == fp.coverage:
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


# ------------------------------------------------------------------ views


async def footprint_for(
    session: AsyncSession, org: str, footprint_id: str, *, for_update: bool = False
) -> Footprint:
    """The caller's footprint; another organisation's is 404, like one that does not exist."""
    fp = await repo.get_footprint(session, footprint_id, for_update=for_update)
    if fp is None or fp.org != org:
        raise NotFound(f"No footprint {footprint_id}.", type="footprint-not-found")
    return fp


async def _version_for(session: AsyncSession, fp: Footprint, version: int) -> FootprintVersion:
    v = await repo.get_version(session, fp.id, version)
    if v is None:
        raise NotFound(f"Footprint {fp.id} has no version {version}.", type="version-not-found")
    return v


async def footprint_out(session: AsyncSession, fp: Footprint) -> FootprintOut:
    v = await _version_for(session, fp, fp.version)
    lines = await repo.lines_of(session, fp.id, v.version)
    return FootprintOut.model_validate(
        {
            **rules.summary_fields(fp),
            "by_scope": rules.by_scope(v),
            "gases": {"CO2": v.total_t_co2},
            "per_unit_t_co2": rules.per_unit(v.total_t_co2, fp.units),
            "factor_set_ids": v.factor_set_ids,
            "calculated_at": v.calculated_at,
            "lines": [rules.stored_line_out(ln) for ln in lines],
        }
    )


async def version_out(session: AsyncSession, fp: Footprint, version: int) -> VersionOut:
    v = await _version_for(session, fp, version)
    lines = await repo.lines_of(session, fp.id, version)
    return VersionOut(
        footprint_id=fp.id,
        version=v.version,
        reason=v.reason,
        total_t_co2=v.total_t_co2,
        by_scope=rules.by_scope(v),
        factor_set_ids=v.factor_set_ids,
        input_summary=v.input_summary,
        calculated_at=v.calculated_at,
        lines=[rules.stored_line_out(ln) for ln in lines],
    )


async def page_footprints(
    session: AsyncSession, org: str, page: PageParams, *, kind: str | None, fiscal_year: int | None
) -> Page[FootprintSummary]:
    rows = await repo.page_footprints(session, org, kind=kind, fiscal_year=fiscal_year, paging=page)
    return rows.map(rules.summary_out)


# ------------------------------------------------------------------ changes


async def recalculate(session: AsyncSession, fp: Footprint, source: str) -> RecalculationOut:
    """A new version from the stored activity amounts and today's current factor sets; returns the diff."""
    old_lines = await repo.lines_of(session, fp.id, fp.version)
    old_total = fp.total_t_co2
    resolver = FactorResolver(session, fp.regime)
    new_lines: list[Line] = []
    for ln in old_lines:
        choice = await resolver.choose(ln.activity, ln.region, fp.fiscal_year)
        amount = ln.amount
        if choice.factor.unit != ln.unit:  # a new set changed the activity's unit: convert the stored amount
            amount = lines_rules.to_factor_unit(ln.amount, ln.unit, choice.factor, None)
        new_lines.append(Line(ln.source, choice, amount))
    diffs = rules.line_diffs(old_lines, new_lines)
    previous = fp.version
    fp.version += 1
    fp.updated_at = utcnow()
    await _store_version(session, fp, new_lines, "recalculated", {"recalculated_from_version": previous})
    rules.apply_plan(fp)
    await _publish_calculated(session, fp, source, fp.updated_at)
    await _refresh_coverage(session, fp, source)
    return RecalculationOut(
        footprint=await footprint_out(session, fp),
        previous_version=previous,
        previous_total_t_co2=old_total,
        delta_t_co2=fp.total_t_co2 - old_total,
        lines=diffs,
    )


async def change_plan(session: AsyncSession, fp: Footprint, plan: PlanIn, source: str) -> None:
    rules.check_plan(fp.total_t_co2, plan)
    fp.planned_reduction_t_co2, fp.offset_share = plan.planned_reduction_t_co2, plan.offset_share
    rules.apply_plan(fp)
    fp.updated_at = utcnow()
    await _publish_calculated(session, fp, source, fp.updated_at)
    await _refresh_coverage(session, fp, source)


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
    """Count a retirement once (keyed by its id, whatever the event id); False if already counted.

    A retirement for a footprint not known yet is kept and counted when the footprint appears.
    """
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
    label = "false" if fp is None else "true"
    after_commit(session, lambda: metrics.RETIREMENTS_APPLIED.labels(label).inc())
    if fp is not None:
        await _refresh_coverage(session, fp, source)
    return True


async def recount_coverage(session: AsyncSession, footprint_id: str, source: str) -> None:
    """Recount a footprint's retired tonnes from the retirements held (the reconciliation's repair)."""
    fp = await repo.get_footprint(session, footprint_id, for_update=True)
    if fp is not None:
        await _refresh_coverage(session, fp, source)


# ------------------------------------------------------------------ statistics


async def statistics(session: AsyncSession) -> StatisticsOut:
    groups: dict[tuple[str, int], tuple[int, Decimal]] = {}
    grand, n = ZERO, 0
    for kind, fy, total in await repo.footprint_totals(session):
        count, subtotal = groups.get((kind, fy), (0, ZERO))
        groups[(kind, fy)] = (count + 1, subtotal + total)
        grand += total
        n += 1
    needed, retired = await repo.credit_sums(session)
    return StatisticsOut(
        footprints=n,
        total_t_co2=grand,
        credits_needed=needed,
        credits_retired=retired,
        by_kind_and_year=[
            KindYearStat(kind=k, fiscal_year=fy, footprints=c, total_t_co2=t)
            for (k, fy), (c, t) in sorted(groups.items())
        ],
    )
