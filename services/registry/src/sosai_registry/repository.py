"""Every query of the registry. Rows that a transaction moves are selected ``FOR UPDATE``
(PostgreSQL row locks; on SQLite the whole database is already locked by BEGIN IMMEDIATE)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_registry.models import (
    Account,
    Block,
    Certification,
    Counter,
    Issuance,
    Methodology,
    PriceIndication,
    ProjectTransition,
    ProviderOrg,
    Transaction,
    TransactionBlock,
)
from sosai_shared.errors import Conflict
from sosai_shared.pagination import PageParams

T = TypeVar("T")


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


async def get(session: AsyncSession, model: type[T], id_: Any, *, lock: bool = False) -> T | None:
    stmt = select(model).where(model.id == id_)  # type: ignore[attr-defined]
    if lock:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def methodology_by_code(session: AsyncSession, code: str) -> Methodology | None:
    return (await session.execute(select(Methodology).where(Methodology.code == code))).scalar_one_or_none()


async def transitions(session: AsyncSession, project_id: str) -> Sequence[ProjectTransition]:
    return (
        (
            await session.execute(
                select(ProjectTransition)
                .where(ProjectTransition.project_id == project_id)
                .order_by(ProjectTransition.id)
            )
        )
        .scalars()
        .all()
    )


async def overlapping_certification(session: AsyncSession, project_id: str, start: date, end: date) -> bool:
    found = await session.scalar(
        select(func.count())
        .select_from(Certification)
        .where(
            Certification.project_id == project_id,
            Certification.period_start <= end,
            Certification.period_end >= start,
        )
    )
    return bool(found)


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


async def issuance_for_certification(session: AsyncSession, certification_id: str) -> Issuance | None:
    return (
        await session.execute(select(Issuance).where(Issuance.certification_id == certification_id))
    ).scalar_one_or_none()


async def blocks_of(
    session: AsyncSession, account_id: str, *, project_id: str | None = None, lock: bool = False
) -> list[Block]:
    """Blocks of an account in the documented picking order: oldest vintage first, then lowest serial."""
    stmt = select(Block).where(Block.account_id == account_id)
    if project_id is not None:
        stmt = stmt.where(Block.project_id == project_id)
    stmt = stmt.order_by(Block.vintage, Block.start)
    if lock:
        stmt = stmt.with_for_update()
    return list((await session.execute(stmt)).scalars().all())


async def blocks_overlapping(session: AsyncSession, start: int, end: int) -> list[Block]:
    return list(
        (
            await session.execute(
                select(Block).where(Block.start <= end, Block.end >= start).order_by(Block.start)
            )
        )
        .scalars()
        .all()
    )


async def block_containing(session: AsyncSession, serial: int) -> Block | None:
    return (
        await session.execute(select(Block).where(Block.start <= serial, Block.end >= serial))
    ).scalar_one_or_none()


async def issuance_containing(session: AsyncSession, serial: int) -> Issuance | None:
    return (
        await session.execute(
            select(Issuance).where(Issuance.serial_start <= serial, Issuance.serial_end >= serial)
        )
    ).scalar_one_or_none()


async def moves_of_serial(session: AsyncSession, serial: int) -> list[tuple[TransactionBlock, Transaction]]:
    rows = (
        await session.execute(
            select(TransactionBlock, Transaction)
            .join(Transaction, Transaction.id == TransactionBlock.transaction_id)
            .where(TransactionBlock.start <= serial, TransactionBlock.end >= serial)
            .order_by(TransactionBlock.id)
        )
    ).all()
    return [(r[0], r[1]) for r in rows]


async def tx_blocks(session: AsyncSession, transaction_id: str) -> list[TransactionBlock]:
    return list(
        (
            await session.execute(
                select(TransactionBlock)
                .where(TransactionBlock.transaction_id == transaction_id)
                .order_by(TransactionBlock.start)
            )
        )
        .scalars()
        .all()
    )


async def issuances_by_id(session: AsyncSession, ids: set[str]) -> dict[str, Issuance]:
    if not ids:
        return {}
    rows = (await session.execute(select(Issuance).where(Issuance.id.in_(ids)))).scalars().all()  # type: ignore[attr-defined]
    return {i.id: i for i in rows}


async def balance(session: AsyncSession, account_id: str) -> int:
    total = await session.scalar(
        select(func.coalesce(func.sum(Block.end - Block.start + 1), 0)).where(Block.account_id == account_id)
    )
    return int(total or 0)


async def is_provider_org(session: AsyncSession, org: str) -> bool:
    return (await session.get(ProviderOrg, org)) is not None


async def mark_provider_accounts(session: AsyncSession, org: str) -> None:
    await session.execute(update(Account).where(Account.org == org).values(anshin_provider=True))


async def page(session: AsyncSession, stmt: Any, ts_col: Any, id_col: Any, params: PageParams) -> list[Any]:
    """Keyset page over ``(ts_col, id_col)`` ascending; fetches ``limit + 1`` rows."""
    if params.cursor:
        ts, last_id = params.cursor[0], params.cursor[1]
        if (isinstance(ts, str) and "T" in ts) or (isinstance(ts, str) and ":" in ts):
            ts = datetime.fromisoformat(ts)
        elif isinstance(ts, str):
            ts = date.fromisoformat(ts)
        stmt = stmt.where(or_(ts_col > ts, and_(ts_col == ts, id_col > last_id)))
    stmt = stmt.order_by(ts_col, id_col).limit(params.limit + 1)
    return list((await session.execute(stmt)).scalars().all())


async def latest_prices(session: AsyncSession) -> list[PriceIndication]:
    sub = (
        select(PriceIndication.org, PriceIndication.credit_type, func.max(PriceIndication.id).label("mid"))
        .group_by(PriceIndication.org, PriceIndication.credit_type)
        .subquery()
    )
    rows = (
        (
            await session.execute(
                select(PriceIndication)
                .join(sub, PriceIndication.id == sub.c.mid)
                .order_by(PriceIndication.credit_type, PriceIndication.org)
            )
        )
        .scalars()
        .all()
    )
    return list(rows)


async def sums_by_date(
    session: AsyncSession, date_col: Any, qty_col: Any, *where: Any
) -> list[tuple[date, int]]:
    rows = (await session.execute(select(date_col, func.sum(qty_col)).where(*where).group_by(date_col))).all()
    return [(r[0], int(r[1] or 0)) for r in rows]


async def counts_by(session: AsyncSession, col: Any, *where: Any) -> dict[str, int]:
    rows = (await session.execute(select(col, func.count()).where(*where).group_by(col))).all()
    return {str(r[0]): int(r[1]) for r in rows}
