"""Composition root of the calculator service: ``uvicorn sosai_calculator.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from sosai_calculator import models
from sosai_calculator.config import Settings
from sosai_calculator.estimates.routes import router as estimates
from sosai_calculator.factors.routes import router as factors
from sosai_calculator.factors.service import load_shipped_sets
from sosai_calculator.footprints.routes import router as footprints
from sosai_calculator.handlers import on_credits_retired
from sosai_calculator.reconciliation import CONSUMER, RECONCILER
from sosai_shared.app import Runtime, create_service_app
from sosai_shared.contracts import TOPICS
from sosai_shared.contracts.registry import CreditsRetiredV1
from sosai_shared.events.consumer import EventConsumer


async def _on_startup(runtime: Runtime) -> None:
    if isinstance(runtime.settings, Settings) and runtime.settings.load_shipped_factors:
        await load_shipped_sets(runtime.db.sessionmaker)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings,
        title="Sōsai calculator",
        description=(
            "Emission-factor sets, estimates and stored footprints (organisation, product, event) by the "
            "Japanese official method, offset plans, and their coverage by retired credits."
        ),
        package="sosai_calculator",
        metadata=models.Base.metadata,
        routers=[factors, estimates, footprints],
        publishes=[TOPICS["calculator"]],
        consumers=lambda rt: [
            EventConsumer(rt.settings, rt.db, CONSUMER, {CreditsRetiredV1: on_credits_retired})
        ],
        on_startup=_on_startup,
        reconciler=RECONCILER,
    )
