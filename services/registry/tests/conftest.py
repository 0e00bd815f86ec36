from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from sosai_registry.config import Settings
from sosai_registry.main import create_app

# test helpers (registry_helpers.py) import by module name; tests dirs are not packages
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def run_consumers() -> bool:
    """Consumers only where a test needs them (leaving the group costs seconds at teardown)."""
    return False


@pytest.fixture
async def client(
    database_url: str, bootstrap_servers: str, run_consumers: bool
) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        run_consumers=run_consumers,
        database_url=database_url,
        kafka_bootstrap_servers=bootstrap_servers,
        migrate_on_startup=True,
        kafka_enable_idempotence=os.environ.get("KAFKA_ENABLE_IDEMPOTENCE") == "true",
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://registry", timeout=60) as c:
            c.app = app  # type: ignore[attr-defined]
            yield c
