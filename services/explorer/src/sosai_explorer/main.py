"""Composition root of the explorer: ``uvicorn sosai_explorer.main:create_app --factory``.

It publishes nothing and asks no other service anything: one consumer folds every topic
into the read model, and every page is rendered from that model alone.
"""

from __future__ import annotations

from fastapi import FastAPI

from sosai_explorer import models
from sosai_explorer.config import Settings
from sosai_explorer.handlers import HANDLERS
from sosai_explorer.routes import routers
from sosai_explorer.web import install_html_errors
from sosai_shared.app import Runtime, create_service_app
from sosai_shared.events.consumer import EventConsumer


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    def consumers(rt: Runtime) -> list[EventConsumer]:
        return [EventConsumer(rt.settings, rt.db, "readmodel", HANDLERS, group_id=settings.consumer_group)]

    app = create_service_app(
        settings,
        title="Sōsai explorer",
        description=(
            "The public, read-only site of the programme (Japanese and English): projects, serials, "
            "retirements, certified offsets, live carbon labels, verification, outreach and open data."
        ),
        package="sosai_explorer",
        metadata=models.Base.metadata,
        routers=routers,
        publishes=[],
        consumers=consumers,
    )
    install_html_errors(app)
    return app
