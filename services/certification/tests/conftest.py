from __future__ import annotations

import os
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

# helper modules next to the tests (importlib mode puts no test directory on sys.path)
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
async def app(database_url: str, bootstrap_servers: str) -> AsyncIterator[FastAPI]:
    # imported here: the fast tier (tests/unit) does not build the service
    from sosai_certification.config import Settings
    from sosai_certification.main import create_app

    settings = Settings(
        database_url=database_url,
        kafka_bootstrap_servers=bootstrap_servers,
        migrate_on_startup=True,
        kafka_enable_idempotence=os.environ.get("KAFKA_ENABLE_IDEMPOTENCE") == "true",
        # a group of its own per test: every test's fresh database must see the topics from the start
        consumer_group=f"certification.facts.test-{uuid.uuid4().hex[:8]}",
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://certification") as c:
        yield c
