"""Support for the end-to-end tests: the four services as separate processes on a real broker and
real databases.

One programme per test session: fresh databases (SQLite files, or new PostgreSQL
databases in the full tier), a topic prefix of its own on the tier's broker (so
events of other suites never reach it), and the services on loopback ports
18001-18004, driven only through their public HTTP APIs.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import httpx

from sosai_shared.processes import SERVICES, ServiceProcess

T = TypeVar("T")
E2E_PORT_BASE = int(os.environ.get("SOSAI_E2E_PORT_BASE", "18000"))


@dataclass
class Programme:
    processes: dict[str, ServiceProcess]
    topic_prefix: str
    database_urls: dict[str, str]
    clients: dict[str, httpx.Client] = field(default_factory=dict)

    def client(self, name: str) -> httpx.Client:
        if name not in self.clients:
            self.clients[name] = httpx.Client(base_url=self.processes[name].url, timeout=30)
        return self.clients[name]

    @property
    def registry(self) -> httpx.Client:
        return self.client("registry")

    @property
    def certification(self) -> httpx.Client:
        return self.client("certification")

    @property
    def calculator(self) -> httpx.Client:
        return self.client("calculator")

    @property
    def catalog(self) -> httpx.Client:
        return self.client("events-catalog")

    @property
    def explorer(self) -> httpx.Client:
        return self.client("explorer")


#: What a probe of a service may meet while it restarts after a fault: "not yet", not a failure
#: (``sosai_shared.testing.wait_until_blocking(..., transient=SERVICE_AWAY)``).
SERVICE_AWAY: tuple[type[BaseException], ...] = (httpx.TransportError,)


def _database_urls(tmp: Path, only: Sequence[str] | None = None) -> tuple[dict[str, str], list[str]]:
    base = os.environ.get("SOSAI_TEST_POSTGRES")
    urls: dict[str, str] = {}
    created: list[str] = []
    for spec in SERVICES:
        if only is not None and spec.name not in only:
            continue
        if not base:
            urls[spec.name] = f"sqlite+aiosqlite:///{tmp / (spec.name + '.db')}"
            continue
        import asyncpg

        name = f"e2e_{spec.package.removeprefix('sosai_')}_{uuid.uuid4().hex[:8]}"

        async def create(n: str = name) -> None:
            conn = await asyncpg.connect(base.replace("+asyncpg", "") + "/postgres")
            try:
                await conn.execute(f'CREATE DATABASE "{n}"')
            finally:
                await conn.close()

        asyncio.run(create())
        created.append(name)
        urls[spec.name] = f"{base}/{name}"
    return urls, created


def _drop(created: list[str]) -> None:
    base = os.environ.get("SOSAI_TEST_POSTGRES")
    if not base or not created:
        return
    import asyncpg

    async def drop() -> None:
        conn = await asyncpg.connect(base.replace("+asyncpg", "") + "/postgres")
        try:
            for n in created:
                await conn.execute(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)')
        finally:
            await conn.close()

    asyncio.run(drop())


def start_programme(
    tmp: Path,
    bootstrap_servers: str,
    port_base: int = E2E_PORT_BASE,
    *,
    only: Sequence[str] | None = None,
    env_overrides: Mapping[str, str] | None = None,
) -> tuple[Programme, list[str]]:
    """The services (``only``: some of them, by folder name) on ports ``port_base + position``."""
    urls, created = _database_urls(tmp, only)
    prefix = f"e2e{uuid.uuid4().hex[:8]}."
    port_of = {spec.service_name: port_base + i for i, spec in enumerate(SERVICES, start=1)}
    env = {
        **os.environ,
        "SOSAI_VAR_DIR": str(tmp),
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap_servers,
        "KAFKA_TOPIC_PREFIX": prefix,
    }
    for spec in SERVICES:
        for callee in spec.talks_to:
            env[f"{spec.prefix}{callee.upper()}_URL"] = f"http://127.0.0.1:{port_of[callee]}"
        # the periodic reconciliation is off unless a test asks for it (env_overrides)
        env[f"{spec.prefix}RECONCILE_INTERVAL_SECONDS"] = "0"
    # certification embeds the registry's signed retirement claims as evidence in its own claims
    env["CERTIFICATION_REGISTRY_PUBLIC_URL"] = f"http://127.0.0.1:{port_of['registry']}"
    env.update(env_overrides or {})
    processes: dict[str, ServiceProcess] = {}
    for i, spec in enumerate(SERVICES, start=1):
        if spec.name not in urls:
            continue
        env[f"{spec.prefix}DATABASE_URL"] = urls[spec.name]
        processes[spec.name] = ServiceProcess(spec, env, tmp / "log", port=port_base + i)
    for p in processes.values():
        p.start()
    try:
        for p in processes.values():
            p.wait_ready(timeout=120)
    except Exception:
        for p in processes.values():
            p.stop()
        _drop(created)
        raise
    return Programme(processes, prefix, urls), created
