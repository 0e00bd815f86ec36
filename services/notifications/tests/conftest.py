from __future__ import annotations

import os
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from sosai_notifications.config import Settings
from sosai_notifications.mail import sink
from sosai_notifications.main import create_app

# helper modules next to the tests (importlib mode puts no test directory on sys.path)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from notifications_support import Receiver


@pytest.fixture
async def smtp_sink(tmp_path: Path) -> AsyncIterator[tuple[Path, int]]:
    """A real SMTP server (aiosmtpd) on a free loopback port, writing to a Maildir."""
    folder = tmp_path / "mailbox"
    server, port = await sink.start(folder)
    try:
        yield folder, port
    finally:
        server.close()
        await server.wait_closed()


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    r = Receiver()
    await r.start()
    try:
        yield r
    finally:
        await r.stop()


@pytest.fixture
def overrides(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Settings a test changes: ``@pytest.mark.parametrize("overrides", [{...}], indirect=True)``."""
    return dict(getattr(request, "param", {}))


@pytest.fixture
def settings(
    database_url: str, bootstrap_servers: str, smtp_sink: tuple[Path, int], overrides: dict[str, Any]
) -> Settings:
    """One test's settings; a second app built from them is the same service restarted."""
    folder, port = smtp_sink
    values: dict[str, Any] = {
        "database_url": database_url,
        "kafka_bootstrap_servers": bootstrap_servers,
        "migrate_on_startup": True,
        "kafka_enable_idempotence": os.environ.get("KAFKA_ENABLE_IDEMPOTENCE") == "true",
        # a group of its own per test: every test's fresh database must see the topics from the start
        "consumer_group": f"notifications.test-{uuid.uuid4().hex[:8]}",
        # and topics of its own: this consumer reads every topic from the start, and must not see
        # the events other tests published
        "kafka_topic_prefix": f"t{uuid.uuid4().hex[:8]}.",
        # fast retries so that tests see backoff in seconds, not hours
        "worker_poll_seconds": 0.1,
        "retry_base_seconds": 0.2,
        "retry_cap_seconds": 1.0,
        "delivery_timeout_seconds": 2.0,
        "smtp_port": port,
        "mailbox_dir": str(folder),
        "run_smtp_sink": False,  # the test runs its own sink on a free port
    }
    return Settings(**(values | overrides))


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://notifications") as c:
        yield c
