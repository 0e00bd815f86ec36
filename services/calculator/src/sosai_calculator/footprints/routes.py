"""HTTP API of stored footprints, their versions and plans, and the public statistics."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import JSONResponse

from sosai_calculator.deps import Reader, Source, Writer
from sosai_calculator.factors.schemas import Regime
from sosai_calculator.footprints import service
from sosai_calculator.footprints.schemas import (
    FootprintIn,
    FootprintOut,
    FootprintSummary,
    OffsetType,
    PlanIn,
    RecalculateIn,
    RecalculationOut,
    StatisticsOut,
    VersionOut,
)
from sosai_calculator.uploads import csv_from_body
from sosai_shared.auth import public
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1")


@router.post(
    "/footprints",
    tags=["footprints"],
    status_code=201,
    response_model=FootprintOut,
    summary="Calculate and store a footprint (organisation, product or event) with its offset plan",
    responses={**AUTH, **problem_responses(409, 413, 422, types={409: "idempotency-in-flight"})},
)
async def create_footprint(
    body: Annotated[FootprintIn, Body()], uow: UoW, principal: Writer, source: Source
) -> JSONResponse:
    fp = await service.create_footprint(uow.session, principal.org, body, source)
    return await uow.respond(await service.footprint_out(uow.session, fp), 201)


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
    responses={**AUTH, **problem_responses(409, 413, 415, 422, types={409: "idempotency-in-flight"})},
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
    text = csv_from_body(request.headers.get("content-type", ""), await request.body())
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
    return await uow.respond(await service.footprint_out(uow.session, fp), 201)


@router.get(
    "/footprints",
    tags=["footprints"],
    response_model=Page[FootprintSummary],
    summary="The caller's footprints, newest first",
    responses={**AUTH, **problem_responses(422)},
)
async def list_footprints(
    uow: UoW,
    principal: Reader,
    page: Paging,
    kind: Annotated[str | None, Query(pattern="^(organisation|product|event)$")] = None,
    fiscal_year: Annotated[int | None, Query(ge=1990, le=2100)] = None,
) -> Page[FootprintSummary]:
    return await service.page_footprints(uow.session, principal.org, page, kind=kind, fiscal_year=fiscal_year)


@router.get(
    "/footprints/{footprint_id}",
    tags=["footprints"],
    response_model=FootprintOut,
    summary="A footprint: current version, lines with factor snapshots, plan, coverage",
    responses={**AUTH, **problem_responses(404)},
)
async def get_footprint(footprint_id: str, uow: UoW, principal: Reader) -> FootprintOut:
    fp = await service.footprint_for(uow.session, principal.org, footprint_id)
    return await service.footprint_out(uow.session, fp)


@router.get(
    "/footprints/{footprint_id}/versions/{version}",
    tags=["footprints"],
    response_model=VersionOut,
    summary="One stored version of a footprint (never changes)",
    responses={**AUTH, **problem_responses(404)},
)
async def get_footprint_version(footprint_id: str, version: int, uow: UoW, principal: Reader) -> VersionOut:
    fp = await service.footprint_for(uow.session, principal.org, footprint_id)
    return await service.version_out(uow.session, fp, version)


@router.post(
    "/footprints/{footprint_id}/recalculate",
    tags=["footprints"],
    status_code=201,
    response_model=RecalculationOut,
    summary="Recalculate with the current factor sets: a new version and the difference per line",
    responses={**AUTH, **problem_responses(404, 409, 422, types={409: "idempotency-in-flight"})},
)
async def recalculate(
    footprint_id: str, uow: UoW, principal: Writer, source: Source, body: RecalculateIn | None = None
) -> JSONResponse:
    fp = await service.footprint_for(uow.session, principal.org, footprint_id, for_update=True)
    return await uow.respond(await service.recalculate(uow.session, fp, source), 201)


@router.put(
    "/footprints/{footprint_id}/plan",
    tags=["footprints"],
    response_model=FootprintOut,
    summary="Set the offset plan (planned reductions, share to offset)",
    responses={**AUTH, **problem_responses(404, 422)},
)
async def set_plan(
    footprint_id: str, body: PlanIn, uow: UoW, principal: Writer, source: Source
) -> FootprintOut:
    fp = await service.footprint_for(uow.session, principal.org, footprint_id, for_update=True)
    await service.change_plan(uow.session, fp, body, source)
    return await service.footprint_out(uow.session, fp)


@router.get(
    "/statistics",
    tags=["statistics"],
    dependencies=[public],
    response_model=StatisticsOut,
    summary="Footprints by kind and fiscal year, tonnes calculated, credits needed vs retired",
)
async def statistics(uow: UoW) -> StatisticsOut:
    return await service.statistics(uow.session)
