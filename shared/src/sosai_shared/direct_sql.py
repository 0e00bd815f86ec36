"""Hot-path statements run on the database driver itself, inside the session's transaction.

Why: a profile of the registry's transfers (bench/registry.md) put most of a move's CPU in
SQLAlchemy's per-execution machinery (cache keys, execution contexts, result wrapping, the greenlet
hop), about 0.9 ms per statement on the benchmark machine, for statements whose SQL never changes.
A :class:`DirectStatement` is still written as a SQLAlchemy Core statement, compiled once per
dialect and column set; on PostgreSQL it is then sent straight to the session's asyncpg connection
(which prepares it once per connection), with the statement's bind processors applied, so types
such as ``UTCDateTime`` behave exactly as through SQLAlchemy. On any other database (SQLite, the
embedded default) it runs through ``session.execute``: one statement, two ways to send it.

The driver is used only inside the session's transaction: when the session has begun but its
adapter has not yet sent BEGIN (it does so lazily, with the first statement), the adapter is asked
to send it first, exactly as its own first execution would; so a direct statement never runs
outside the transaction that SQLAlchemy commits or rolls back. Results are plain mappings; nothing enters the ORM's identity map, so
callers must not read the same rows through ORM objects in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Executable
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.util import await_only, greenlet_spawn

_DRIVER = "sosai_direct_sql_driver"


class _Compiled:
    def __init__(self, compiled: SQLCompiler) -> None:
        self.sql = compiled.string
        self.names: list[str] = list(compiled.positiontup or [])
        self.defaults: dict[str, Any] = dict(compiled.params)
        # tuple-valued binds (which carry a sequence of processors) are not used on the hot path
        self.processors = cast(dict[str, Callable[[Any], Any]], dict(compiled._bind_processors))

    def args(self, params: Mapping[str, Any]) -> list[Any]:
        out = []
        for name in self.names:
            value = params[name] if name in params else self.defaults[name]
            proc = self.processors.get(name)
            out.append(value if proc is None or value is None else proc(value))
        return out


class _Driver:
    """The asyncpg connection under SQLAlchemy's adapter, whose errors it raises as SQLAlchemy would.

    Callers tell errors apart by SQLAlchemy's classes (a lost connection is an ``InterfaceError``
    or ``OperationalError``: 503 to a client, a retry to a consumer; an ``IntegrityError`` is the
    request's conflict), so a driver error is translated by the adapter, then wrapped the same way.
    """

    def __init__(self, adapted: Any, dialect: Dialect) -> None:
        self.adapted = adapted
        self.connection = adapted.driver_connection
        self.dialect = dialect

    async def call(self, sql: str, method: str, args: list[Any]) -> Any:
        try:
            if method == "executemany":
                return await self.connection.executemany(sql, args)
            return await getattr(self.connection, method)(sql, *args)
        except Exception as exc:
            raise self._as_sqlalchemy_error(sql, exc) from exc

    def _as_sqlalchemy_error(self, sql: str, exc: Exception) -> Exception:
        dbapi = self.dialect.loaded_dbapi
        try:
            self.adapted._handle_exception(exc)  # always raises: the adapter's DBAPI-shaped error
        except Exception as translated:
            if isinstance(translated, dbapi.Error):
                lost = bool(self.dialect.is_disconnect(translated, None, None))
                return DBAPIError.instance(
                    sql, None, translated, dbapi.Error, connection_invalidated=lost, dialect=self.dialect
                )
            return translated
        return exc


def _driver_of(sync: Session) -> _Driver | None:
    """The asyncpg connection of ``sync``'s open transaction (BEGIN sent), or None to go through
    SQLAlchemy; synchronous, so it runs in the async session's greenlet (or in a session event)."""
    tx = sync.get_transaction()
    cached = sync.info.get(_DRIVER)
    if cached is not None and cached[0] is tx:
        return cast(_Driver, cached[1])
    bind = sync.get_bind()
    if tx is None or bind.dialect.name != "postgresql":
        return None
    adapted = sync.connection().connection.dbapi_connection
    if adapted is None or not hasattr(adapted, "_transaction"):
        return None  # not SQLAlchemy's asyncpg adapter: go through SQLAlchemy
    if adapted._transaction is None:
        # the session's transaction has begun in SQLAlchemy but the adapter sends BEGIN lazily,
        # with the first statement: send it the way the adapter itself would, so the direct
        # statement runs inside the transaction that SQLAlchemy will commit or roll back
        await_only(adapted._start_transaction())
    driver = _Driver(adapted, bind.dialect)
    sync.info[_DRIVER] = (tx, driver)
    return driver


