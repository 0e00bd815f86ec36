"""HTTP API of the certification service under /v1: the parts' routers and the statistics."""

from __future__ import annotations

from fastapi import APIRouter

from sosai_certification import service
from sosai_certification.applications.routes import public_router as public_certificates
from sosai_certification.applications.routes import router as applications
from sosai_certification.cases.routes import router as cases
from sosai_certification.claims.routes import router as claims
from sosai_certification.providers.routes import router as providers
from sosai_certification.schemas import StatisticsOut
from sosai_shared.auth import public
from sosai_shared.signing import jwks_router
from sosai_shared.uow import UoW

statistics = APIRouter(prefix="/v1", tags=["public"])


@statistics.get(
    "/statistics",
    dependencies=[public],
    summary="Certified initiatives by type and fiscal year, providers, reported cases (public)",
)
async def get_statistics(uow: UoW) -> StatisticsOut:
    return await service.statistics(uow.session)


routers = [
    applications,
    public_certificates,
    providers,
    cases,
    statistics,
    claims,
    jwks_router,
]  # trust: claims, keys
