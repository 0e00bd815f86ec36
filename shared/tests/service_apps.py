"""Each service's app built by its own composition root, in process, on a real database (the
tier's), without broker traffic: for the tests that walk every operation of its OpenAPI.

``service`` is the fixture over every service (import ``service_fixture`` into the test module);
:func:`fill` turns a path template into a URL whose ids exist nowhere.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from sosai_shared.processes import SERVICES


def fill(path: str, params: list[dict[str, Any]]) -> str:
    types = {p["name"]: p.get("schema", {}).get("type") for p in params if p.get("in") == "path"}

    def value(m: re.Match[str]) -> str:
        return "1" if types.get(m.group(1)) == "integer" else "00000000-0000-4000-8000-000000000000"

    return re.sub(r"\{([^}]+)\}", value, path)


@asynccontextmanager
async def service_app(package: str, database_url: str) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    """The app of ``package`` (e.g. ``sosai_registry``) running its lifespan, and a client to it."""
    main = importlib.import_module(f"{package}.main")
    config = importlib.import_module(f"{package}.config")
    settings = config.Settings(
        database_url=database_url,
        kafka_bootstrap_servers="127.0.0.1:1",
        migrate_on_startup=True,
        run_relay=False,
        run_consumers=False,
        kafka_create_topics=False,
    )
    app = main.create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            yield app, client


@pytest.fixture(name="service", params=[spec.package for spec in SERVICES])
async def service_fixture(
    request: pytest.FixtureRequest, database_url: str
) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    async with service_app(request.param, database_url) as running:
        yield running
