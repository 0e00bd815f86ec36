"""The toy platform service, reused by the full-tier fault tests."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import httpx
import pytest
from toyapp import ToySettings, make_app


@pytest.fixture
async def toy(database_url: str, bootstrap_servers: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = ToySettings(
        database_url=database_url,
        kafka_bootstrap_servers=bootstrap_servers,
        migrate_on_startup=False,
        kafka_enable_idempotence=os.environ.get("KAFKA_ENABLE_IDEMPOTENCE", "false") == "true",
    )
    app = make_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://toy") as client:
            client.app = app  # type: ignore[attr-defined]
            yield client
