from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

# helper modules beside the tests (the root pytest config only adds shared/tests to the path)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sosai_calculator.config import Settings
from sosai_calculator.main import create_app


def _settings(database_url: str, bootstrap_servers: str, run_consumers: bool) -> Settings:
    return Settings(
        database_url=database_url,
        kafka_bootstrap_servers=bootstrap_servers,
        migrate_on_startup=True,
        kafka_enable_idempotence=os.environ.get("KAFKA_ENABLE_IDEMPOTENCE") == "true",
        run_consumers=run_consumers,
    )


@pytest.fixture
async def client(database_url: str, bootstrap_servers: str) -> AsyncIterator[httpx.AsyncClient]:
    """The service with its relay; the coverage consumer runs only where a test needs it (``consuming``)."""
    async for c in _client(_settings(database_url, bootstrap_servers, run_consumers=False)):
        yield c


@pytest.fixture
async def consuming(database_url: str, bootstrap_servers: str) -> AsyncIterator[httpx.AsyncClient]:
    async for c in _client(_settings(database_url, bootstrap_servers, run_consumers=True)):
        yield c


async def _client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://calculator") as c:
            c.app = app  # type: ignore[attr-defined]
            yield c
