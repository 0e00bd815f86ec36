"""HTTP API of factor sets and factors: public reads, admin uploads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from sosai_calculator.deps import Admin
from sosai_calculator.factors import service
from sosai_calculator.factors.schemas import FactorOut, FactorSetOut
from sosai_calculator.uploads import csv_from_body
from sosai_shared.auth import public
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1", tags=["factors"])


@router.get(
    "/factor-sets",
    dependencies=[public],
    response_model=Page[FactorSetOut],
    summary="List factor sets (by fiscal year, regime, revision)",
    responses=problem_responses(422),
)
async def list_factor_sets(uow: UoW, page: Paging) -> Page[FactorSetOut]:
    return await service.page_sets(uow.session, page)


@router.get(
    "/factor-sets/{set_id}",
    dependencies=[public],
    response_model=FactorSetOut,
    summary="One factor set",
    responses=problem_responses(404),
)
async def get_factor_set(set_id: str, uow: UoW) -> FactorSetOut:
    return await service.factor_set_for(uow.session, set_id)


@router.post(
    "/factor-sets",
    status_code=201,
    response_model=FactorSetOut,
    summary="Load a factor set from CSV (admin); the same content again returns the existing set (200)",
    openapi_extra={
        "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}
    },
    responses={
        200: {"description": "identical content already loaded", "model": FactorSetOut},
        **AUTH,
        **problem_responses(409, 413, 415, 422, types={409: "idempotency-in-flight"}),
    },
)
async def load_factor_set(request: Request, uow: UoW, principal: Admin) -> JSONResponse:
    text = csv_from_body(request.headers.get("content-type", ""), await request.body())
    fs, created = await service.load_factor_set(
        uow.session,
        text,
        loaded_by=principal.sub,
        source=request.headers.get("x-factor-source", "admin upload"),
    )
    return await uow.respond(await service.set_out(uow.session, fs), 201 if created else 200)


@router.get(
    "/factors",
    dependencies=[public],
    response_model=Page[FactorOut],
    summary="Search factors (activity, fiscal year, regime, region/utility, unit, scope)",
    responses=problem_responses(422),
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
    filters: dict[str, str | int | None] = {
        "activity": activity and activity.lower(),
        "fiscal_year": fiscal_year,
        "regime": regime,
        "region": region and region.lower(),
        "unit": unit,
        "scope": scope,
    }
    return await service.search(
        uow.session, page, filters=filters, set_id=set_id, all_revisions=all_revisions
    )


@router.get(
    "/factors/{factor_id}",
    dependencies=[public],
    response_model=FactorOut,
    summary="One factor",
    responses=problem_responses(404),
)
async def get_factor(factor_id: str, uow: UoW) -> FactorOut:
    return await service.factor_for(uow.session, factor_id)
