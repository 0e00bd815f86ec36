"""Composition root of the certification service: ``uvicorn sosai_certification.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from sosai_certification import models
from sosai_certification.config import Settings
from sosai_certification.handlers import HANDLERS
from sosai_certification.reconciliation import CONSUMER, RECONCILER
from sosai_certification.routes import routers
from sosai_shared.app import Runtime, create_service_app
from sosai_shared.contracts import TOPICS
from sosai_shared.events.consumer import EventConsumer


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    def consumers(rt: Runtime) -> list[EventConsumer]:
        return [EventConsumer(rt.settings, rt.db, CONSUMER, HANDLERS, group_id=settings.consumer_group)]

    return create_service_app(
        settings,
        title="Sōsai certification",
        description=(
            "Carbon Offset Certification (4CJ): offset-initiative applications with automatic checks, "
            "review and certificates; Anshin providers; reported offset cases; statistics."
        ),
        package="sosai_certification",
        metadata=models.Base.metadata,
        routers=routers,
        publishes=[TOPICS["certification"]],
        consumers=consumers,
        reconciler=RECONCILER,
    )
