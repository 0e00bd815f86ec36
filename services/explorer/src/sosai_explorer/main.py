"""Composition root of the explorer: ``uvicorn sosai_explorer.main:create_app --factory``.

It publishes nothing and no page asks another service anything: one consumer folds every
topic into the read model, and every page is rendered from that model alone. The one outside
call is the claim fetcher's, in the background: it copies the registry's and certification's
signed claims and keys into the explorer's own store (see ``claims/fetcher.py``).
"""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from sosai_explorer import models
from sosai_explorer.claims.fetcher import ClaimFetcher
from sosai_explorer.config import Settings
from sosai_explorer.handlers import HANDLERS
from sosai_explorer.routes import routers
from sosai_explorer.web import install_html_errors
from sosai_shared.app import Runtime, create_service_app
from sosai_shared.events.consumer import EventConsumer


def create_app(
    settings: Settings | None = None, claim_transport: httpx.AsyncBaseTransport | None = None
) -> FastAPI:
    """``claim_transport`` routes the claim fetcher's requests (tests: to in-process issuers)."""
    settings = settings or Settings()

    def consumers(rt: Runtime) -> list[EventConsumer]:
        return [EventConsumer(rt.settings, rt.db, "readmodel", HANDLERS, group_id=settings.consumer_group)]

    def start(rt: Runtime) -> None:
        fetcher = ClaimFetcher(settings, rt.db.sessionmaker, claim_transport)
        rt.extras["claim_fetcher"] = fetcher
        fetcher.start(rt.stopping)

    async def stop(rt: Runtime) -> None:
        fetcher = rt.extras.get("claim_fetcher")
        if fetcher is not None:
            await fetcher.stop()

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
        on_startup=start,
        on_shutdown=stop,
    )
    install_html_errors(app)
    return app
