"""Every query over contacts, the mail outbox and the watched certificates."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_notifications.models import CertificateWatch, Contact, Mail
from sosai_shared.db import insert_ignore


async def contact(session: AsyncSession, org: str) -> Contact | None:
    return await session.get(Contact, org)


async def queue(session: AsyncSession, values: dict[str, object]) -> bool:
    """Insert a mail unless one with its dedup key exists; True if queued."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    result = await session.execute(insert_ignore(Mail.__table__, dialect, **values))  # type: ignore[attr-defined]  # SQLModel does not declare it
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def pending_mail(session: AsyncSession, limit: int) -> list[Mail]:
    stmt = select(Mail).where(col(Mail.status) == "pending").order_by(col(Mail.created_at)).limit(limit)
    return list((await session.execute(stmt)).scalars())


async def watch(session: AsyncSession, values: dict[str, object]) -> None:
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    await session.execute(insert_ignore(CertificateWatch.__table__, dialect, **values))  # type: ignore[attr-defined]  # SQLModel does not declare it


async def mark_revoked(session: AsyncSession, number: str) -> None:
    await session.execute(
        update(CertificateWatch)
        .where(col(CertificateWatch.certificate_number) == number)
        .values(revoked=True)
    )


async def expiring(session: AsyncSession, until: date) -> list[CertificateWatch]:
    stmt = select(CertificateWatch).where(
        col(CertificateWatch.valid_until) <= until,
        col(CertificateWatch.revoked).is_(False),
        col(CertificateWatch.reminded_at).is_(None),
    )
    return list((await session.execute(stmt.with_for_update())).scalars())
