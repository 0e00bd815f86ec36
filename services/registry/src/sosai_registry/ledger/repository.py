"""Every query of the ledger: counters, issued ranges, blocks and the move log.

Rows that a transaction moves are selected ``FOR UPDATE`` (PostgreSQL row locks; on SQLite the
whole database is already locked by BEGIN IMMEDIATE).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar, cast

from sqlalchemy import Table, bindparam, delete, func, insert, inspect, update
from sqlalchemy import select as core_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, and_, col, or_, select

from sosai_registry.models import Block, Counter, Issuance, Transaction, TransactionBlock
from sosai_shared.direct_sql import DirectStatement
from sosai_shared.errors import Conflict

T = TypeVar("T", bound=SQLModel)

#: the move engine reads and writes these two tables with Core statements, outside the ORM's unit of
#: work: a move is a fixed handful of statements, and building, tracking and flushing ORM objects for
#: them cost most of the registry's CPU per move (bench/registry.md)
BLOCKS = cast(Table, Block.__table__)  # type: ignore[attr-defined]  # SQLModel does not declare it
MOVE_LOG = cast(Table, TransactionBlock.__table__)  # type: ignore[attr-defined]


@dataclass(slots=True)
class Held:
    """A block row as the move engine reads it: plain values, never tracked by the session."""

    id: int
    account_id: str
    issuance_id: str
    project_id: str
    start: int
    end: int
    vintage: int
    scheme: str
    credit_type: str
    programme: str
    project_code: str
    validity_end: date

    @property
    def quantity(self) -> int:
        return self.end - self.start + 1


async def get(session: AsyncSession, model: type[T], id_: str, *, lock: bool = False) -> T | None:
    """The row of ``model`` with primary key ``id_``, read afresh (and locked ``FOR UPDATE`` when asked)."""
    stmt = select(model).where(inspect(model).primary_key[0] == id_)
    if lock:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def next_counter(session: AsyncSession, name: str, step: int) -> int:
    """Reserve ``step`` values of a counter; returns the first. The row lock serialises allocators."""
    row = (
        await session.execute(select(Counter).where(Counter.name == name).with_for_update())
    ).scalar_one_or_none()
    if row is None:
        row = Counter(name=name, value=0)
        session.add(row)
        await session.flush()
    first = row.value + 1
    row.value = row.value + step
    await session.flush()
    return first


async def overlapping_issuance(session: AsyncSession, start: int, end: int) -> bool:
    found = await session.scalar(
        select(func.count())
        .select_from(Issuance)
        .where(Issuance.serial_start <= end, Issuance.serial_end >= start)
    )
    return bool(found)


async def insert_issuance(session: AsyncSession, issuance: Issuance) -> None:
    """Insert an issued range after the code-level overlap check (the database re-checks on PostgreSQL)."""
    if await overlapping_issuance(session, issuance.serial_start, issuance.serial_end):
        raise Conflict(
            f"Serials {issuance.serial_start}-{issuance.serial_end} overlap an issued range.",
            type="overlapping-serials",
            title="Overlapping serials",
        )
    session.add(issuance)
    await session.flush()


async def blocks_of(
    session: AsyncSession, account_id: str, *, project_id: str | None = None, lock: bool = False
) -> list[Block]:
    """Blocks of an account in the documented picking order: oldest vintage first, then lowest serial."""
    stmt = select(Block).where(Block.account_id == account_id)
    if project_id is not None:
        stmt = stmt.where(Block.project_id == project_id)
    stmt = stmt.order_by(col(Block.vintage), col(Block.start))
    if lock:
        stmt = stmt.with_for_update()
    return list((await session.execute(stmt)).scalars().all())


async def blocks_overlapping(session: AsyncSession, start: int, end: int) -> list[Block]:
    stmt = select(Block).where(Block.start <= end, Block.end >= start).order_by(col(Block.start))
    return list((await session.execute(stmt)).scalars().all())


async def block_containing(session: AsyncSession, serial: int) -> Block | None:
    stmt = select(Block).where(Block.start <= serial, Block.end >= serial)
    return (await session.execute(stmt)).scalar_one_or_none()


async def issuance_containing(session: AsyncSession, serial: int) -> Issuance | None:
    stmt = select(Issuance).where(Issuance.serial_start <= serial, Issuance.serial_end >= serial)
    return (await session.execute(stmt)).scalar_one_or_none()


async def moves_of_serial(session: AsyncSession, serial: int) -> list[tuple[TransactionBlock, Transaction]]:
    rows = (
        await session.execute(
            select(TransactionBlock, Transaction)
            .join(Transaction, col(Transaction.id) == TransactionBlock.transaction_id)
            .where(TransactionBlock.start <= serial, TransactionBlock.end >= serial)
            .order_by(col(TransactionBlock.id))
        )
    ).all()
    return [(r[0], r[1]) for r in rows]


async def tx_blocks(session: AsyncSession, transaction_ids: Collection[str]) -> list[TransactionBlock]:
    """The ranges moved by these transactions, in one query (ordered by transaction, then serial)."""
    if not transaction_ids:
        return []
    stmt = (
        select(TransactionBlock)
        .where(col(TransactionBlock.transaction_id).in_(transaction_ids))
        .order_by(col(TransactionBlock.transaction_id), col(TransactionBlock.start))
    )
    return list((await session.execute(stmt)).scalars().all())


async def issuances_by_id(session: AsyncSession, ids: Collection[str]) -> dict[str, Issuance]:
    if not ids:
        return {}
    stmt = select(Issuance).where(col(Issuance.id).in_(ids))
    return {i.id: i for i in (await session.execute(stmt)).scalars().all()}


async def balance(session: AsyncSession, account_id: str) -> int:
    total = await session.scalar(
        select(func.coalesce(func.sum(Block.end - Block.start + 1), 0)).where(Block.account_id == account_id)
    )
    return int(total or 0)


def _held(rows: Sequence[Mapping[str, Any]]) -> list[Held]:
    return [Held(**row) for row in rows]


# The move engine's statements are built once, with bind parameters, and sent to the driver
# directly on PostgreSQL (``DirectStatement``): a move is a fixed handful of statements whose SQL
# never changes, and SQLAlchemy's per-execution work was most of the move's CPU (bench/registry.md).
_C = BLOCKS.c
_HELD = core_select(BLOCKS).where(_C.account_id == bindparam("account_id")).order_by(_C.vintage, _C.start)
_HELD_ALL = DirectStatement(_HELD.with_for_update())
_HELD_OF_PROJECT = DirectStatement(_HELD.where(_C.project_id == bindparam("project_id")).with_for_update())
_BELOW = (
    core_select(_C.id)
    .where(_C.account_id == bindparam("account_id"), _C.vintage == bindparam("vintage"))
    .where(_C.start < bindparam("start"))
    .order_by(_C.start.desc())
    .limit(1)
    .scalar_subquery()
)
_ADJACENT = DirectStatement(
    core_select(BLOCKS)
    .where(
        or_(
            _C.id == _BELOW,
            and_(
                _C.account_id == bindparam("account_id"),
                _C.vintage == bindparam("vintage"),
                _C.start == bindparam("above"),
            ),
        )
    )
    .order_by(_C.start)
    .with_for_update()
)
_INSERT_BLOCK = DirectStatement(insert(BLOCKS).inline())
#: the SET clause comes from the keys given (start, end, account_id); the row is named by ``block``
_SET_BLOCK = DirectStatement(update(BLOCKS).where(_C.id == bindparam("block")))
_DELETE_BLOCK = DirectStatement(delete(BLOCKS).where(_C.id == bindparam("block")))
_INSERT_MOVE = DirectStatement(insert(MOVE_LOG).inline())


async def held_blocks(session: AsyncSession, account_id: str, *, project_id: str | None = None) -> list[Held]:
    """An account's blocks, locked ``FOR UPDATE``, in the picking order (oldest vintage, lowest serial)."""
    if project_id is None:
        return _held(await _HELD_ALL.rows(session, {"account_id": account_id}))
    params = {"account_id": account_id, "project_id": project_id}
    return _held(await _HELD_OF_PROJECT.rows(session, params))


