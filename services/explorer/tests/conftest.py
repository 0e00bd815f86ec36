from __future__ import annotations

import os
import sys
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from sosai_explorer.config import Settings
from sosai_explorer.main import create_app

# helper modules next to the tests (importlib mode puts no test directory on sys.path)
sys.path.insert(0, str(Path(__file__).resolve().parent))


def explorer_settings(database_url: str, bootstrap_servers: str, prefix: str) -> Settings:
    """A topic prefix and consumer group of the test's own: only the events it publishes reach it."""
    return Settings(
        database_url=database_url,
        kafka_bootstrap_servers=bootstrap_servers,
        migrate_on_startup=True,
        kafka_enable_idempotence=os.environ.get("KAFKA_ENABLE_IDEMPOTENCE") == "true",
        kafka_topic_prefix=prefix,
        consumer_group=f"{prefix}explorer.readmodel.{uuid.uuid4().hex[:6]}",
        page_size=5,
    )


@pytest.fixture
def topic_prefix() -> str:
    return f"t{uuid.uuid4().hex[:8]}."


@pytest.fixture
def make_app(bootstrap_servers: str, topic_prefix: str) -> Callable[[str], Any]:
    def build(database_url: str) -> FastAPI:
        return create_app(explorer_settings(database_url, bootstrap_servers, topic_prefix))

    return build


@pytest.fixture
async def app(database_url: str, make_app: Callable[[str], FastAPI]) -> AsyncIterator[FastAPI]:
    application = make_app(database_url)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://explorer") as c:
        yield c
