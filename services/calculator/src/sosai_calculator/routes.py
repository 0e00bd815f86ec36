"""HTTP API of the calculator service under /v1."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse

from sosai_calculator import metrics, service
from sosai_calculator import repository as repo
from sosai_calculator.deps import Admin, Estimator, Reader, Source, Writer
from sosai_calculator.schemas import (
    MAX_BATCH,
    BatchIn,
    BatchOut,
    EstimateIn,
    EstimateOut,
    EventEstimateIn,
    EventEstimateOut,
    FactorOut,
    FactorSetOut,
    FootprintIn,
    FootprintOut,
    FootprintSummary,
    OffsetType,
    PlanIn,
    RecalculateIn,
    RecalculationOut,
    Regime,
    StatisticsOut,
    VersionOut,
)
from sosai_shared.auth import public
from sosai_shared.errors import DomainError, NotFound, Unprocessable
from sosai_shared.pagination import Page, PageParams, build_page, page_params
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1")
Paging = Annotated[PageParams, Depends(page_params)]


def _problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    text = {
        401: "missing or invalid token",
        403: "missing scope",
        404: "not found (or another organisation's)",
        409: "idempotency key in flight",
        413: "body too large",
        415: "unsupported media type",
        422: "invalid request, unknown activity or unit (problem+json with a stable type)",
    }
    return {c: {"description": text[c], "content": {"application/problem+json": {}}} for c in codes}


AUTH = (401, 403)

# ------------------------------------------------------------------ factor sets (public reads, admin loads)


async def _set_out(session: Any, fs: Any) -> FactorSetOut:
    current = await repo.current_set(session, fs.fiscal_year, fs.regime)
    return FactorSetOut(**fs.model_dump(), current=current is not None and current.id == fs.id)


@router.get(
    "/factor-sets",
    tags=["factors"],
    dependencies=[public],
    response_model=Page[FactorSetOut],
    summary="List factor sets (by fiscal year, regime, revision)",
    responses=_problems(422),
)
async def list_factor_sets(uow: UoW, page: Paging) -> Page[FactorSetOut]:
    rows = await repo.list_sets(uow.session, page.limit, page.cursor)
    current = await repo.current_revisions(uow.session)
    items = [
        FactorSetOut(**r.model_dump(), current=current.get((r.fiscal_year, r.regime)) == r.revision)
        for r in rows
    ]
    return build_page(items, page.limit, lambda s: [s.fiscal_year, s.regime, s.revision])


@router.get(
    "/factor-sets/{set_id}",
    tags=["factors"],
    dependencies=[public],
    response_model=FactorSetOut,
    summary="One factor set",
    responses=_problems(404),
)
async def get_factor_set(set_id: str, uow: UoW) -> FactorSetOut:
    fs = await repo.get_set(uow.session, set_id)
    if fs is None:
        raise NotFound(f"No factor set {set_id}.", type="factor-set-not-found")
    return await _set_out(uow.session, fs)


@router.post(
    "/factor-sets",
    tags=["factors"],
    status_code=201,
    response_model=FactorSetOut,
    summary="Load a factor set from CSV (admin); the same content again returns the existing set (200)",
    openapi_extra={
        "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}
    },
    responses={
        200: {"description": "identical content already loaded", "model": FactorSetOut},
        **_problems(*AUTH, 409, 413, 415, 422),
    },
)
async def load_factor_set(request: Request, uow: UoW, principal: Admin) -> JSONResponse:
    text = service.csv_from_body(request.headers.get("content-type", ""), await request.body())
    fs, created = await service.load_factor_set(
        uow.session,
        text,
        loaded_by=principal.sub,
        source=request.headers.get("x-factor-source", "admin upload"),
    )
    return await uow.respond(await _set_out(uow.session, fs), 201 if created else 200)


@router.get(
    "/factors",
    tags=["factors"],
    dependencies=[public],
    response_model=Page[FactorOut],
    summary="Search factors (activity, fiscal year, regime, region/utility, unit, scope)",
    responses=_problems(422),
)
async def search_factors(
    uow: UoW,
    page: Paging,
    activity: Annotated[str | None, Query(max_length=60)] = None,
    fiscal_year: Annotated[int | None, Query(ge=1990, le=2100, description="the set's fiscal year")] = None,
    regime: Annotated[str | None, Query(max_length=8)] = None,
    region: Annotated[str | None, Query(max_length=40, description="'jp' or a utility")] = None,
    unit: Annotated[str | None, Query(max_length=30)] = None,
    scope: Annotated[int | None, Query(ge=1, le=3)] = None,
    set_id: Annotated[str | None, Query(max_length=40)] = None,
    all_revisions: Annotated[bool, Query(description="include superseded revisions")] = False,
) -> Page[FactorOut]:
    filters = {
        "activity": activity and activity.lower(),
        "fiscal_year": fiscal_year,
        "regime": regime,
        "region": region and region.lower(),
        "unit": unit,
        "scope": scope,
        "set_id": set_id,
    }
    set_ids = None
    if not all_revisions and set_id is None:
        current = await repo.current_revisions(uow.session)
        set_ids = [f"FY{fy}-{rg}-r{rev}" for (fy, rg), rev in current.items()]
    after = str(page.cursor[0]) if page.cursor else None
    rows = await repo.search_factors(
        uow.session, filters=filters, set_ids=set_ids, limit=page.limit, after=after
    )
    return build_page([FactorOut(**r.model_dump()) for r in rows], page.limit, lambda f: [f.id])


@router.get(
    "/factors/{factor_id}",
    tags=["factors"],
    dependencies=[public],
    response_model=FactorOut,
    summary="One factor",
    responses=_problems(404),
)
async def get_factor(factor_id: str, uow: UoW) -> FactorOut:
    f = await repo.get_factor(uow.session, factor_id)
    if f is None:
        raise NotFound(f"No factor {factor_id}.", type="factor-not-found")
    return FactorOut(**f.model_dump())


# ------------------------------------------------------------------ estimates (stateless)


@router.post(
    "/estimates",
    tags=["estimates"],
    response_model=EstimateOut,
    summary="Estimate one activity (t-CO2, the exact factor, the rule that chose it)",
    responses=_problems(*AUTH, 422),
)
async def estimate_one(body: EstimateIn, uow: UoW, _: Estimator) -> dict[str, Any]:
    try:
        result = await service.estimate(
            service.FactorResolver(uow.session, body.regime), body, body.fiscal_year
        )
    except DomainError:
        metrics.ESTIMATES.labels("error").inc()
        raise
    metrics.ESTIMATES.labels("ok").inc()
    return result


@router.post(
    "/estimates/batch",
    tags=["estimates"],
    response_model=BatchOut,
    summary=f"Estimate up to {MAX_BATCH} activities: one result per item, in order, with per-item errors",
    responses=_problems(*AUTH, 422),
)
async def estimate_batch(body: BatchIn, uow: UoW, _: Estimator) -> dict[str, Any]:
    resolvers: dict[str, service.FactorResolver] = {}
    items: list[dict[str, Any]] = []
    total = Decimal("0.000000")
    for i, item in enumerate(body.items):
        resolver = resolvers.setdefault(item.regime, service.FactorResolver(uow.session, item.regime))
        try:
            result = await service.estimate(resolver, item, item.fiscal_year)
        except DomainError as exc:
            metrics.ESTIMATES.labels("error").inc()
            items.append(
                {
                    "index": i,
                    "ok": False,
                    "error": {"type": exc.type, "title": exc.title, "detail": exc.detail},
                }
            )
            continue
        metrics.ESTIMATES.labels("ok").inc()
        total += result["t_co2"]
        items.append({"index": i, "ok": True, "result": result})
    ok = sum(1 for it in items if it["ok"])
    return {"items": items, "succeeded": ok, "failed": len(items) - ok, "total_t_co2": total}


@router.post(
    "/estimates/event",
    tags=["estimates"],
    response_model=EventEstimateOut,
    summary="Estimate an event: attendees' travel, venue electricity, accommodation, meals",
    description="Distances are one-way; a return trip is counted unless `round_trip` is false. "
    "Accommodation and meal factors are illustrative (see the factor's source).",
    responses=_problems(*AUTH, 422),
)
async def estimate_event(body: EventEstimateIn, uow: UoW, _: Estimator) -> dict[str, Any]:
    try:
        result = await service.estimate_event(uow.session, body.fiscal_year, body.regime, body)
    except DomainError:
        metrics.ESTIMATES.labels("error").inc()
        raise
    metrics.ESTIMATES.labels("ok").inc()
    return result


# ------------------------------------------------------------------ footprints


@router.post(
    "/footprints",
    tags=["footprints"],
    status_code=201,
    response_model=FootprintOut,
    summary="Calculate and store a footprint (organisation, product or event) with its offset plan",
    responses=_problems(*AUTH, 409, 413, 422),
)
async def create_footprint(
    body: Annotated[FootprintIn, Body()], uow: UoW, principal: Writer, source: Source
) -> JSONResponse:
    fp = await service.create_footprint(uow.session, principal.org, body, source)
    return await uow.respond(FootprintOut.model_validate(await service.footprint_json(uow.session, fp)), 201)


@router.post(
    "/footprints/csv",
    tags=["footprints"],
    status_code=201,
    response_model=FootprintOut,
    summary="Store an organisation's fiscal-year footprint from a CSV of activity data",
    description="Body: `text/csv` or `multipart/form-data` (file part named `file`), UTF-8, header "
    "`activity,amount,unit[,region][,passengers]`, bounded by the service's body limit. "
    "Any bad row rejects the whole upload (422 `invalid-activity-data`, with the first rows' errors).",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                },
            },
        }
    },
    responses=_problems(*AUTH, 409, 413, 415, 422),
)
async def create_footprint_csv(
    request: Request,
    uow: UoW,
    principal: Writer,
    source: Source,
    name: Annotated[str, Query(min_length=1, max_length=300)],
    fiscal_year: Annotated[int, Query(ge=1990, le=2100)],
    regime: Annotated[Regime, Query()] = "B",
    offset_type: Annotated[OffsetType | None, Query()] = None,
    planned_reduction_t_co2: Annotated[Decimal, Query(ge=0, max_digits=30, decimal_places=12)] = Decimal(0),
    offset_share: Annotated[Decimal, Query(ge=0, le=1, max_digits=7, decimal_places=6)] = Decimal(1),
) -> JSONResponse:
    text = service.csv_from_body(request.headers.get("content-type", ""), await request.body())
    plan = PlanIn(planned_reduction_t_co2=planned_reduction_t_co2, offset_share=offset_share)
    fp = await service.create_footprint_from_csv(
        uow.session,
        principal.org,
        text.splitlines(),
        name=name,
        fiscal_year=fiscal_year,
        regime=regime,
        offset_type=offset_type,
        plan=plan,
        source=source,
    )
    return await uow.respond(FootprintOut.model_validate(await service.footprint_json(uow.session, fp)), 201)


@router.get(
    "/footprints",
    tags=["footprints"],
    response_model=Page[FootprintSummary],
    summary="The caller's footprints, newest first",
    responses=_problems(*AUTH, 422),
)
async def list_footprints(
    uow: UoW,
    principal: Reader,
    page: Paging,
    kind: Annotated[str | None, Query(pattern="^(organisation|product|event)$")] = None,
    fiscal_year: Annotated[int | None, Query(ge=1990, le=2100)] = None,
) -> Page[FootprintSummary]:
    after = None
    if page.cursor:
        from datetime import datetime

        try:
            after = [datetime.fromisoformat(str(page.cursor[0])), str(page.cursor[1])]
        except (ValueError, IndexError) as exc:
            raise Unprocessable("The cursor is not valid.", type="invalid-cursor") from exc
    rows = await repo.list_footprints(
        uow.session, principal.org, kind=kind, fiscal_year=fiscal_year, limit=page.limit, after=after
    )
    items = [FootprintSummary(**service.summary_json(r)) for r in rows]
    return build_page(items, page.limit, lambda f: [f.created_at.isoformat(), f.id])


@router.get(
    "/footprints/{footprint_id}",
    tags=["footprints"],
    response_model=FootprintOut,
    summary="A footprint: current version, lines with factor snapshots, plan, coverage",
    responses=_problems(*AUTH, 404),
)
async def get_footprint(footprint_id: str, uow: UoW, principal: Reader) -> dict[str, Any]:
    fp = await service.owned_footprint(uow.session, principal.org, footprint_id)
    return await service.footprint_json(uow.session, fp)


@router.get(
    "/footprints/{footprint_id}/versions/{version}",
    tags=["footprints"],
    response_model=VersionOut,
    summary="One stored version of a footprint (never changes)",
    responses=_problems(*AUTH, 404),
)
async def get_footprint_version(
    footprint_id: str, version: int, uow: UoW, principal: Reader
) -> dict[str, Any]:
    fp = await service.owned_footprint(uow.session, principal.org, footprint_id)
    return await service.version_json(uow.session, fp, version)


@router.post(
    "/footprints/{footprint_id}/recalculate",
    tags=["footprints"],
    status_code=201,
    response_model=RecalculationOut,
    summary="Recalculate with the current factor sets: a new version and the difference per line",
    responses=_problems(*AUTH, 404, 409, 422),
)
async def recalculate(
    footprint_id: str, uow: UoW, principal: Writer, source: Source, body: RecalculateIn | None = None
) -> JSONResponse:
    fp = await service.owned_footprint(uow.session, principal.org, footprint_id, for_update=True)
    return await uow.respond(
        RecalculationOut.model_validate(await service.recalculate(uow.session, fp, source)), 201
    )


@router.put(
    "/footprints/{footprint_id}/plan",
    tags=["footprints"],
    response_model=FootprintOut,
    summary="Set the offset plan (planned reductions, share to offset)",
    responses=_problems(*AUTH, 404, 422),
)
async def set_plan(
    footprint_id: str, body: PlanIn, uow: UoW, principal: Writer, source: Source
) -> dict[str, Any]:
    fp = await service.owned_footprint(uow.session, principal.org, footprint_id, for_update=True)
    await service.change_plan(uow.session, fp, body, source)
    return await service.footprint_json(uow.session, fp)


# ------------------------------------------------------------------ statistics


@router.get(
    "/statistics",
    tags=["statistics"],
    dependencies=[public],
    response_model=StatisticsOut,
    summary="Footprints by kind and fiscal year, tonnes calculated, credits needed vs retired",
)
async def statistics(uow: UoW) -> dict[str, Any]:
    return await service.statistics(uow.session)