async def adjacent_held(
    session: AsyncSession, account_id: str, issuance_id: str, vintage: int, start: int, end: int
) -> list[Held]:
    """Blocks of the same issuance in ``account_id`` that end just below ``start`` or begin just above ``end``.

    Why this shape: an account's blocks are disjoint, so the one ending at ``start - 1`` (if any) is
    the one that starts last below ``start``; both candidates are then found through the account's
    (account, vintage, start) index instead of by reading every block of the account, which made each
    retirement slower as the retirement account filled up. Locked ``FOR UPDATE``.
    """
    params = {"account_id": account_id, "vintage": vintage, "start": start, "above": end + 1}
    found = _held(await _ADJACENT.rows(session, params))
    return [
        b
        for b in found
        if b.account_id == account_id
        and b.issuance_id == issuance_id
        and (b.end == start - 1 or b.start == end + 1)
    ]


async def insert_blocks(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    await _INSERT_BLOCK.run_many(session, rows)


async def set_block(session: AsyncSession, block_id: int, **values: Any) -> None:
    """Change a block's range (``start``, ``end``) and possibly its holder (``account_id``)."""
    await _SET_BLOCK.run(session, {"block": block_id, **values})


async def delete_blocks(session: AsyncSession, ids: Collection[int]) -> None:
    await _DELETE_BLOCK.run_many(session, [{"block": i} for i in sorted(ids)])


async def insert_moves(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Log moved ranges (``transaction_blocks``), one statement for all of a move's pieces."""
    await _INSERT_MOVE.run_many(session, rows)
