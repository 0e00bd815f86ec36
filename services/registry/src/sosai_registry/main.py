"""Composition root of the registry service: ``uvicorn sosai_registry.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from sosai_registry import models
from sosai_registry.accounts.routes import router as accounts
from sosai_registry.api_keys.resolver import local_resolver
from sosai_registry.api_keys.routes import router as api_keys
from sosai_registry.audit_log.routes import router as log_router
from sosai_registry.claims.routes import router as claims_router
from sosai_registry.config import Settings
from sosai_registry.handlers import on_provider_registered
from sosai_registry.projects.routes import router as projects
from sosai_registry.public.routes import router as public
from sosai_registry.transactions.routes import router as transactions
from sosai_shared.app import Runtime, create_service_app
from sosai_shared.contracts import TOPICS, ProviderRegisteredV1
from sosai_shared.events.consumer import EventConsumer
from sosai_shared.signing import jwks_router


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    def consumers(rt: Runtime) -> list[EventConsumer]:
        return [
            EventConsumer(rt.settings, rt.db, "providers", {ProviderRegisteredV1: on_provider_registered})
        ]

    app = create_service_app(
        settings,
        title="Sōsai registry",
        description="The J-VER credit registry: methodologies, projects, certification, issuance, holdings with "
        "serial numbers, transfers, retirements (無効化), cancellations (取消), the forest buffer, "
        "price indications and the public ledger.",
        package="sosai_registry",
        metadata=models.Base.metadata,
        routers=[projects, transactions, accounts, public, claims_router, log_router, api_keys, jwks_router],
        publishes=[TOPICS["registry"]],
        consumers=consumers,
    )
    # the registry owns the API keys: it looks them up in its own database, not over HTTP
    app.state.api_key_resolver = local_resolver(app)
    return app
