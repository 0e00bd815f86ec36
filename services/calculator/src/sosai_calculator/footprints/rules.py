"""Pure rules of stored footprints: the offset plan, its bounds, the views, the recalculation diff.

No I/O: models come in as plain objects, figures and response models come out.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext

from sosai_calculator import calculation as calc
from sosai_calculator.estimates.rules import Line
from sosai_calculator.estimates.schemas import LineOut, ScopeTotals
from sosai_calculator.factors.schemas import FactorUsed
from sosai_calculator.footprints.schemas import (
    CoverageOut,
    FootprintSummary,
    LineDiff,
    PlanIn,
    PlanOut,
)
from sosai_calculator.models import Footprint, FootprintLine, FootprintVersion
from sosai_shared.errors import Unprocessable

#: ``footprints.credits_needed`` is a 32-bit INTEGER column: a plan needing more credits than it
#: holds (about 2.1 billion tonnes, far beyond any real footprint) is refused, not a 500.
MAX_CREDITS = 2**31 - 1


def check_plan(total: Decimal, plan: PlanIn) -> None:
    if plan.planned_reduction_t_co2 > total:
        raise Unprocessable(
            f"Planned reductions ({plan.planned_reduction_t_co2} t) exceed the emissions ({total} t).",
            type="reductions-exceed-emissions",
            title="Invalid offset plan",
        )


def credits_needed(total: Decimal, planned_reduction: Decimal, share: Decimal) -> int:
    """Whole credits for the residual share, refused when beyond what the record can hold."""
    needed = calc.credits_needed(calc.residual(total, planned_reduction), share)
    if needed > MAX_CREDITS:
        raise Unprocessable(
            f"The footprint would need {needed} credits; at most {MAX_CREDITS} can be planned.",
            type="footprint-too-large",
            title="Footprint too large",
        )
    return needed


def apply_plan(fp: Footprint) -> None:
    fp.credits_needed = credits_needed(fp.total_t_co2, fp.planned_reduction_t_co2, fp.offset_share)


def plan_out(fp: Footprint) -> PlanOut:
    return PlanOut(
        total_t_co2=fp.total_t_co2,
        planned_reduction_t_co2=fp.planned_reduction_t_co2,
        residual_t_co2=calc.residual(fp.total_t_co2, fp.planned_reduction_t_co2),
        offset_share=fp.offset_share,
        credits_needed=fp.credits_needed,
    )


def summary_fields(fp: Footprint) -> dict[str, object]:
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
        "plan": plan_out(fp),
        "coverage": CoverageOut.model_validate(
            {
                "credits_needed": fp.credits_needed,
                "credits_retired": fp.credits_retired,
                "coverage": fp.coverage,
            }
        ),
        "created_at": fp.created_at,
        "updated_at": fp.updated_at,
    }


def summary_out(fp: Footprint) -> FootprintSummary:
    return FootprintSummary.model_validate(summary_fields(fp))


def per_unit(total: Decimal, units: int | None) -> Decimal | None:
    if not units:
        return None
    with localcontext(prec=calc.PREC):
        return (total / units).quantize(calc.LINE_QUANTUM)


def by_scope(v: FootprintVersion) -> ScopeTotals:
    return ScopeTotals(scope1=v.scope1_t_co2, scope2=v.scope2_t_co2, scope3=v.scope3_t_co2)


def stored_line_out(ln: FootprintLine) -> LineOut:
    return LineOut(
        position=ln.position,
        source=ln.source,
        activity=ln.activity,
        region=ln.region,
        scope=ln.scope,
        amount=ln.amount,
        unit=ln.unit,
        t_co2=ln.t_co2,
        rule=ln.rule,
        factor=FactorUsed.model_validate(ln.factor),
    )


def line_diffs(old_lines: Sequence[FootprintLine], new_lines: Sequence[Line]) -> list[LineDiff]:
    """Per stored line: the old and new t-CO2 and factor, in the stored order."""
    out = []
    for old, new in zip(old_lines, new_lines, strict=True):
        new_t = new.t_co2
        out.append(
            LineDiff(
                source=old.source,
                activity=old.activity,
                region=old.region,
                amount=old.amount,
                unit=old.unit,
                old_t_co2=old.t_co2,
                new_t_co2=new_t,
                delta_t_co2=new_t - old.t_co2,
                old_factor_id=str(old.factor["id"]),
                new_factor_id=new.choice.factor.id,
                old_t_co2_per_unit=Decimal(str(old.factor["t_co2_per_unit"])),
                new_t_co2_per_unit=new.choice.factor.t_co2_per_unit,
            )
        )
    return out
