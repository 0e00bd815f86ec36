"""The calculator service itself, served by uvicorn on a loopback port in the test's event loop, for
the tests that need its real answers (and its own request counters) rather than the stub's."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import uvicorn
from prometheus_client.parser import text_string_to_metric_families

from sosai_calculator.config import Settings as CalculatorSettings
from sosai_calculator.main import create_app as create_calculator

ESTIMATE_ROUTE = "/v1/estimates/event"


@asynccontextmanager
async def real_calculator(database_url: str, bootstrap_servers: str) -> AsyncIterator[str]:
    """The calculator service itself (its shipped FY2009/FY2010 factor sets), on a loopback port."""
    settings = CalculatorSettings(
        database_url=database_url,
        kafka_bootstrap_servers=bootstrap_servers,
        migrate_on_startup=True,
        run_relay=False,
        run_consumers=False,
        kafka_create_topics=False,
    )
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_calculator(settings), log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        assert not task.done(), "the calculator did not start"
        await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        await task


async def estimate_requests(url: str) -> int:
    """How many event estimates the calculator has answered, read from its own /metrics."""
    async with httpx.AsyncClient(base_url=url) as client:
        text = (await client.get("/metrics")).text
    return int(
        sum(
            sample.value
            for family in text_string_to_metric_families(text)
            for sample in family.samples
            if sample.name == "sosai_http_requests_total"
            and sample.labels.get("service") == "calculator"
            and sample.labels.get("route") == ESTIMATE_ROUTE
        )
    )