class DirectStatement:
    """A Core statement sent to asyncpg directly on PostgreSQL, through SQLAlchemy elsewhere.

    Inserts take their columns from the keys of the rows given (as ``insert(table)`` executed with
    parameters does); build them with ``.inline()`` so that no primary key is fetched back.
    """

    #: called with the SQL of every statement sent to the driver directly (SQLAlchemy's engine
    #: events do not see them); tests that count a request's round trips listen here too
    observers: list[Callable[[str], None]] = []

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._compiled: dict[tuple[str, tuple[str, ...]], _Compiled] = {}

    def _for(self, dialect: Dialect, keys: tuple[str, ...]) -> _Compiled:
        found = self._compiled.get((dialect.name, keys))
        if found is None:
            compiled = self.statement.compile(dialect=dialect, column_keys=list(keys))  # type: ignore[attr-defined]
            found = self._compiled[(dialect.name, keys)] = _Compiled(compiled)
        return found

    async def _driver(self, session: AsyncSession) -> _Driver | None:
        """The asyncpg connection of the session's open transaction, or None to go through SQLAlchemy."""
        tx = session.sync_session.get_transaction()
        cached = session.info.get(_DRIVER)
        if cached is not None and cached[0] is tx:
            return cast(_Driver, cached[1])
        if tx is None or session.bind is None or session.bind.dialect.name != "postgresql":
            return None
        return await greenlet_spawn(_driver_of, session.sync_session)

    def _observe(self, sql: str) -> None:
        for observer in self.observers:
            observer(sql)

    async def rows(self, session: AsyncSession, params: Mapping[str, Any]) -> Sequence[Mapping[str, Any]]:
        """The rows a query returns, as mappings of column name to value."""
        driver = await self._driver(session)
        if driver is None:
            result = await session.execute(self.statement, dict(params))
            return [cast(Mapping[str, Any], m) for m in result.mappings().all()]
        c = self._for(session.bind.dialect, ())  # type: ignore[union-attr]
        self._observe(c.sql)
        records: Sequence[Mapping[str, Any]] = await driver.call(c.sql, "fetch", c.args(params))
        return records

    async def run(self, session: AsyncSession, params: Mapping[str, Any]) -> None:
        """Execute once (an update, a delete, or an insert of one row)."""
        await self.run_many(session, [params])

    def run_in_event(self, sync: Session, params: Mapping[str, Any]) -> None:
        """Execute once from a session event (``before_commit``), which SQLAlchemy runs inside the
        async session's greenlet: the driver is awaited from there."""
        driver = _driver_of(sync)
        if driver is None:
            sync.execute(self.statement, dict(params))
            return
        c = self._for(driver.dialect, tuple(sorted(params)))
        self._observe(c.sql)
        await_only(driver.call(c.sql, "execute", c.args(params)))

    async def run_many(self, session: AsyncSession, rows: Sequence[Mapping[str, Any]]) -> None:
        """Execute for every row (an insert of several rows); all rows have the same keys."""
        if not rows:
            return
        driver = await self._driver(session)
        if driver is None:
            await session.execute(self.statement, [dict(r) for r in rows] if len(rows) > 1 else dict(rows[0]))
            return
        c = self._for(session.bind.dialect, tuple(sorted(rows[0])))  # type: ignore[union-attr]
        self._observe(c.sql)
        if len(rows) == 1:
            await driver.call(c.sql, "execute", c.args(rows[0]))
        else:
            await driver.call(c.sql, "executemany", [c.args(r) for r in rows])
