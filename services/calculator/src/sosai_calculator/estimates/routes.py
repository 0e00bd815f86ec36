"""HTTP API of stateless estimates (nothing is stored)."""

from __future__ import annotations

from fastapi import APIRouter

from sosai_calculator.deps import Estimator
from sosai_calculator.estimates import service
from sosai_calculator.estimates.schemas import (
    MAX_BATCH,
    BatchIn,
    BatchOut,
    EstimateIn,
    EstimateOut,
    EventEstimateIn,
    EventEstimateOut,
)
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1", tags=["estimates"])


@router.post(
    "/estimates",
    response_model=EstimateOut,
    summary="Estimate one activity (t-CO2, the exact factor, the rule that chose it)",
    responses={**AUTH, **problem_responses(422)},
)
async def estimate_one(body: EstimateIn, uow: UoW, _: Estimator) -> EstimateOut:
    return await service.estimate(uow.session, body)


@router.post(
    "/estimates/batch",
    response_model=BatchOut,
    summary=f"Estimate up to {MAX_BATCH} activities: one result per item, in order, with per-item errors",
    responses={**AUTH, **problem_responses(422)},
)
async def estimate_batch(body: BatchIn, uow: UoW, _: Estimator) -> BatchOut:
    return await service.estimate_batch(uow.session, body)


@router.post(
    "/estimates/event",
    response_model=EventEstimateOut,
    summary="Estimate an event: attendees' travel, venue electricity, accommodation, meals",
    description="Distances are one-way; a return trip is counted unless `round_trip` is false. "
    "Accommodation and meal factors are illustrative (see the factor's source). A fiscal year that no "
    "factor set covers yet uses the latest published set (`factor_rule: latest-available`).",
    responses={**AUTH, **problem_responses(422)},
)
async def estimate_event(body: EventEstimateIn, uow: UoW, _: Estimator) -> EventEstimateOut:
    return await service.estimate_event(uow.session, body.fiscal_year, body.regime, body)
