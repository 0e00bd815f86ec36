"""After-commit actions and the event source, on the tier's real database (SQLite or PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import select, text
from toyapp import NoteCreatedV1

from sosai_shared.committed import after_commit
from sosai_shared.db import Database, service_registry
from sosai_shared.events.outbox import record


async def _database(url: str) -> Database:
    reg = service_registry()
    db = Database(url, reg.metadata, source="/sosai/toy")
    async with db.engine.begin() as conn:
        await conn.run_sync(reg.metadata.create_all)
    return db


async def test_after_commit_runs_after_the_commit_and_never_on_rollback(database_url: str) -> None:
    db = await _database(database_url)
    fired: list[str] = []
    try:
        async with db.sessionmaker() as s:
            async with s.begin():
                await s.execute(text("SELECT 1"))
                after_commit(s, lambda: fired.append("committed"))
                assert fired == []  # not before the commit
            assert fired == ["committed"]

            try:
                async with s.begin():
                    await s.execute(text("SELECT 1"))
                    after_commit(s, lambda: fired.append("rolled back"))
                    raise RuntimeError("the request failed")
            except RuntimeError:
                pass
            async with s.begin():
                await s.execute(text("SELECT 1"))  # a later commit does not revive it
            assert fired == ["committed"]

            async with s.begin():
                await s.execute(text("SELECT 1"))
                try:
                    async with s.begin_nested():
                        after_commit(s, lambda: fired.append("savepoint rolled back"))
                        raise RuntimeError("a savepoint failed")
                except RuntimeError:
                    pass
                async with s.begin_nested():
                    after_commit(s, lambda: fired.append("savepoint released"))
                assert fired == ["committed"]  # releasing a savepoint is not the commit
            assert fired == ["committed", "savepoint released"]
    finally:
        await db.dispose()


async def test_events_take_their_source_from_the_session(database_url: str) -> None:
    db = await _database(database_url)
    try:
        async with db.sessionmaker() as s, s.begin():
            await record(s, NoteCreatedV1(note_id="n1", key="k", seq=1, text="x"))
            await record(s, NoteCreatedV1(note_id="n2", key="k", seq=2, text="x"), source="/legacy")
        async with db.sessionmaker() as s:
            envelopes = (
                (await s.execute(select(db.outbox.c.envelope).order_by(db.outbox.c.seq))).scalars().all()
            )
        assert [e["source"] for e in envelopes] == ["/sosai/toy", "/legacy"]
    finally:
        await db.dispose()
