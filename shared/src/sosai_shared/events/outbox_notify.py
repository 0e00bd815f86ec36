"""Waking the outbox relay of another process: PostgreSQL ``LISTEN``/``NOTIFY``.

On PostgreSQL every replica of a service runs a relay, and only the one holding the database's
advisory lock publishes. A commit in another replica must wake that one, or its events wait for
the holder's next poll (``relay_poll_seconds``). A statement-level trigger on the outbox table
notifies :data:`CHANNEL` from the writing transaction; PostgreSQL delivers the notification when
that transaction commits, and never if it rolls back, so a wake-up never announces a row that is
not there. Identical notifications of one transaction are delivered once. The relay holding the
lock listens on the connection that holds the lock (outside any transaction, so the notification
arrives at once). Every relay is also woken by its own process's commits (the only wake-up on
SQLite, which has one process per database file).

The trigger is created by each service's migration (:func:`create_trigger`) and, for tables made
with ``metadata.create_all`` (tests' toy services), by :func:`attach`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import DDL, Table, event
from sqlalchemy.ext.asyncio import AsyncConnection

#: The channel the outbox's trigger notifies (per database: notifications never cross databases).
CHANNEL = "sosai_outbox"

_FUNCTION = f"""
CREATE OR REPLACE FUNCTION sosai_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', '');
    RETURN NULL;
END
$$
"""
_TRIGGER = (
    "CREATE TRIGGER outbox_notify AFTER INSERT ON outbox "
    "FOR EACH STATEMENT EXECUTE FUNCTION sosai_outbox_notify()"
)
_DROP = ("DROP TRIGGER IF EXISTS outbox_notify ON outbox", "DROP FUNCTION IF EXISTS sosai_outbox_notify()")


def attach(outbox: Table) -> None:
    """Create the trigger whenever ``outbox`` itself is created on PostgreSQL (``create_all``)."""
    for sql in (_FUNCTION, _TRIGGER):
        ddl = DDL(sql)  # type: ignore[no-untyped-call]  # SQLAlchemy leaves DDL's constructor untyped
        event.listen(outbox, "after_create", ddl.execute_if(dialect="postgresql"))


def create_trigger(op: Any) -> None:
    """A migration's ``upgrade``: the trigger on an existing outbox table (PostgreSQL only)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_FUNCTION)
        op.execute(_TRIGGER)


def drop_trigger(op: Any) -> None:
    """A migration's ``downgrade``."""
    if op.get_bind().dialect.name == "postgresql":
        for sql in _DROP:
            op.execute(sql)


async def listen(conn: AsyncConnection, wake: Callable[[], None]) -> None:
    """Call ``wake()`` on every notification ``conn`` receives on :data:`CHANNEL` (asyncpg)."""
    driver = (await conn.get_raw_connection()).driver_connection
    assert driver is not None  # a live pooled connection: the lock was just taken on it

    def on_notify(*_: object) -> None:
        wake()

    await driver.add_listener(CHANNEL, on_notify)
