"""Database plumbing: async engines on SQLite (embedded default) and PostgreSQL.

Each service has its own declarative registry (so two services' tables never
share one ``MetaData`` when a test imports both) and carries the platform tables
(outbox, inbox, idempotency keys) in that same metadata: the change, its event
and its idempotency record always commit together.

On SQLite, writing transactions begin ``IMMEDIATE``: the writer lock is taken at
the start, so concurrent writers serialize instead of failing half-way with
"database is locked"; reading transactions (``read_sessionmaker``) begin deferred
and never wait for that lock. On PostgreSQL, services lock the rows they move with
``SELECT ... FOR UPDATE`` (a no-op on SQLite, where the whole file is locked).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
import traceback
import uuid
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, Integer, MetaData, String, Table, Text, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DisconnectionError, StatementError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, registry
from sqlalchemy.types import TypeDecorator
from sqlalchemy.util import await_only
from sqlmodel import SQLModel

from sosai_shared.events import outbox_notify

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in, timezone-aware UTC out, on SQLite too (which drops tzinfo)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use timezone-aware UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


#: Integer big enough for serial numbers, autoincrementing on SQLite as well.
BigInt = BigInteger().with_variant(Integer(), "sqlite")


def make_base(name: str) -> type[SQLModel]:
    """A SQLModel base with its own registry/metadata, carrying the platform tables."""
    reg = registry(metadata=MetaData(naming_convention=NAMING))
    base = type(f"{name}Base", (SQLModel,), {}, registry=reg)
    add_platform_tables(reg.metadata)
    return base


def service_registry() -> registry:
    """A registry of its own for one service's tables, carrying the platform tables.

    The typed spelling of :func:`make_base`, which type checkers can follow:
    ``class Base(SQLModel, registry=service_registry()): pass``.
    """
    reg = registry(metadata=MetaData(naming_convention=NAMING))
    add_platform_tables(reg.metadata)
    return reg


def add_platform_tables(metadata: MetaData) -> None:
    outbox = Table(
        "outbox",
        metadata,
        Column("seq", BigInt, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("topic", String(200), nullable=False),
        Column("key", String(200), nullable=False),
        Column("type", String(200), nullable=False),
        Column("envelope", JSON, nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
        Column("published_at", UTCDateTime, nullable=True, index=True),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("last_error", Text, nullable=True),
    )
    outbox_notify.attach(outbox)  # tables made by create_all notify the relay like migrated ones
    Table(
        "inbox",
        metadata,
        Column("consumer", String(100), primary_key=True),
        Column("event_id", String(100), primary_key=True),
        Column("event_type", String(200), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("processed_at", UTCDateTime, nullable=False),
    )
    Table(
        "idempotency_keys",
        metadata,
        Column("scope", String(300), primary_key=True),
        Column("key", String(200), primary_key=True),
        Column("method", String(10), nullable=False),
        Column("path", String(500), nullable=False),
        Column("request_hash", String(64), nullable=False),
        Column("state", String(20), nullable=False),
        Column("response_status", Integer, nullable=True),
        Column("response_body", Text, nullable=True),
        Column("created_at", UTCDateTime, nullable=False),
        Column("completed_at", UTCDateTime, nullable=True),
    )


#: Execution option of the engine behind :attr:`Database.read_sessionmaker`.
READ_ONLY_OPTION = "sosai_read_only"


def create_engine(
    url: str,
    *,
    echo: bool = False,
    pool_size: int = 10,
    max_overflow: int = 20,
    pool_timeout: float = 10,
    statement_cache: bool = True,
) -> AsyncEngine:
    """The service's engine; the pool arguments apply to PostgreSQL only (settings ``db_*``).
    ``hide_parameters``: a statement's values (e-mail addresses among them) never reach an
    exception's text or a log line, whatever level the logs run at."""
    if url.startswith("sqlite"):
        # aiosqlite's DEBUG lines quote every statement with its parameters
        logging.getLogger("aiosqlite").setLevel(max(logging.getLogger("aiosqlite").level, logging.INFO))
        engine = create_async_engine(
            url,
            echo=echo,
            hide_parameters=True,
            connect_args={"timeout": 30},
            # pooled, like PostgreSQL's: a connection opened per checkout started a thread, ran the
            # PRAGMAs, read the schema and prepared every statement afresh (registry on SQLite:
            # 81 -> 91 moves/s closed loop, open-loop p50 21 -> 10 ms; bench/registry.md). A
            # connection goes back to the pool rolled back (SQLAlchemy's reset on return), so no
            # transaction outlives its request.
            pool_size=pool_size,
            max_overflow=max_overflow,
            pool_timeout=pool_timeout,
        )

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_connect(dbapi_conn: Any, _: Any) -> None:
            dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" emit BEGIN itself
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        writers = _SqliteWriters()

        @event.listens_for(engine.sync_engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # writers take the lock up front (no "database is locked" half-way); readers never take
            # it, so a long writer (or a relay) cannot stall them (see Database.read_sessionmaker)
            if conn.get_execution_options().get(READ_ONLY_OPTION, False):
                conn.exec_driver_sql("BEGIN")
                return
            writers.enter(conn.connection.info)
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            except BaseException:
                writers.leave(conn.connection.info)
                raise

        @event.listens_for(engine.sync_engine.pool, "checkin")
        def _sqlite_checkin(_dbapi_conn: Any, record: Any) -> None:
            # the transaction is over (committed or rolled back) once its connection comes back
            if record is not None:
                writers.leave(record.info)

        return engine
    connect_args: dict[str, Any] = {"timeout": 5, "command_timeout": 30}
    if not statement_cache:
        # Behind PgBouncer in transaction mode consecutive transactions may run on different server
        # connections: a statement asyncpg prepared on one is unknown on the next ("prepared statement
        # does not exist"), and two clients' same-named statements collide. No caches, and unique
        # names for the unnamed-in-spirit statements asyncpg still prepares (SQLAlchemy's advice).
        connect_args |= {
            "statement_cache_size": 0,
            "prepared_statement_cache_size": 0,
            "prepared_statement_name_func": lambda: f"__sosai_{uuid.uuid4().hex}__",
        }
    engine = create_async_engine(
        url,
        echo=echo,
        hide_parameters=True,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_timeout=pool_timeout,
        connect_args=connect_args,
    )
    _ping_when_idle(engine)
    return engine


#: A pooled connection back in the pool for longer than this is pinged before it is used again.
IDLE_PING_SECONDS = 1.0
_RETURNED = "sosai_returned_at"


def _ping_when_idle(engine: AsyncEngine) -> None:
    """SQLAlchemy's ``pool_pre_ping``, only for connections that sat idle.

    Why: the asyncpg dialect's ping is three round trips (BEGIN, an empty query, ROLLBACK) on every
    checkout, a fifth of a transfer's statements (bench/registry.md). A connection that came back
    to the pool less than :data:`IDLE_PING_SECONDS` ago was working then; one that sat longer (over
    a database restart, a failover, an idle timeout) is pinged and replaced if dead, as before. A
    connection lost within that second fails its statement as a disconnect, which makes SQLAlchemy
    discard every connection of the pool older than the failure: one 503, then fresh connections.
    """
    pool = engine.sync_engine.pool

    @event.listens_for(pool, "connect")
    def _connected(_dbapi_conn: Any, record: Any) -> None:
        record.info[_RETURNED] = time.monotonic()

    @event.listens_for(pool, "checkin")
    def _returned(_dbapi_conn: Any, record: Any) -> None:
        if record is not None:
            record.info[_RETURNED] = time.monotonic()

    @event.listens_for(pool, "checkout")
    def _checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get(_RETURNED, 0.0) < IDLE_PING_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:  # the pool replaces the connection and checks out another
            raise DisconnectionError("the pooled connection is gone") from exc


class _SqliteWriters:
    """The writers of one SQLite file within this process, in turn, first come first served.

    SQLite lets one writer in at a time; the others wait in its busy handler, which sleeps and
    retries (1 ms growing to 100 ms). Under a steady writer such as a consumer applying a burst, a
    second writer (a delivery worker recording an attempt) keeps waking up to find the lock taken
    again and can starve for seconds. Queueing the writers here first (an asyncio lock per event
    loop, FIFO) hands the lock over in order; the busy handler is left only for other processes.
    Entered when a writing transaction begins, left when its connection is returned to the pool,
    which happens after the commit or rollback, also when a session is closed half-way.
    """

    HELD = "sosai_sqlite_writer"

    def __init__(self, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        return lock

    def enter(self, info: dict[str, Any]) -> None:
        lock = self._lock()
        try:
            await_only(asyncio.wait_for(lock.acquire(), self.timeout))
        except TimeoutError as exc:  # as the busy handler would after its timeout: retryable
            raise sqlite3.OperationalError("database is locked (waited for this process's writers)") from exc
        info[self.HELD] = lock

    def leave(self, info: dict[str, Any]) -> None:
        lock = info.pop(self.HELD, None)
        if lock is not None:
            lock.release()


@asynccontextmanager
async def unit_of_work(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One transaction for a worker (consumer, relay): commit on success, roll back on error."""
    async with sessionmaker() as session, session.begin():
        yield session


def database_error_fields(exc: BaseException) -> dict[str, Any]:
    """What may be logged about a database error: its classes, SQLSTATE, constraint and statement
    shape (with placeholders). Never the parameters, and never the driver's message, whose DETAIL
    line quotes the offending values (an e-mail address in a unique key, say)."""
    fields: dict[str, Any] = {"error": type(exc).__name__}
    if isinstance(exc, StatementError) and exc.statement:
        fields["statement"] = " ".join(str(exc.statement).split())[:2000]
    seen: BaseException | None = getattr(exc, "orig", None) or exc.__cause__
    for _ in range(4):  # SQLAlchemy → adapter → driver (asyncpg keeps sqlstate and constraint there)
        if seen is None:
            break
        fields.setdefault("driver_error", type(seen).__name__)
        for attr in ("sqlstate", "constraint_name", "table_name", "column_name"):
            value = getattr(seen, attr, None)
            if isinstance(value, str) and value:
                fields.setdefault(attr, value)
        seen = seen.__cause__ or getattr(seen, "orig", None)
    return fields


def describe_database_error(exc: BaseException) -> str:
    """One line safe for logs and dead-letter reasons (see :func:`database_error_fields`)."""
    fields = database_error_fields(exc)
    return "; ".join(f"{k}={v}" for k, v in fields.items())


def log_database_error(logger: logging.Logger, exc: BaseException, message: str = "database error") -> None:
    """Log a database error with the frames of its traceback but none of its values."""
    fields = database_error_fields(exc)
    fields["traceback"] = "".join(traceback.format_tb(exc.__traceback__))[-4000:]
    logger.error("%s: %s", message, fields["error"], extra={"extra_fields": fields})


def insert_ignore(table: Table, dialect_name: str, **values: Any) -> Any:
    """``INSERT ... ON CONFLICT DO NOTHING`` for both dialects (the inbox's dedup)."""
    if dialect_name == "postgresql":
        return postgresql.insert(table).values(**values).on_conflict_do_nothing()
    return sqlite.insert(table).values(**values).on_conflict_do_nothing()


def insert_ignore_rows(table: Table, dialect_name: str, rows: list[dict[str, Any]]) -> Any:
    """Several rows in one ``INSERT ... ON CONFLICT DO NOTHING`` (add ``.returning()`` to learn
    which went in)."""
    if dialect_name == "postgresql":
        return postgresql.insert(table).values(rows).on_conflict_do_nothing()
    return sqlite.insert(table).values(rows).on_conflict_do_nothing()


async def ping(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


#: Session.info key: the CloudEvents ``source`` of events recorded in this service's sessions.
EVENT_SOURCE = "sosai_event_source"


def event_source(session: AsyncSession) -> str:
    """The ``source`` of the service that owns ``session`` (``/sosai/<service>``).

    Why from the session: the service that writes an outbox row is the one whose
    database it is, so callers never thread ``source=`` through their functions.
    """
    source = session.info.get(EVENT_SOURCE)
    if not isinstance(source, str):
        raise RuntimeError("session has no event source; create sessions with the service's Database")
    return source


class Database:
    """Engine, sessionmaker and platform tables of one service's database.

    ``source`` is the CloudEvents source of the events its sessions record
    (:func:`event_source`); the composition root sets it to ``/sosai/<service>``.
    """

    def __init__(self, url: str, metadata: MetaData, source: str | None = None, **pool: Any) -> None:
        self.url = url
        self.metadata = metadata
        self.engine = create_engine(url, **pool)
        self.outbox = metadata.tables["outbox"]
        self.inbox = metadata.tables["inbox"]
        self.idempotency = metadata.tables["idempotency_keys"]
        self._after_commit: list[Any] = []

        db = self

        class _Session(Session):
            pass

        @event.listens_for(_Session, "after_commit")
        def _committed(session: Session) -> None:
            if session.info.pop("sosai_outbox_wrote", False):
                for callback in db._after_commit:
                    callback()

        self.sessionmaker: async_sessionmaker[AsyncSession] = async_sessionmaker(
            self.engine,
            expire_on_commit=False,
            sync_session_class=_Session,
            info={"outbox_table": self.outbox, EVENT_SOURCE: source},
        )
        #: For transactions that only read (GET requests, the relay's selects): on SQLite they
        #: begin DEFERRED and read a WAL snapshot, never waiting for the write lock; elsewhere the
        #: same as :attr:`sessionmaker`. The same pool serves both.
        self.read_engine = self.engine.execution_options(**{READ_ONLY_OPTION: True})
        self.read_sessionmaker: async_sessionmaker[AsyncSession] = async_sessionmaker(
            self.read_engine,
            expire_on_commit=False,
            sync_session_class=_Session,
            info={"outbox_table": self.outbox, EVENT_SOURCE: source},
        )

    def on_outbox_commit(self, callback: Any) -> None:
        """Call ``callback()`` after any commit that wrote outbox rows (wakes the relay)."""
        self._after_commit.append(callback)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    async def dispose(self) -> None:
        await self.engine.dispose()
