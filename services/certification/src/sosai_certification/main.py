"""Composition root of the certification service: ``uvicorn sosai_certification.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from sosai_certification import models
from sosai_certification.config import Settings
from sosai_certification.routes import router
from sosai_shared.app import create_service_app
from sosai_shared.contracts import TOPICS


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings,
        title="Sōsai certification",
        description="certification service of the Sōsai carbon-offset programme.",
        package="sosai_certification",
        metadata=models.Base.metadata,
        routers=[router],
        publishes=[TOPICS["certification"]],
    )
