"""Every query of the ledger: counters, issued ranges, blocks and the move log.

Rows that a transaction moves are selected ``FOR UPDATE`` (PostgreSQL row locks; on SQLite the
whole database is already locked by BEGIN IMMEDIATE).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TypeVar

from sqlalchemy import func, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, and_, col, or_, select

from sosai_registry.models import Block, Counter, Issuance, Transaction, TransactionBlock
from sosai_shared.errors import Conflict

T = TypeVar("T", bound=SQLModel)


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


async def neighbours(
    session: AsyncSession, account_id: str, issuance_id: str, vintage: int, start: int, end: int
) -> list[Block]:
    """Blocks of the same issuance in ``account_id`` that end just below ``start`` or begin just above ``end``.

    Why this shape: an account's blocks are disjoint, so the one ending at ``start - 1`` (if any) is
    the one that starts last below ``start``; both candidates are then found through the account's
    (account, vintage, start) index instead of by reading every block of the account, which made each
    retirement slower as the retirement account filled up.
    """
    below = (
        select(Block.id)
        .where(Block.account_id == account_id, Block.vintage == vintage, Block.start < start)
        .order_by(col(Block.start).desc())
        .limit(1)
        .scalar_subquery()
    )
    above = and_(Block.account_id == account_id, Block.vintage == vintage, Block.start == end + 1)
    stmt = (
        select(Block).where(or_(col(Block.id) == below, above)).order_by(col(Block.start)).with_for_update()
    )
    found = (await session.execute(stmt)).scalars().all()
    return [
        b
        for b in found
        if b.account_id == account_id
        and b.issuance_id == issuance_id
        and (b.end == start - 1 or b.start == end + 1)
    ]


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
