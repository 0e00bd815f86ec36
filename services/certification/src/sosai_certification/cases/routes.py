"""HTTP API of the reported-case register under /v1."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from sosai_certification.applications.schemas import OffsetType
from sosai_certification.cases import repository as repo
from sosai_certification.cases import service
from sosai_certification.cases.schemas import (
    BulkReportedCasesIn,
    BulkResultOut,
    ReportedCaseIn,
    ReportedCaseOut,
)
from sosai_certification.deps import Admin, Applicant
from sosai_certification.models import ReportedCase
from sosai_shared.auth import public
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1", tags=["reported cases"])


def _out(c: ReportedCase) -> ReportedCaseOut:
    return ReportedCaseOut.model_validate(c, from_attributes=True)


@router.post(
    "/reported-cases",
    status_code=201,
    response_model=ReportedCaseOut,
    summary="Report an (uncertified) offset initiative to the programme",
    responses={**AUTH, **problem_responses(422)},
)
async def report_case(body: ReportedCaseIn, uow: UoW, principal: Applicant) -> JSONResponse:
    return await uow.respond(_out(await service.create_one(uow.session, principal, body)), 201)


@router.post(
    "/admin/reported-cases/bulk",
    status_code=201,
    response_model=BulkResultOut,
    summary="Record up to 1,000 reported cases in one call (programme staff; seeding)",
    responses={**AUTH, **problem_responses(422)},
)
async def bulk_report_cases(body: BulkReportedCasesIn, uow: UoW, principal: Admin) -> JSONResponse:
    ids = await service.create_many(uow.session, principal, body.items)
    return await uow.respond(BulkResultOut(created=len(ids), ids=ids), 201)


@router.get("/reported-cases", summary="Cases the caller's organisation reported", responses=AUTH)
async def own_cases(uow: UoW, principal: Applicant, paging: Paging) -> Page[ReportedCaseOut]:
    return (await repo.page(uow.session, paging, org=principal.org)).map(_out)


@router.get(
    "/public/reported-cases",
    dependencies=[public],
    tags=["public"],
    summary="The register of reported offset cases (public)",
)
async def public_cases(
    uow: UoW,
    paging: Paging,
    offset_type: OffsetType | None = None,
    fiscal_year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Page[ReportedCaseOut]:
    start = date(fiscal_year, 4, 1) if fiscal_year is not None else None
    end = date(fiscal_year + 1, 4, 1) if fiscal_year is not None else None
    page = await repo.page(uow.session, paging, offset_type=offset_type, start=start, end=end)
    return page.map(_out)
