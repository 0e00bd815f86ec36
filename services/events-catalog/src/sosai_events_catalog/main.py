"""Composition root of the events-catalog service: ``uvicorn sosai_events_catalog.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from sosai_events_catalog import models
from sosai_events_catalog.config import Settings
from sosai_events_catalog.routes import router
from sosai_shared.app import create_service_app
from sosai_shared.contracts import TOPICS


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings,
        title="Sōsai events-catalog",
        description="events-catalog service of the Sōsai carbon-offset programme.",
        package="sosai_events_catalog",
        metadata=models.Base.metadata,
        routers=[router],
        publishes=[TOPICS["catalog"]],
    )
