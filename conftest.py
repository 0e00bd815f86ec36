"""Fixtures every test tier shares: a fresh real database per test, and the real broker.

The tier is chosen by the environment (see the Makefile): ``make test`` runs on
SQLite files and the embedded Tansu broker, ``make test-full`` on PostgreSQL and
Apache Kafka (``SOSAI_TEST_POSTGRES`` and ``KAFKA_BOOTSTRAP_SERVERS`` set). A
broker that does not answer fails the test loudly; nothing is skipped.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent


def _pg_admin_url(base: str) -> str:
    return base.replace("postgresql+asyncpg://", "postgresql://") + "/postgres"


async def _create_pg_database(base: str, name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(_pg_admin_url(base))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


async def _drop_pg_database(base: str, name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(_pg_admin_url(base))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


#: Where the tests touch neither database nor broker: the pure rules of each ``unit/`` folder and the
#: offline checks of the deployment manifests. They answer the same on both tiers, so they carry the
#: ``tier_independent`` marker and ``make test-full`` leaves them to ``make test``.
TIER_INDEPENDENT_DIRS = ("tests/deploy/",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        rel = item.path.resolve().relative_to(ROOT).as_posix()
        if "/unit/" in f"/{rel}" or rel.startswith(TIER_INDEPENDENT_DIRS):
            item.add_marker(pytest.mark.tier_independent)


@pytest.fixture
def db_kind() -> str:
    return "postgresql" if os.environ.get("SOSAI_TEST_POSTGRES") else "sqlite"


class DatabaseFactory:
    """Makes brand-new, empty databases of the tier's kind; drops them at teardown."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.base = os.environ.get("SOSAI_TEST_POSTGRES")
        self.created: list[str] = []

    async def new(self, label: str = "db") -> str:
        if not self.base:
            return f"sqlite+aiosqlite:///{self.tmp_path / (label + '-' + uuid.uuid4().hex[:6] + '.db')}"
        name = f"t_{label.replace('-', '_')}_{uuid.uuid4().hex[:12]}"
        await _create_pg_database(self.base, name)
        self.created.append(name)
        return f"{self.base}/{name}"

    async def drop_all(self) -> None:
        for name in self.created:
            assert self.base is not None
            await _drop_pg_database(self.base, name)


@pytest.fixture
async def database_factory(tmp_path: Path) -> AsyncIterator[DatabaseFactory]:
    factory = DatabaseFactory(tmp_path)
    try:
        yield factory
    finally:
        await factory.drop_all()


@pytest.fixture
async def database_url(database_factory: DatabaseFactory) -> str:
    """A brand-new, empty database of the tier's kind, dropped afterwards."""
    return await database_factory.new("main")


@pytest.fixture(scope="session")
def bootstrap_servers() -> str:
    servers = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")

    async def probe() -> None:
        from aiokafka.admin import AIOKafkaAdminClient

        admin = AIOKafkaAdminClient(bootstrap_servers=servers, request_timeout_ms=5000)
        await admin.start()
        try:
            await admin.list_topics()
        finally:
            await admin.close()

    try:
        asyncio.run(asyncio.wait_for(probe(), 20))
    except Exception as exc:
        pytest.fail(
            f"no Kafka-protocol broker answers at {servers} ({exc!r}); run the tests through "
            "'make test' / 'make test-full', which start it",
            pytrace=False,
        )
    return servers


class BrokerControl:
    """Takes the tier's real broker away and brings it back, for the fault tests.

    Apache Kafka is stopped and started (its log is on disk). Tansu keeps its log in
    memory only, so a restart would lose every message and reset every offset, which
    no client can be expected to survive; it is frozen with SIGSTOP instead, and thawed
    with SIGCONT: unreachable as far as every client can tell (requests hang and time
    out), with its log intact when it returns.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.script = ROOT / "deploy" / "local" / ("kafka.sh" if kind == "kafka" else "tansu.sh")
        var = Path(os.environ.get("SOSAI_VAR_DIR", ROOT / "var"))
        self.tansu_pid = var / "tansu" / "tansu.pid"
        self.frozen = False

    def stop(self) -> None:
        if self.kind == "kafka":
            subprocess.run(["bash", str(self.script), "stop"], check=True, timeout=120)
        else:
            os.kill(int(self.tansu_pid.read_text().strip()), signal.SIGSTOP)
            self.frozen = True

    def start(self) -> None:
        if self.kind == "kafka":
            subprocess.run(["bash", str(self.script), "start"], check=True, timeout=180)
        elif self.frozen:
            os.kill(int(self.tansu_pid.read_text().strip()), signal.SIGCONT)
            self.frozen = False


@pytest.fixture
def broker_control(bootstrap_servers: str) -> Iterator[BrokerControl]:
    control = BrokerControl(os.environ.get("SOSAI_BROKER_KIND", "tansu"))
    try:
        yield control
    finally:
        control.start()  # whatever the test did, leave the broker running for the next one


@pytest.fixture
async def toy(database_url: str, bootstrap_servers: str) -> AsyncIterator[Any]:
    """The toy service of shared/tests/toyapp.py (the platform's own tests, here and in tests/full_tier),
    behind an in-process httpx client. Imported when used: the fast tier never loads the service stack."""
    from toyapp import toy_client

    async with toy_client(database_url, bootstrap_servers) as client:
        yield client
