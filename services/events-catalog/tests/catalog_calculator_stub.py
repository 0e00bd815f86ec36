"""A tiny real HTTP calculator for the catalog's tests (an HTTP peer, not Kafka/Postgres).

It answers ``POST /v1/estimates/event`` with a fixed, contract-shaped body and records
what it was sent. The real calculator is exercised in the cross-service e2e tests.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class StubCalculator:
    def __init__(self, total: str = "2.500000", fail_first: int = 0) -> None:
        self.total, self.fail_first = total, fail_first
        self.calls: list[dict[str, Any]] = []
        self.authorizations: list[str] = []
        app = FastAPI()

        @app.post("/v1/estimates/event")
        async def estimate(request: Request) -> JSONResponse:
            body = await request.json()
            self.calls.append(body)
            self.authorizations.append(request.headers.get("authorization", ""))
            if len(self.calls) <= self.fail_first:
                return JSONResponse({"type": "internal-error"}, status_code=503)
            return JSONResponse(
                {
                    "total_t_co2": self.total,
                    "fiscal_year": body["fiscal_year"],
                    "breakdown": [{"source": "travel", "t_co2": self.total}],
                }
            )

        self.app = app
        self.url = ""
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> StubCalculator:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self._server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", lifespan="off"))
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]))
        while not self._server.started:  # noqa: ASYNC110 - uvicorn exposes a flag, not an event
            await asyncio.sleep(0.02)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None and self._task is not None
        self._server.should_exit = True
        await self._task


def closed_port_url() -> str:
    """A loopback URL where nothing listens (bound, then released)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"
