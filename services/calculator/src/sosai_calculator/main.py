"""Composition root of the calculator service: ``uvicorn sosai_calculator.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from sosai_calculator import models
from sosai_calculator.config import Settings
from sosai_calculator.routes import router
from sosai_shared.app import create_service_app
from sosai_shared.contracts import TOPICS


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings,
        title="Sōsai calculator",
        description="calculator service of the Sōsai carbon-offset programme.",
        package="sosai_calculator",
        metadata=models.Base.metadata,
        routers=[router],
        publishes=[TOPICS["calculator"]],
    )
