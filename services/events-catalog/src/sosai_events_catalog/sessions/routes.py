"""HTTP API of sessions and their iCalendar feeds."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from sosai_events_catalog.deps import Organiser, RuntimeDep
from sosai_events_catalog.sessions import service
from sosai_events_catalog.sessions.ical import calendar_of
from sosai_events_catalog.sessions.schemas import SessionCancelIn, SessionIn, SessionOut, SessionPatch
from sosai_shared.auth import public
from sosai_shared.dates import IsoDateTime
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1")
ICS = "text/calendar; charset=utf-8"
CALENDAR = {
    200: {"content": {"text/calendar": {}}, "description": "RFC 5545 calendar"},
    **problem_responses(404),
}


@router.get(
    "/programmes/{code}/calendar.ics",
    dependencies=[public],
    tags=["calendar"],
    summary="iCalendar feed of a programme's sessions",
    response_class=Response,
    responses=CALENDAR,
)
async def programme_calendar(code: str, uow: UoW) -> Response:
    sessions, p = await service.calendar_of_programme(uow.session, code)
    return Response(calendar_of(sessions, p, f"{p.name_ja} / {p.name_en}"), media_type=ICS)


@router.get(
    "/sessions",
    dependencies=[public],
    response_model=Page[SessionOut],
    tags=["sessions"],
    summary="Search sessions (by start time)",
    responses=problem_responses(404, 422),
)
async def search_sessions(
    uow: UoW,
    paging: Paging,
    programme: Annotated[str | None, Query(description="programme code")] = None,
    prefecture: Annotated[str | None, Query(max_length=20)] = None,
    starts_from: Annotated[
        IsoDateTime | None, Query(alias="from", description="starts at or after (ISO 8601 with offset)")
    ] = None,
    starts_to: Annotated[
        IsoDateTime | None, Query(alias="to", description="starts before (ISO 8601 with offset)")
    ] = None,
    fiscal_year: Annotated[int | None, Query(ge=1990, le=2200, description="April to March")] = None,
) -> Page[SessionOut]:
    return await service.search(
        uow.session,
        paging,
        programme=programme,
        prefecture=prefecture,
        starts_from=starts_from,
        starts_to=starts_to,
        fiscal_year=fiscal_year,
    )


@router.post(
    "/sessions",
    status_code=201,
    response_model=SessionOut,
    tags=["sessions"],
    summary="Schedule a session (past dates allowed, to record history)",
    responses={**AUTH, **problem_responses(404, 422)},
)
async def create_session(
    body: SessionIn, uow: UoW, principal: Organiser, runtime: RuntimeDep
) -> JSONResponse:
    s = await service.create(uow.session, body, principal, runtime.source)
    return await uow.respond(await service.view(uow.session, s), 201)


@router.get(
    "/sessions/{session_id}",
    dependencies=[public],
    response_model=SessionOut,
    tags=["sessions"],
    summary="One session",
    responses=problem_responses(404),
)
async def get_session(session_id: str, uow: UoW) -> SessionOut:
    return await service.view(uow.session, await service.session_for(uow.session, session_id))


@router.patch(
    "/sessions/{session_id}",
    response_model=SessionOut,
    tags=["sessions"],
    summary="Change a session (bumps the calendar SEQUENCE; more capacity promotes the waiting list)",
    responses={**AUTH, **problem_responses(404, 409, 422)},
)
async def update_session(session_id: str, body: SessionPatch, uow: UoW, _: Organiser) -> SessionOut:
    return await service.view(uow.session, await service.update(uow.session, session_id, body))


@router.post(
    "/sessions/{session_id}/cancel",
    response_model=SessionOut,
    tags=["sessions"],
    summary="Cancel a session",
    responses={**AUTH, **problem_responses(404, 409, 422)},
)
async def cancel_session(
    session_id: str, body: SessionCancelIn, uow: UoW, _: Organiser, runtime: RuntimeDep
) -> JSONResponse:
    s = await service.cancel(uow.session, session_id, body, runtime.source)
    return await uow.respond(await service.view(uow.session, s), 200)


@router.get(
    "/sessions/{session_id}/calendar.ics",
    dependencies=[public],
    tags=["calendar"],
    summary="iCalendar file of one session",
    response_class=Response,
    responses=CALENDAR,
)
async def session_calendar(session_id: str, uow: UoW) -> Response:
    sessions, p = await service.calendar_of_session(uow.session, session_id)
    return Response(calendar_of(sessions, p, sessions[0].title_ja), media_type=ICS)
