"""Composition root of the registry service: ``uvicorn sosai_registry.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from sosai_registry import models
from sosai_registry.config import Settings
from sosai_registry.routes import router
from sosai_shared.app import create_service_app
from sosai_shared.contracts import TOPICS


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings,
        title="Sōsai registry",
        description="registry service of the Sōsai carbon-offset programme.",
        package="sosai_registry",
        metadata=models.Base.metadata,
        routers=[router],
        publishes=[TOPICS["registry"]],
    )
