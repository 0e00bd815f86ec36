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
import sys
from pathlib import Path
from typing import Any

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine


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
    """``python -m sosai_shared.migrations {upgrade|revision MESSAGE} <package> [url]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2:
        raise SystemExit("usage: python -m sosai_shared.migrations {upgrade|revision MSG} <package> [url]")
    action = args.pop(0)
    message = args.pop(0) if action == "revision" else ""
    package = args.pop(0)
    settings_mod: Any = importlib.import_module(f"{package}.config")
    url = args.pop(0) if args else settings_mod.Settings().database_url
    cfg = alembic_config(package, url)
    if action == "upgrade":
        command.upgrade(cfg, "head")
    elif action == "revision":
        command.upgrade(cfg, "head")
        command.revision(cfg, message=message, autogenerate=True)
    else:
        raise SystemExit(f"unknown action {action!r}")


if __name__ == "__main__":
    main()
