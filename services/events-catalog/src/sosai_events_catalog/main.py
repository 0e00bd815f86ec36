"""Composition root of the events-catalog service: ``uvicorn sosai_events_catalog.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from sosai_events_catalog import handlers, models
from sosai_events_catalog.carbon.routes import router as carbon
from sosai_events_catalog.config import Settings
from sosai_events_catalog.programmes.routes import router as programmes
from sosai_events_catalog.reconciliation import CONSUMER, RECONCILER
from sosai_events_catalog.registrations.routes import router as registrations
from sosai_events_catalog.sessions.routes import router as sessions
from sosai_shared.app import Runtime, create_service_app
from sosai_shared.contracts import TOPICS, CertificateRevokedV1, CreditsRetiredV1, OffsetCertifiedV1
from sosai_shared.events.consumer import EventConsumer


def _consumers(rt: Runtime) -> list[EventConsumer]:
    return [
        EventConsumer(
            rt.settings,
            rt.db,
            CONSUMER,
            {
                CreditsRetiredV1: handlers.on_credits_retired,
                OffsetCertifiedV1: handlers.on_offset_certified,
                CertificateRevokedV1: handlers.on_certificate_revoked,
            },
        ),
    ]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings,
        title="Sōsai events-catalog",
        description=(
            "Outreach programmes (Carbon Offset Leader training, J-VER briefings, the Carbon Offset EXPO), "
            "their sessions, registrations with waiting lists, iCalendar feeds, per-session carbon cards "
            "and statistics per fiscal year."
        ),
        package="sosai_events_catalog",
        metadata=models.Base.metadata,
        routers=[programmes, sessions, registrations, carbon],
        publishes=[TOPICS["catalog"]],
        consumers=_consumers,
        reconciler=RECONCILER,
    )
