"""Every query over a session's carbon record and the retirements counted for it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from sosai_events_catalog.models import CarbonRecord, EventSession, Registration, RetirementSeen
from sosai_shared.db import insert_ignore, utcnow


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


async def carbon_record(
    session: AsyncSession, session_id: str, *, lock: bool = False, create: bool = False
) -> CarbonRecord | None:
    if create:
        # insert-if-absent first, so two consumers creating the same record never collide
        await session.execute(
            insert_ignore(
                CarbonRecord.__table__,  # type: ignore[attr-defined]
                _dialect(session),
                session_id=session_id,
                credits_retired=0,
                certificate_revoked=False,
                updated_at=utcnow(),
            )
        )
    q = select(CarbonRecord).where(CarbonRecord.session_id == session_id)
    if lock:
        q = q.with_for_update()
    return (await session.execute(q)).scalar_one_or_none()


async def add_retirement(
    session: AsyncSession, *, retirement_id: str, session_id: str, quantity: int, retired_at: datetime
) -> bool:
    """True if this retirement id was new."""
    result = await session.execute(
        insert_ignore(
            RetirementSeen.__table__,  # type: ignore[attr-defined]
            _dialect(session),
            retirement_id=retirement_id,
            session_id=session_id,
            quantity=quantity,
            retired_at=retired_at,
        )
    )
    return bool(getattr(result, "rowcount", 0))


async def retired_for_session(session: AsyncSession, session_id: str) -> int:
    q = select(func.coalesce(func.sum(RetirementSeen.quantity), 0)).where(
        RetirementSeen.session_id == session_id
    )
    return int((await session.execute(q)).scalar_one() or 0)


async def session_exists(session: AsyncSession, session_id: str) -> bool:
    return await session.get(EventSession, session_id) is not None


async def travel_of(session: AsyncSession, session_id: str, states: tuple[str, ...]) -> list[Registration]:
    q = select(Registration).where(Registration.session_id == session_id, Registration.state.in_(states))  # type: ignore[attr-defined]
    return list((await session.execute(q)).scalars().all())


async def retirements_held(session: AsyncSession) -> list[tuple[str, str, int]]:
    """(retirement id, session id, tonnes) of every retirement counted here: the reconciliation's view."""
    q = select(RetirementSeen.retirement_id, RetirementSeen.session_id, RetirementSeen.quantity)
    return [(str(r), str(s), int(n)) for r, s, n in (await session.execute(q)).all()]


async def credits_shown(session: AsyncSession) -> dict[str, int]:
    """The retired tonnes each session's carbon card shows, by session id."""
    q = select(CarbonRecord.session_id, CarbonRecord.credits_retired)
    return {str(s): int(n) for s, n in (await session.execute(q)).all()}
