"""HTTP API of the Anshin provider register under /v1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from fastapi.types import DecoratedCallable

from sosai_certification.deps import Admin, AnyCaller, Applicant, Reviewer, ReviewerOrAdmin
from sosai_certification.models import Provider
from sosai_certification.providers import repository as repo
from sosai_certification.providers import service
from sosai_certification.providers.schemas import (
    AdminProviderIn,
    ProviderIn,
    ProviderOut,
    ProviderReasonIn,
    PublicProviderOut,
)
from sosai_shared.auth import public
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1", tags=["providers"])
Status = Literal["applied", "registered", "rejected", "suspended"]
MOVE = problem_responses(
    401, 403, 404, 409, 422, types={404: "provider-not-found", 409: "illegal-transition"}
)


def _out(p: Provider) -> ProviderOut:
    return ProviderOut.model_validate(p, from_attributes=True)


@router.post(
    "/providers",
    status_code=201,
    response_model=ProviderOut,
    summary="Apply to be registered as an Anshin provider (the caller's organisation)",
    responses={**AUTH, **problem_responses(409, 422, types={409: "provider-exists"})},
)
async def apply_provider(body: ProviderIn, uow: UoW, principal: Applicant) -> JSONResponse:
    return await uow.respond(_out(await service.apply(uow.session, principal, body)), 201)


@router.post(
    "/admin/providers",
    status_code=201,
    response_model=ProviderOut,
    summary="Register a provider directly (programme staff; publishes ProviderRegisteredV1)",
    responses={**AUTH, **problem_responses(409, 422, types={409: "provider-exists"})},
)
async def register_provider_directly(body: AdminProviderIn, uow: UoW, principal: Admin) -> JSONResponse:
    return await uow.respond(_out(await service.register_directly(uow.session, principal, body)), 201)


@router.get(
    "/providers/{provider_id}",
    summary="A provider record (own organisation, or staff)",
    responses={**AUTH, **problem_responses(404, types={404: "provider-not-found"})},
)
async def get_provider(provider_id: str, uow: UoW, principal: AnyCaller) -> ProviderOut:
    return _out(await service.provider_for(uow.session, principal, provider_id))


@router.get("/review/providers", summary="Provider records for review", responses=AUTH)
async def provider_queue(
    uow: UoW,
    principal: ReviewerOrAdmin,
    paging: Paging,
    status: Annotated[list[Status] | None, Query()] = None,
) -> Page[ProviderOut]:
    return (await repo.page(uow.session, paging, statuses=status or ["applied"])).map(_out)


def _move_route(path: str, summary: str) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """A review decision: ``POST /providers/{id}/<path>``, answered with the provider."""
    return router.post(
        f"/providers/{{provider_id}}/{path}", response_model=ProviderOut, summary=summary, responses=MOVE
    )


@_move_route("register", "Register (applied → registered)")
async def register_provider(provider_id: str, uow: UoW, principal: Reviewer) -> JSONResponse:
    p = await service.move(uow.session, principal, provider_id, "register", None)
    return await uow.respond(_out(p), 200)


@_move_route("reject", "Reject an application (applied → rejected)")
async def reject_provider(
    provider_id: str, body: ProviderReasonIn, uow: UoW, principal: Reviewer
) -> JSONResponse:
    p = await service.move(uow.session, principal, provider_id, "reject", body.reason)
    return await uow.respond(_out(p), 200)


@_move_route("suspend", "Suspend (registered → suspended)")
async def suspend_provider(
    provider_id: str, body: ProviderReasonIn, uow: UoW, principal: Reviewer
) -> JSONResponse:
    p = await service.move(uow.session, principal, provider_id, "suspend", body.reason)
    return await uow.respond(_out(p), 200)


@_move_route("reinstate", "Reinstate (suspended → registered)")
async def reinstate_provider(
    provider_id: str, body: ProviderReasonIn, uow: UoW, principal: Reviewer
) -> JSONResponse:
    p = await service.move(uow.session, principal, provider_id, "reinstate", body.reason)
    return await uow.respond(_out(p), 200)


@router.get(
    "/public/providers",
    dependencies=[public],
    tags=["public"],
    summary="Registered Anshin providers and their disclosures (public)",
)
async def public_providers(uow: UoW, paging: Paging) -> Page[PublicProviderOut]:
    page = await repo.page(uow.session, paging, statuses=["registered"])
    return page.map(lambda p: PublicProviderOut.model_validate(p, from_attributes=True))
