"""HTTP API of the Anshin provider register under /v1."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from sosai_certification.deps import Admin, AnyCaller, Applicant, EventSource, Reviewer, ReviewerOrAdmin
from sosai_certification.providers import repository as repo
from sosai_certification.providers import service
from sosai_certification.providers.schemas import (
    AdminProviderIn,
    ProviderIn,
    ProviderOut,
    ProviderReasonIn,
    PublicProviderOut,
)
from sosai_certification.schemas import errors
from sosai_shared.auth import public
from sosai_shared.pagination import Page, PageParams, build_page, page_params
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1", tags=["providers"])
Paging = Annotated[PageParams, Depends(page_params)]
Status = Literal["applied", "registered", "rejected", "suspended"]
AUTH = errors(401, 403)


def _out(p: object) -> ProviderOut:
    return ProviderOut.model_validate(p, from_attributes=True)


@router.post(
    "/providers",
    status_code=201,
    response_model=ProviderOut,
    summary="Apply to be registered as an Anshin provider (the caller's organisation)",
    responses={**AUTH, **errors(409, 422)},
)
async def apply_provider(body: ProviderIn, uow: UoW, principal: Applicant) -> JSONResponse:
    return await uow.respond(_out(await service.apply(uow.session, principal, body)), 201)


@router.post(
    "/admin/providers",
    status_code=201,
    response_model=ProviderOut,
    summary="Register a provider directly (programme staff; publishes ProviderRegisteredV1)",
    responses={**AUTH, **errors(409, 422)},
)
async def register_provider_directly(
    body: AdminProviderIn, uow: UoW, principal: Admin, source: EventSource
) -> JSONResponse:
    return await uow.respond(_out(await service.register_directly(uow.session, principal, body, source)), 201)


@router.get(
    "/providers/{provider_id}",
    summary="A provider record (own organisation, or staff)",
    responses={**AUTH, **errors(404)},
)
async def get_provider(provider_id: str, uow: UoW, principal: AnyCaller) -> ProviderOut:
    return _out(await service.visible(uow.session, principal, provider_id))


@router.get("/review/providers", summary="Provider records for review", responses=AUTH)
async def provider_queue(
    uow: UoW,
    principal: ReviewerOrAdmin,
    paging: Paging,
    status: Annotated[list[Status] | None, Query()] = None,
) -> Page[ProviderOut]:
    rows = await repo.page(
        uow.session, limit=paging.limit, cursor=paging.cursor, statuses=status or ["applied"]
    )
    return build_page([_out(p) for p in rows], paging.limit, lambda p: [p.name, p.id])


def _move_doc(summary: str) -> dict[str, object]:
    return {"response_model": ProviderOut, "summary": summary, "responses": {**AUTH, **errors(404, 409, 422)}}


@router.post("/providers/{provider_id}/register", **_move_doc("Register (applied → registered)"))  # type: ignore[arg-type]
async def register_provider(
    provider_id: str, uow: UoW, principal: Reviewer, source: EventSource
) -> JSONResponse:
    p = await service.move(uow.session, principal, provider_id, "register", None, source)
    return await uow.respond(_out(p), 200)


@router.post("/providers/{provider_id}/reject", **_move_doc("Reject an application (applied → rejected)"))  # type: ignore[arg-type]
async def reject_provider(
    provider_id: str, body: ProviderReasonIn, uow: UoW, principal: Reviewer, source: EventSource
) -> JSONResponse:
    p = await service.move(uow.session, principal, provider_id, "reject", body.reason, source)
    return await uow.respond(_out(p), 200)


@router.post("/providers/{provider_id}/suspend", **_move_doc("Suspend (registered → suspended)"))  # type: ignore[arg-type]
async def suspend_provider(
    provider_id: str, body: ProviderReasonIn, uow: UoW, principal: Reviewer, source: EventSource
) -> JSONResponse:
    p = await service.move(uow.session, principal, provider_id, "suspend", body.reason, source)
    return await uow.respond(_out(p), 200)


@router.post("/providers/{provider_id}/reinstate", **_move_doc("Reinstate (suspended → registered)"))  # type: ignore[arg-type]
async def reinstate_provider(
    provider_id: str, body: ProviderReasonIn, uow: UoW, principal: Reviewer, source: EventSource
) -> JSONResponse:
    p = await service.move(uow.session, principal, provider_id, "reinstate", body.reason, source)
    return await uow.respond(_out(p), 200)


@router.get(
    "/public/providers",
    dependencies=[public],
    tags=["public"],
    summary="Registered Anshin providers and their disclosures (public)",
)
async def public_providers(uow: UoW, paging: Paging) -> Page[PublicProviderOut]:
    rows = await repo.page(uow.session, limit=paging.limit, cursor=paging.cursor, statuses=["registered"])
    items = [PublicProviderOut.model_validate(p, from_attributes=True) for p in rows]
    return build_page(items, paging.limit, lambda p: [p.name, p.id])
