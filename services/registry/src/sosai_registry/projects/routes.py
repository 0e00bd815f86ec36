"""HTTP API of methodologies, projects and certifications under /v1 (the public views are in public/)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from sosai_registry.deps import Admin, Reader, Writer, ctx_of
from sosai_registry.projects import repository as repo
from sosai_registry.projects import service as svc
from sosai_registry.projects.schemas import (
    CertificationIn,
    CertificationOut,
    MethodologyIn,
    MethodologyOut,
    MethodologyStatusIn,
    ProjectIn,
    ProjectOut,
    TransitionIn,
)
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1")


@router.post(
    "/methodologies",
    status_code=201,
    response_model=MethodologyOut,
    tags=["methodologies"],
    summary="Add a methodology (administrators)",
    responses={**AUTH, **problem_responses(422, types={409: "methodology-exists"})},
)
async def create_methodology(
    body: MethodologyIn, uow: UoW, principal: Admin, request: Request
) -> JSONResponse:
    m = await svc.create_methodology(ctx_of(uow, principal, request), body)
    return await uow.respond(MethodologyOut.model_validate(m, from_attributes=True), 201)


@router.post(
    "/methodologies/{methodology_id}/status",
    response_model=MethodologyOut,
    tags=["methodologies"],
    summary="Activate or withdraw a methodology",
    responses={**AUTH, **problem_responses(422, types={404: "methodology-not-found"})},
)
async def methodology_status(
    methodology_id: str, body: MethodologyStatusIn, uow: UoW, principal: Admin, request: Request
) -> JSONResponse:
    m = await svc.set_methodology_status(ctx_of(uow, principal, request), methodology_id, body)
    return await uow.respond(MethodologyOut.model_validate(m, from_attributes=True), 200)


@router.post(
    "/projects",
    status_code=201,
    response_model=ProjectOut,
    tags=["projects"],
    summary="Apply for project registration (proponent organisation)",
    responses={
        **AUTH,
        **problem_responses(
            types={
                404: "methodology-not-found",
                409: "methodology-withdrawn",
                422: "invalid-period, validation-error",
            }
        ),
    },
)
async def apply_project(body: ProjectIn, uow: UoW, principal: Writer, request: Request) -> JSONResponse:
    ctx = ctx_of(uow, principal, request)
    p = await svc.apply_project(ctx, body)
    return await uow.respond(await svc.project_view(ctx, p), 201)


@router.get(
    "/projects",
    response_model=Page[ProjectOut],
    tags=["projects"],
    summary="Projects of the caller's organisation (administrators: all)",
    responses={**AUTH, **problem_responses(422)},
)
async def list_projects(
    uow: UoW,
    principal: Reader,
    paging: Paging,
    request: Request,
    status: str | None = Query(default=None, max_length=20),
) -> Page[ProjectOut]:
    ctx = ctx_of(uow, principal, request)
    page = await repo.projects_page(uow.session, paging, org=None if ctx.is_admin else ctx.org, status=status)
    return Page[ProjectOut](items=await svc.project_views(ctx, page.items), next_cursor=page.next_cursor)


@router.get(
    "/projects/{project_id}",
    response_model=ProjectOut,
    tags=["projects"],
    summary="One project with its transitions",
    responses={**AUTH, **problem_responses(422, types={404: "project-not-found"})},
)
async def get_project(project_id: str, uow: UoW, principal: Reader, request: Request) -> ProjectOut:
    ctx = ctx_of(uow, principal, request)
    return await svc.project_view(ctx, await svc.project_for(ctx, project_id))


@router.post(
    "/projects/{project_id}/transitions",
    response_model=ProjectOut,
    tags=["projects"],
    summary="Validate, register, suspend, terminate or reject a project (administrators)",
    description="Recorded with who and when. `effective_date` backdates the transition (historical "
    "seeding of the white paper's figures); events carry the real time.",
    responses={
        **AUTH,
        **problem_responses(
            types={404: "project-not-found", 409: "invalid-transition", 422: "reason-required"}
        ),
    },
)
async def transition(
    project_id: str, body: TransitionIn, uow: UoW, principal: Admin, request: Request
) -> JSONResponse:
    ctx = ctx_of(uow, principal, request)
    p = await svc.transition_project(ctx, project_id, body)
    return await uow.respond(await svc.project_view(ctx, p), 200)


@router.post(
    "/projects/{project_id}/certifications",
    status_code=201,
    response_model=CertificationOut,
    tags=["certifications"],
    summary="Record a verified monitoring report and its certified quantity",
    responses={
        **AUTH,
        **problem_responses(
            types={
                404: "project-not-found",
                409: "project-not-registered, certification-period-overlap",
                422: "invalid-quantity, invalid-period",
            }
        ),
    },
)
async def certify(
    project_id: str, body: CertificationIn, uow: UoW, principal: Admin, request: Request
) -> JSONResponse:
    c = await svc.certify(ctx_of(uow, principal, request), project_id, body)
    return await uow.respond(CertificationOut.model_validate(c, from_attributes=True), 201)


@router.get(
    "/projects/{project_id}/certifications",
    response_model=list[CertificationOut],
    tags=["certifications"],
    summary="Certifications of a project",
    responses={**AUTH, **problem_responses(422, types={404: "project-not-found"})},
)
async def certifications(
    project_id: str, uow: UoW, principal: Reader, request: Request
) -> list[CertificationOut]:
    rows = await svc.certifications(ctx_of(uow, principal, request), project_id)
    return [CertificationOut.model_validate(c, from_attributes=True) for c in rows]
