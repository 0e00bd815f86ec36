"""Statements sent to the driver directly (``DirectStatement``), on the tier's real database.

What the shortcut must keep from SQLAlchemy: it runs inside the session's transaction (a rollback
takes its writes back, also when it is the transaction's first statement), bind
processors still apply (``UTCDateTime`` refuses naive datetimes and stores UTC), and rows come back
with the same values. On PostgreSQL it goes to asyncpg itself; elsewhere through SQLAlchemy.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, String, Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from sosai_shared.db import Database, UTCDateTime, service_registry
from sosai_shared.direct_sql import DirectStatement

JST = timezone(timedelta(hours=9))


async def test_direct_statements_run_in_the_session_transaction(database_url: str) -> None:
    reg = service_registry()
    notes = Table(
        "direct_notes",
        reg.metadata,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("text", String(50), nullable=False),
        Column("at", UTCDateTime(), nullable=False),
    )
    db = Database(database_url, reg.metadata, source="/sosai/toy")
    async with db.engine.begin() as conn:
        await conn.run_sync(reg.metadata.create_all)
    add = DirectStatement(insert(notes).inline())
    read = DirectStatement(select(notes).where(notes.c.id >= bindparam("from_id")).order_by(notes.c.id))
    rename = DirectStatement(update(notes).where(notes.c.id == bindparam("note")))
    sent: list[str] = []
    DirectStatement.observers.append(sent.append)
    at = datetime(2026, 11, 29, 18, 0, tzinfo=JST)
    try:
        # the first statement of a transaction (BEGIN not sent yet): still inside it, so rolled back
        async with db.sessionmaker() as session:
            async with session.begin():
                await add.run(session, {"id": 1, "text": "first", "at": at})
                assert [r["text"] for r in await read.rows(session, {"from_id": 0})] == ["first"]
                await session.rollback()
        async with db.sessionmaker() as session, session.begin():
            assert await read.rows(session, {"from_id": 0}) == []

        # after SQLAlchemy began the transaction: straight to the driver on PostgreSQL
        sent.clear()
        async with db.sessionmaker() as session, session.begin():
            await add.run_many(
                session,
                [{"id": 2, "text": "two", "at": at}, {"id": 3, "text": "three", "at": at}],
            )
            await rename.run(session, {"note": 3, "text": "drei"})
        assert bool(sent) == (db.dialect == "postgresql"), sent

        async with db.sessionmaker() as session, session.begin():
            await session.execute(select(notes.c.id).limit(1))  # BEGIN sent: the next may go direct
            rows = [dict(r) for r in await read.rows(session, {"from_id": 2})]
            assert [(r["id"], r["text"]) for r in rows] == [(2, "two"), (3, "drei")]
            # stored as the same instant, read back in UTC on every database
            assert {r["at"] for r in rows} == {at.astimezone(UTC)}
            assert all(r["at"].utcoffset() == timedelta(0) for r in rows)
            # a rollback takes direct writes back too
            await add.run(session, {"id": 4, "text": "four", "at": at})
            assert len(await read.rows(session, {"from_id": 2})) == 3
            await session.rollback()
        async with db.sessionmaker() as session, session.begin():
            assert len(await read.rows(session, {"from_id": 2})) == 2

        # the bind processors still apply: a naive datetime is refused, as through SQLAlchemy
        async with db.sessionmaker() as session, session.begin():
            await session.execute(select(notes.c.id).limit(1))
            with pytest.raises(Exception, match="naive datetimes"):
                await add.run(session, {"id": 5, "text": "naive", "at": datetime(2026, 11, 29, 9, 0)})

        # a driver error is raised as SQLAlchemy raises it, so callers' handlers still tell them apart
        async with db.sessionmaker() as session:
            async with session.begin():
                await session.execute(select(notes.c.id).limit(1))
                with pytest.raises(IntegrityError):
                    await add.run(session, {"id": 2, "text": "again", "at": at})
                await session.rollback()
    finally:
        DirectStatement.observers.remove(sent.append)
        await db.dispose()
