"""Every query over transactions and issuances that is not a block movement (those are the ledger's)."""

from __future__ import annotations

from datetime import date
from typing import cast

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, or_, select

from sosai_registry.models import Issuance, Transaction, TransactionBlock
from sosai_shared.direct_sql import DirectStatement
from sosai_shared.pagination import Page, PageParams, keyset_page


async def issuance_for_certification(session: AsyncSession, certification_id: str) -> Issuance | None:
    stmt = select(Issuance).where(Issuance.certification_id == certification_id)
    return (await session.execute(stmt)).scalar_one_or_none()


_TX = cast(Table, Transaction.__table__)  # type: ignore[attr-defined]  # SQLModel does not declare it
_INSERT_TX = DirectStatement(insert(_TX).inline())  # sent to the driver directly on PostgreSQL


async def insert_transaction(session: AsyncSession, tx: Transaction) -> None:
    """Insert ``tx`` with one Core statement; the object stays outside the session (transfers and
    retirements are inserted completed and never change again, so there is nothing to track)."""
    await _INSERT_TX.run(session, {c.name: getattr(tx, c.key) for c in _TX.columns})


async def transactions_page(
    session: AsyncSession,
    params: PageParams,
    *,
    status: str | None = None,
    kind: str | None = None,
    account_id: str | None = None,
) -> Page[Transaction]:
    stmt = select(Transaction)
    if status:
        stmt = stmt.where(Transaction.status == status)
    if kind:
        stmt = stmt.where(Transaction.kind == kind)
    if account_id is not None:
        stmt = stmt.where(
            or_(Transaction.from_account_id == account_id, Transaction.to_account_id == account_id)
        )
    return await keyset_page(session, stmt, (col(Transaction.created_at), col(Transaction.id)), params)


async def retirements_page(
    session: AsyncSession,
    params: PageParams,
    *,
    beneficiary: str | None = None,
    project_id: str | None = None,
    from_date: date | None = None,
    to_date: date | None = None,
) -> Page[Transaction]:
    """Completed retirements, filterable by beneficiary, project (through the blocks they moved) and date."""
    stmt = select(Transaction).where(Transaction.kind == "retirement", Transaction.status == "completed")
    if beneficiary:
        stmt = stmt.where(Transaction.beneficiary == beneficiary)
    if from_date:
        stmt = stmt.where(Transaction.effective_on >= from_date)
    if to_date:
        stmt = stmt.where(Transaction.effective_on <= to_date)
    if project_id:
        stmt = stmt.where(
            col(Transaction.id).in_(
                select(TransactionBlock.transaction_id)
                .join(Issuance, col(Issuance.id) == TransactionBlock.issuance_id)
                .where(Issuance.project_id == project_id)
            )
        )
    return await keyset_page(session, stmt, (col(Transaction.created_at), col(Transaction.id)), params)
