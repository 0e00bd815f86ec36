"""Alembic, driven from code: one migration history per service.

A service's ``migrations/env.py`` is three lines calling :func:`run_env` with its
metadata. Development applies migrations at start-up (:func:`upgrade`, run in a
worker thread because Alembic drives its own event loop); production runs
``python -m sosai_shared.migrations upgrade <package>`` as a separate step (a
Kubernetes Job), never on every replica's start.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import sys
import time
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command, context
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine


def service_migrations_dir(package: str) -> Path:
    """``services/<svc>/migrations`` next to ``services/<svc>/src/<package>``."""
    mod = importlib.import_module(package)
    assert mod.__file__ is not None
    return Path(mod.__file__).resolve().parent.parent.parent / "migrations"


def alembic_config(package: str, url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(service_migrations_dir(package)))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["package"] = package
    return cfg


def upgrade_sync(package: str, url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(package, url), revision)


async def upgrade(package: str, url: str, revision: str = "head") -> None:
    await asyncio.to_thread(upgrade_sync, package, url, revision)


@cache
def _revisions(package: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """(heads, every revision) of the service's migration scripts: fixed for the life of the code.

    None for a package without a migrations folder (test apps that create their tables themselves).
    """
    try:
        if not service_migrations_dir(package).is_dir():
            return None
    except (ImportError, AssertionError):
        return None
    script = ScriptDirectory.from_config(alembic_config(package, "sqlite://"))
    return frozenset(script.get_heads()), frozenset(r.revision for r in script.walk_revisions())


def schema_state(package: str, current: set[str]) -> str:
    """Where a database stands against this code: ``at-head``, ``ahead``, ``behind`` or ``empty``.

    ``ahead`` (a revision this code does not know) is a newer release's migration during a rolling
    update: expand-then-contract migrations keep the previous release working on it, so it is ready.
    """
    revisions = _revisions(package)
    if revisions is None:
        return "at-head"  # nothing to be at
    heads, known = revisions
    if not current:
        return "empty"
    if current == set(heads):
        return "at-head"
    if current - known:
        return "ahead"
    return "behind"


async def database_schema_state(package: str, engine: AsyncEngine) -> str:
    def current(conn: Connection) -> set[str]:
        return set(MigrationContext.configure(conn).get_current_heads())

    async with engine.connect() as conn:
        return schema_state(package, await conn.run_sync(current))


async def wait_for_head(package: str, url: str, timeout: float, interval: float = 2.0) -> str:
    """Poll until the database is at (or past) this code's head: the init container of every pod."""
    engine = create_async_engine(url, poolclass=pool.NullPool)
    deadline = time.monotonic() + timeout
    state = "unreachable"
    try:
        while time.monotonic() < deadline:
            try:
                state = await database_schema_state(package, engine)
            except Exception as exc:  # the database may not be up yet either
                state = f"unreachable ({type(exc).__name__})"
            if state in ("at-head", "ahead"):
                return state
            print(f"waiting for the migrations of {package}: database is {state}", flush=True)
            await asyncio.sleep(interval)
    finally:
        await engine.dispose()
    raise SystemExit(f"{package}: database still {state} after {timeout:.0f}s")


async def grant_rows(url: str, role: str) -> None:
    """Let the runtime role read and write rows, never change the schema (the owner role migrates).

    Run after every upgrade, so tables a migration added are granted too.
    """
    from sqlalchemy import text

    quoted = '"' + role.replace('"', '""') + '"'
    engine = create_async_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {quoted}"))
            await conn.execute(
                text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}")
            )
            await conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}"))
    finally:
        await engine.dispose()


def run_env(metadata: MetaData) -> None:
    """Body of every service's ``env.py``: online migrations over the async engine."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url is not None

    def do_run(connection: Connection) -> None:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()

    async def run_async() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as conn:
            await conn.run_sync(do_run)
            await conn.commit()
        await engine.dispose()

    asyncio.run(run_async())


def main(argv: list[str] | None = None) -> None:
    """``python -m sosai_shared.migrations {upgrade|wait|revision MESSAGE} <package> [url]``.

    ``wait`` polls until the database is at the code's migration head (``$SOSAI_MIGRATION_WAIT_SECONDS``,
    default 600) and exits 0, or exits 1: the init container that keeps a pod from starting on an
    old schema.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2:
        raise SystemExit(
            "usage: python -m sosai_shared.migrations {upgrade|wait|revision MSG} <package> [url]"
        )
    action = args.pop(0)
    message = args.pop(0) if action == "revision" else ""
    package = args.pop(0)
    settings_mod: Any = importlib.import_module(f"{package}.config")
    url = args.pop(0) if args else settings_mod.Settings().database_url
    cfg = alembic_config(package, url)
    if action == "upgrade":
        command.upgrade(cfg, "head")
        role = os.environ.get("SOSAI_RUNTIME_ROLE", "")
        if role and url.startswith("postgresql"):
            asyncio.run(grant_rows(url, role))
    elif action == "wait":
        timeout = float(os.environ.get("SOSAI_MIGRATION_WAIT_SECONDS", "600"))
        print(f"{package}: database is {asyncio.run(wait_for_head(package, url, timeout))}")
    elif action == "revision":
        command.upgrade(cfg, "head")
        command.revision(cfg, message=message, autogenerate=True)
    else:
        raise SystemExit(f"unknown action {action!r}")


if __name__ == "__main__":
    main()
