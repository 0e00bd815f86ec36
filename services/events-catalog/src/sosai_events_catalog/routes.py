"""HTTP API of the events-catalog service under /v1.

Public: programmes, sessions (search, detail), calendars, carbon cards, statistics.
``catalog:organise``: programmes, sessions, attendee lists, attendance, cancellations.
``catalog:register``: registering oneself; a registrant sees only its organisation's registrations.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import AwareDatetime

from sosai_events_catalog import repository as repo
from sosai_events_catalog import service
from sosai_events_catalog.calculator import CalculatorRefused, CalculatorUnavailable, estimate_event
from sosai_events_catalog.certificates import service as certificates
from sosai_events_catalog.deps import ORGANISE, Organiser, Registrant, RuntimeDep, settings_of
from sosai_events_catalog.ical import calendar_of
from sosai_events_catalog.models import EventSession
from sosai_events_catalog.schemas import (
    CarbonCardOut,
    FootprintView,
    ProgrammeIn,
    ProgrammeOut,
    ProgrammePatch,
    RecordedFootprint,
    RegistrationIn,
    RegistrationOut,
    RegistrationState,
    SessionCancelIn,
    SessionIn,
    SessionOut,
    SessionPatch,
    StatisticsOut,
)
from sosai_shared.auth import public
from sosai_shared.errors import DomainError
from sosai_shared.pagination import Page, PageParams, build_page, page_params
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1")
Paging = Annotated[PageParams, Depends(page_params)]
ICS = "text/calendar; charset=utf-8"

_DESCRIPTIONS = {
    401: "missing or invalid bearer token",
    403: "the token lacks the required scope",
    404: "no such object (or not yours)",
    409: "the state of the object forbids this",
    422: "invalid request, cursor or Idempotency-Key",
    503: "the calculator is unavailable",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"description": _DESCRIPTIONS[c], "content": {"application/problem+json": {}}} for c in codes}


def _cursor(values: list[Any] | None, n: int) -> list[Any] | None:
    if values is not None and len(values) != n:
        raise DomainError(
            "The cursor is not valid; use next_cursor from a previous page.",
            type="invalid-cursor",
            status=422,
        )
    return values


async def _sessions_out(uow_session: Any, sessions: list[EventSession]) -> list[SessionOut]:
    progs = await repo.programmes_by_id(uow_session, {s.programme_id for s in sessions})
    return [service.session_out(s, progs[s.programme_id].code) for s in sessions]


# ---- programmes ----


@router.get(
    "/programmes",
    dependencies=[public],
    response_model=Page[ProgrammeOut],
    tags=["programmes"],
    summary="List programmes",
    responses=errors(422),
)
async def list_programmes(uow: UoW, paging: Paging) -> Page[ProgrammeOut]:
    cur = _cursor(paging.cursor, 1)
    rows = await repo.list_programmes(uow.session, paging.limit, cur[0] if cur else None)
    page = build_page(rows, paging.limit, key=lambda p: [p.code])
    return Page[ProgrammeOut](
        items=[ProgrammeOut.model_validate(p, from_attributes=True) for p in page.items],
        next_cursor=page.next_cursor,
    )


@router.post(
    "/programmes",
    status_code=201,
    response_model=ProgrammeOut,
    tags=["programmes"],
    summary="Add a programme",
    responses=errors(401, 403, 409, 422),
)
async def create_programme(body: ProgrammeIn, uow: UoW, _: Organiser) -> Response:
    p = await service.create_programme(uow.session, body)
    return await uow.respond(ProgrammeOut.model_validate(p, from_attributes=True), 201)


@router.get(
    "/programmes/{code}",
    dependencies=[public],
    response_model=ProgrammeOut,
    tags=["programmes"],
    summary="One programme",
    responses=errors(404),
)
async def get_programme(code: str, uow: UoW) -> ProgrammeOut:
    return ProgrammeOut.model_validate(
        await service.programme_or_404(uow.session, code), from_attributes=True
    )


@router.patch(
    "/programmes/{code}",
    response_model=ProgrammeOut,
    tags=["programmes"],
    summary="Change a programme's names, descriptions or audience",
    responses=errors(401, 403, 404, 422),
)
async def update_programme(code: str, body: ProgrammePatch, uow: UoW, _: Organiser) -> ProgrammeOut:
    return ProgrammeOut.model_validate(
        await service.update_programme(uow.session, code, body), from_attributes=True
    )


@router.get(
    "/programmes/{code}/calendar.ics",
    dependencies=[public],
    tags=["calendar"],
    summary="iCalendar feed of a programme's sessions",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "RFC 5545 calendar"}, **errors(404)},
)
async def programme_calendar(code: str, uow: UoW) -> Response:
    p = await service.programme_or_404(uow.session, code)
    sessions = await repo.sessions_of_programme(uow.session, p.id)
    return Response(calendar_of(sessions, p, f"{p.name_ja} / {p.name_en}"), media_type=ICS)


# ---- sessions ----


@router.get(
    "/sessions",
    dependencies=[public],
    response_model=Page[SessionOut],
    tags=["sessions"],
    summary="Search sessions (by start time)",
    responses=errors(404, 422),
)
async def search_sessions(
    uow: UoW,
    paging: Paging,
    programme: Annotated[str | None, Query(description="programme code")] = None,
    prefecture: Annotated[str | None, Query(max_length=20)] = None,
    starts_from: Annotated[
        AwareDatetime | None, Query(alias="from", description="starts at or after")
    ] = None,
    starts_to: Annotated[AwareDatetime | None, Query(alias="to", description="starts before")] = None,
    fiscal_year: Annotated[int | None, Query(ge=1990, le=2200, description="April to March")] = None,
) -> Page[SessionOut]:
    programme_id = (await service.programme_or_404(uow.session, programme)).id if programme else None
    cur = _cursor(paging.cursor, 2)
    after = None
    if cur:
        try:
            after = (datetime.fromisoformat(cur[0]), str(cur[1]))
        except (TypeError, ValueError) as exc:
            raise DomainError("The cursor is not valid.", type="invalid-cursor", status=422) from exc
    rows = await repo.search_sessions(
        uow.session,
        limit=paging.limit,
        after=after,
        programme_id=programme_id,
        prefecture=prefecture,
        starts_from=starts_from,
        starts_to=starts_to,
        fiscal_year=fiscal_year,
    )
    page = build_page(rows, paging.limit, key=lambda s: [s.starts_at.isoformat(), s.id])
    return Page[SessionOut](items=await _sessions_out(uow.session, page.items), next_cursor=page.next_cursor)


@router.post(
    "/sessions",
    status_code=201,
    response_model=SessionOut,
    tags=["sessions"],
    summary="Schedule a session (past dates allowed, to record history)",
    responses=errors(401, 403, 404, 422),
)
async def create_session(body: SessionIn, uow: UoW, principal: Organiser, runtime: RuntimeDep) -> Response:
    s = await service.create_session(uow.session, body, principal, runtime.source)
    return await uow.respond(service.session_out(s, body.programme_code), 201)


@router.get(
    "/sessions/{session_id}",
    dependencies=[public],
    response_model=SessionOut,
    tags=["sessions"],
    summary="One session",
    responses=errors(404),
)
async def get_session(session_id: str, uow: UoW) -> SessionOut:
    s = await service.session_or_404(uow.session, session_id)
    return (await _sessions_out(uow.session, [s]))[0]


@router.patch(
    "/sessions/{session_id}",
    response_model=SessionOut,
    tags=["sessions"],
    summary="Change a session (bumps the calendar SEQUENCE; more capacity promotes the waiting list)",
    responses=errors(401, 403, 404, 409, 422),
)
async def update_session(session_id: str, body: SessionPatch, uow: UoW, _: Organiser) -> SessionOut:
    s = await service.update_session(uow.session, session_id, body)
    return (await _sessions_out(uow.session, [s]))[0]


@router.post(
    "/sessions/{session_id}/cancel",
    response_model=SessionOut,
    tags=["sessions"],
    summary="Cancel a session",
    responses=errors(401, 403, 404, 409, 422),
)
async def cancel_session(
    session_id: str, body: SessionCancelIn, uow: UoW, _: Organiser, runtime: RuntimeDep
) -> Response:
    s = await service.cancel_session(uow.session, session_id, body, runtime.source)
    return await uow.respond((await _sessions_out(uow.session, [s]))[0], 200)


@router.get(
    "/sessions/{session_id}/calendar.ics",
    dependencies=[public],
    tags=["calendar"],
    summary="iCalendar file of one session",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "RFC 5545 calendar"}, **errors(404)},
)
async def session_calendar(session_id: str, uow: UoW) -> Response:
    s = await service.session_or_404(uow.session, session_id)
    p = (await repo.programmes_by_id(uow.session, {s.programme_id}))[s.programme_id]
    return Response(calendar_of([s], p, s.title_ja), media_type=ICS)


# ---- registrations ----


@router.post(
    "/sessions/{session_id}/registrations",
    status_code=201,
    response_model=RegistrationOut,
    tags=["registrations"],
    summary="Register for a session (confirmed, or waitlisted when full)",
    responses=errors(401, 403, 404, 409, 422),
)
async def register(session_id: str, body: RegistrationIn, uow: UoW, principal: Registrant) -> Response:
    reg = await service.register(uow.session, session_id, body, principal, organiser=principal.has(ORGANISE))
    return await uow.respond(service.registration_out(reg), 201)


@router.get(
    "/sessions/{session_id}/registrations",
    response_model=Page[RegistrationOut],
    tags=["registrations"],
    summary="Attendee list of a session (organisers)",
    responses=errors(401, 403, 404, 422),
)
async def attendee_list(
    session_id: str, uow: UoW, paging: Paging, _: Organiser, state: RegistrationState | None = None
) -> Page[RegistrationOut]:
    await service.session_or_404(uow.session, session_id)
    cur = _cursor(paging.cursor, 2)
    rows = await repo.registrations_of_session(
        uow.session,
        session_id,
        limit=paging.limit,
        after=(str(cur[0]), str(cur[1])) if cur else None,
        state=state,
    )
    page = build_page(rows, paging.limit, key=lambda r: [r.created_at.isoformat(), r.id])
    return Page[RegistrationOut](
        items=[service.registration_out(r) for r in page.items], next_cursor=page.next_cursor
    )


@router.get(
    "/registrations",
    response_model=Page[RegistrationOut],
    tags=["registrations"],
    summary="My organisation's registrations",
    responses=errors(401, 403, 422),
)
async def my_registrations(uow: UoW, paging: Paging, principal: Registrant) -> Page[RegistrationOut]:
    cur = _cursor(paging.cursor, 2)
    rows = await repo.registrations_of_org(
        uow.session, principal.org, limit=paging.limit, after=(str(cur[0]), str(cur[1])) if cur else None
    )
    page = build_page(rows, paging.limit, key=lambda r: [r.created_at.isoformat(), r.id])
    return Page[RegistrationOut](
        items=[service.registration_out(r) for r in page.items], next_cursor=page.next_cursor
    )


@router.get(
    "/registrations/{registration_id}",
    response_model=RegistrationOut,
    tags=["registrations"],
    summary="One registration (yours, or any for organisers)",
    responses=errors(401, 403, 404),
)
async def get_registration(registration_id: str, uow: UoW, principal: Registrant) -> RegistrationOut:
    reg = await service.registration_for(
        uow.session, registration_id, principal, organiser=principal.has(ORGANISE)
    )
    return service.registration_out(reg)


@router.post(
    "/registrations/{registration_id}/cancel",
    response_model=RegistrationOut,
    tags=["registrations"],
    summary="Cancel a registration (frees one place, promoted from the waiting list at once)",
    responses=errors(401, 403, 404, 409, 422),
)
async def cancel_registration(registration_id: str, uow: UoW, principal: Registrant) -> Response:
    reg = await service.cancel_registration(
        uow.session, registration_id, principal, organiser=principal.has(ORGANISE)
    )
    return await uow.respond(service.registration_out(reg), 200)


@router.post(
    "/registrations/{registration_id}/attendance",
    response_model=RegistrationOut,
    tags=["registrations"],
    summary="Mark a confirmed registrant as attended (organisers)",
    responses=errors(401, 403, 404, 409, 422),
)
async def mark_attended(registration_id: str, uow: UoW, principal: Organiser) -> Response:
    reg = await service.mark_attended(uow.session, registration_id, principal)
    return await uow.respond(service.registration_out(reg), 200)


# ---- carbon ----


async def _footprint(runtime: Any, s: EventSession, regs: list[Any]) -> FootprintView:
    body, counted, missing = service.estimate_request(s, regs)
    try:
        total = await estimate_event(settings_of(runtime), body)
    except CalculatorUnavailable as exc:
        return FootprintView(
            status="refused" if isinstance(exc, CalculatorRefused) else "unavailable",
            reason=exc.reason,
            attendees_counted=counted,
            attendees_without_travel_data=missing,
        )
    return FootprintView(
        status="ok",
        total_t_co2=str(total),
        credits_needed=service.credits_for(total),
        attendees_counted=counted,
        attendees_without_travel_data=missing,
    )


async def _snapshot(runtime: Any, session_id: str) -> tuple[EventSession, list[Any], list[Any], Any]:
    # a short read of its own: the calculator call that follows must not hold a transaction open
    async with runtime.db.sessionmaker() as db:
        s = await service.session_or_404(db, session_id)
        expected = await repo.travel_of(db, session_id, ("confirmed", "attended"))
        attended = [r for r in expected if r.state == "attended"]
        rec = await repo.carbon_record(db, session_id)
        return s, expected, attended, rec


@router.get(
    "/sessions/{session_id}/carbon-card",
    dependencies=[public],
    response_model=CarbonCardOut,
    tags=["carbon"],
    summary="Footprint estimate and actual, credits retired, certificate, offset status",
    responses=errors(404),
)
async def carbon_card(session_id: str, runtime: RuntimeDep) -> CarbonCardOut:
    s, expected, attended, rec = await _snapshot(runtime, session_id)
    if attended:
        estimate, actual = await asyncio.gather(
            _footprint(runtime, s, expected), _footprint(runtime, s, attended)
        )
    else:
        estimate = await _footprint(runtime, s, expected)
        actual = FootprintView(status="pending", reason="no attendance recorded yet")
    card = service.carbon_card(session_id, rec, estimate, actual)
    async with runtime.db.sessionmaker() as db:  # trust hook: the shown certificate's expiry, as of today
        return await certificates.with_certificate(db, card)


@router.post(
    "/sessions/{session_id}/footprint",
    status_code=201,
    response_model=RecordedFootprint,
    tags=["carbon"],
    summary="Record the session's footprint from the calculator (actual once attendance is recorded)",
    responses=errors(401, 403, 404, 422, 503),
)
async def record_footprint(session_id: str, uow: UoW, _: Organiser, runtime: RuntimeDep) -> Response:
    s, expected, attended, _rec = await _snapshot(runtime, session_id)
    basis, regs = ("actual", attended) if attended else ("estimate", expected)
    view = await _footprint(runtime, s, regs)
    if view.status == "refused":
        raise DomainError(
            f"The session's data cannot be estimated: {view.reason}.",
            type="estimate-refused",
            title="Estimate refused",
            status=422,
        )
    if view.status != "ok" or view.total_t_co2 is None:
        raise DomainError(
            f"The footprint cannot be computed now: {view.reason}.",
            type="calculator-unavailable",
            title="Calculator unavailable",
            status=503,
        )
    rec = await service.record_footprint(
        uow.session, session_id, Decimal(view.total_t_co2), basis, runtime.source
    )
    assert rec.footprint_t_co2 is not None and rec.footprint_recorded_at is not None
    return await uow.respond(
        RecordedFootprint(
            t_co2=str(rec.footprint_t_co2),
            basis=basis,  # type: ignore[arg-type]
            credits_needed=service.credits_for(rec.footprint_t_co2),
            recorded_at=rec.footprint_recorded_at,
        ),
        201,
    )


# ---- statistics ----


@router.get(
    "/statistics",
    dependencies=[public],
    response_model=StatisticsOut,
    tags=["statistics"],
    summary="Sessions, places, registrations and attendance per programme",
    responses=errors(422),
)
async def statistics(
    uow: UoW, fiscal_year: Annotated[int | None, Query(ge=1990, le=2200)] = None
) -> StatisticsOut:
    return await service.statistics(uow.session, fiscal_year)
