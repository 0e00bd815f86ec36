from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from sosai_events_catalog.config import Settings
from sosai_events_catalog.main import create_app

# test directories are not packages (importlib mode): make catalog_helpers importable
sys.path.insert(0, str(Path(__file__).resolve().parent))

CatalogFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def catalog(database_url: str, bootstrap_servers: str) -> CatalogFactory:
    """Builds the real app on the tier's database and broker; ``overrides`` change settings."""

    @asynccontextmanager
    async def build(**overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        settings = Settings(
            **{
                "database_url": database_url,
                "kafka_bootstrap_servers": bootstrap_servers,
                "migrate_on_startup": True,
                "kafka_enable_idempotence": os.environ.get("KAFKA_ENABLE_IDEMPOTENCE") == "true",
                # nothing listens here: tests that need the calculator pass their own URL
                "calculator_url": "http://127.0.0.1:9",
                "calculator_backoff_seconds": 0.05,
                **overrides,
            }
        )
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://catalog", timeout=60
            ) as client:
                client.app = app  # type: ignore[attr-defined]
                yield client

    return build


@pytest.fixture
async def client(catalog: CatalogFactory) -> AsyncIterator[httpx.AsyncClient]:
    # the consumers are exercised in test_carbon_events.py; elsewhere they would only slow group joins down
    async with catalog(run_consumers=False) as c:
        yield c
