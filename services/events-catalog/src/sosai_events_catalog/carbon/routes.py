"""HTTP API of a session's carbon card and its recorded footprint."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from sosai_events_catalog.carbon import service
from sosai_events_catalog.carbon.calculator import estimate_cache
from sosai_events_catalog.carbon.schemas import CarbonCardOut, RecordedFootprint
from sosai_events_catalog.certificates import service as certificates
from sosai_events_catalog.deps import Organiser, RuntimeDep, settings_of
from sosai_shared.auth import public
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1", tags=["carbon"])


@router.get(
    "/sessions/{session_id}/carbon-card",
    dependencies=[public],
    response_model=CarbonCardOut,
    summary="Footprint estimate and actual, credits retired, certificate, offset status",
    responses=problem_responses(404),
)
async def carbon_card(session_id: str, runtime: RuntimeDep) -> CarbonCardOut:
    # reads only: on SQLite the read sessions never queue for the write lock the consumer needs
    cache = estimate_cache(runtime, settings_of(runtime))
    card = await service.carbon_card(cache, runtime.db.read_sessionmaker, session_id)
    async with runtime.db.read_sessionmaker() as db:  # the shown certificate's expiry, as of today
        return await certificates.with_certificate(db, card)


@router.post(
    "/sessions/{session_id}/footprint",
    status_code=201,
    response_model=RecordedFootprint,
    summary="Record the session's footprint from the calculator (actual once attendance is recorded)",
    responses={**AUTH, **problem_responses(404, 422, 503, types={503: "calculator-unavailable"})},
)
async def record_footprint(session_id: str, uow: UoW, _: Organiser, runtime: RuntimeDep) -> JSONResponse:
    recorded = await service.record_footprint(
        uow.session, settings_of(runtime), runtime.db.sessionmaker, session_id, runtime.source
    )
    return await uow.respond(recorded, 201)
