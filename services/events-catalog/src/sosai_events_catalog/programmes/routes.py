"""HTTP API of programmes and the public statistics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from sosai_events_catalog.deps import Organiser
from sosai_events_catalog.programmes import service
from sosai_events_catalog.programmes.schemas import ProgrammeIn, ProgrammeOut, ProgrammePatch, StatisticsOut
from sosai_shared.auth import public
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1")


@router.get(
    "/programmes",
    dependencies=[public],
    response_model=Page[ProgrammeOut],
    tags=["programmes"],
    summary="List programmes",
    responses=problem_responses(422),
)
async def list_programmes(uow: UoW, paging: Paging) -> Page[ProgrammeOut]:
    return await service.page(uow.session, paging)


@router.post(
    "/programmes",
    status_code=201,
    response_model=ProgrammeOut,
    tags=["programmes"],
    summary="Add a programme",
    responses={**AUTH, **problem_responses(409, 422)},
)
async def create_programme(body: ProgrammeIn, uow: UoW, _: Organiser) -> JSONResponse:
    p = await service.create(uow.session, body)
    return await uow.respond(service.programme_out(p), 201)


@router.get(
    "/programmes/{code}",
    dependencies=[public],
    response_model=ProgrammeOut,
    tags=["programmes"],
    summary="One programme",
    responses=problem_responses(404),
)
async def get_programme(code: str, uow: UoW) -> ProgrammeOut:
    return service.programme_out(await service.programme_for(uow.session, code))


@router.patch(
    "/programmes/{code}",
    response_model=ProgrammeOut,
    tags=["programmes"],
    summary="Change a programme's names, descriptions or audience",
    responses={**AUTH, **problem_responses(404, 422)},
)
async def update_programme(code: str, body: ProgrammePatch, uow: UoW, _: Organiser) -> ProgrammeOut:
    return service.programme_out(await service.update(uow.session, code, body))


@router.get(
    "/statistics",
    dependencies=[public],
    response_model=StatisticsOut,
    tags=["statistics"],
    summary="Sessions, places, registrations and attendance per programme",
    responses=problem_responses(422),
)
async def statistics(
    uow: UoW, fiscal_year: Annotated[int | None, Query(ge=1990, le=2200)] = None
) -> StatisticsOut:
    return await service.statistics(uow.session, fiscal_year)
