"""The database roles of a deployment: the migration step (schema owner) grants the runtime role its
rows and nothing else, and a pod's init container waits until the schema is at the code's head.

Full tier only (PostgreSQL 15+: the public schema is not writable by every role).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import asyncpg
import pytest

BASE = os.environ.get("SOSAI_TEST_POSTGRES", "")


def _admin(sql: str) -> None:
    async def run() -> None:
        conn = await asyncpg.connect(BASE.replace("+asyncpg", "") + "/postgres")
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run())


@pytest.fixture
def roles() -> Iterator[tuple[str, str, str]]:
    """(database, owner role, runtime role), like CloudNativePG's Database and managed roles."""
    tag = uuid.uuid4().hex[:8]
    db, owner, app = f"roles_{tag}", f"owner_{tag}", f"app_{tag}"
    _admin(f"CREATE ROLE {owner} LOGIN")
    _admin(f"CREATE ROLE {app} LOGIN")
    _admin(f"CREATE DATABASE {db} OWNER {owner}")
    try:
        yield db, owner, app
    finally:
        _admin(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        _admin(f"DROP ROLE IF EXISTS {app}")
        _admin(f"DROP ROLE IF EXISTS {owner}")


def _url(role: str, db: str) -> str:
    host = BASE.split("@", 1)[1]
    return f"postgresql+asyncpg://{role}@{host}/{db}"


def migrations(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sosai_shared.migrations", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_runtime_role_gets_rows_never_ddl_and_pods_wait_for_the_schema(
    roles: tuple[str, str, str],
) -> None:
    db, owner, app = roles
    # before the migration Job ran, the init container does not let the pod start
    early = migrations("wait", "sosai_registry", _url(app, db), SOSAI_MIGRATION_WAIT_SECONDS="3")
    assert early.returncode != 0 and "empty" in early.stdout + early.stderr

    done = migrations("upgrade", "sosai_registry", _url(owner, db), SOSAI_RUNTIME_ROLE=app)
    assert done.returncode == 0, done.stderr
    ready = migrations("wait", "sosai_registry", _url(app, db), SOSAI_MIGRATION_WAIT_SECONDS="30")
    assert ready.returncode == 0 and "at-head" in ready.stdout, ready.stdout + ready.stderr

    async def as_runtime_role() -> None:
        conn = await asyncpg.connect(_url(app, db).replace("+asyncpg", ""))
        try:
            await conn.execute(
                "INSERT INTO inbox (consumer, event_id, event_type, topic, processed_at) "
                "VALUES ('c', 'e', 't', 'x', now())"
            )
            assert await conn.fetchval("SELECT count(*) FROM inbox") == 1
            assert await conn.fetchval("SELECT count(*) FROM alembic_version") == 1
            await conn.execute("DELETE FROM inbox")
            for ddl in (
                "CREATE TABLE intruder (id int)",
                "ALTER TABLE inbox ADD COLUMN x int",
                "DROP TABLE inbox",
            ):
                with pytest.raises(asyncpg.InsufficientPrivilegeError):
                    await conn.execute(ddl)
        finally:
            await conn.close()

    asyncio.run(as_runtime_role())
