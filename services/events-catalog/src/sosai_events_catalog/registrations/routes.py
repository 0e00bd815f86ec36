"""HTTP API of registrations: registering, attendee lists, cancellation, attendance."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from sosai_events_catalog.deps import ORGANISE, Organiser, Registrant
from sosai_events_catalog.registrations import service
from sosai_events_catalog.registrations.schemas import RegistrationIn, RegistrationOut, RegistrationState
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1", tags=["registrations"])


@router.post(
    "/sessions/{session_id}/registrations",
    status_code=201,
    response_model=RegistrationOut,
    summary="Register for a session (confirmed, or waitlisted when full)",
    responses={**AUTH, **problem_responses(404, 409, 422)},
)
async def register(session_id: str, body: RegistrationIn, uow: UoW, principal: Registrant) -> JSONResponse:
    reg = await service.register(uow.session, session_id, body, principal, organiser=principal.has(ORGANISE))
    return await uow.respond(service.registration_out(reg), 201)


@router.get(
    "/sessions/{session_id}/registrations",
    response_model=Page[RegistrationOut],
    summary="Attendee list of a session (organisers)",
    responses={**AUTH, **problem_responses(404, 422)},
)
async def attendee_list(
    session_id: str, uow: UoW, paging: Paging, _: Organiser, state: RegistrationState | None = None
) -> Page[RegistrationOut]:
    return await service.page_of_session(uow.session, session_id, paging, state)


@router.get(
    "/registrations",
    response_model=Page[RegistrationOut],
    summary="My organisation's registrations",
    responses={**AUTH, **problem_responses(422)},
)
async def my_registrations(uow: UoW, paging: Paging, principal: Registrant) -> Page[RegistrationOut]:
    return await service.page_of_org(uow.session, principal.org, paging)


@router.get(
    "/registrations/{registration_id}",
    response_model=RegistrationOut,
    summary="One registration (yours, or any for organisers)",
    responses={**AUTH, **problem_responses(404)},
)
async def get_registration(registration_id: str, uow: UoW, principal: Registrant) -> RegistrationOut:
    reg = await service.registration_for(
        uow.session, registration_id, principal, organiser=principal.has(ORGANISE)
    )
    return service.registration_out(reg)


@router.post(
    "/registrations/{registration_id}/cancel",
    response_model=RegistrationOut,
    summary="Cancel a registration (frees one place, promoted from the waiting list at once)",
    responses={**AUTH, **problem_responses(404, 409, 422)},
)
async def cancel_registration(registration_id: str, uow: UoW, principal: Registrant) -> JSONResponse:
    reg = await service.cancel(uow.session, registration_id, principal, organiser=principal.has(ORGANISE))
    return await uow.respond(service.registration_out(reg), 200)


@router.post(
    "/registrations/{registration_id}/attendance",
    response_model=RegistrationOut,
    summary="Mark a confirmed registrant as attended (organisers)",
    responses={**AUTH, **problem_responses(404, 409, 422)},
)
async def mark_attended(registration_id: str, uow: UoW, principal: Organiser) -> JSONResponse:
    reg = await service.mark_attended(uow.session, registration_id, principal)
    return await uow.respond(service.registration_out(reg), 200)
