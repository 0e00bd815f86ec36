"""Rules of the reported-case register: who reports, and bulk seeding by programme staff."""

from __future__ import annotations

import uuid

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_certification import metrics
from sosai_certification.cases.schemas import ReportedCaseIn
from sosai_certification.models import ReportedCase
from sosai_shared.auth import Principal
from sosai_shared.committed import after_commit
from sosai_shared.db import utcnow


async def create_one(session: AsyncSession, principal: Principal, item: ReportedCaseIn) -> ReportedCase:
    case = ReportedCase(
        id=str(uuid.uuid4()), reporter_org=principal.org, created_at=utcnow(), **item.model_dump()
    )
    session.add(case)
    await session.flush()
    offset_type = item.offset_type
    after_commit(session, lambda: metrics.REPORTED_CASES.labels(offset_type).inc())
    return case


async def create_many(session: AsyncSession, principal: Principal, items: list[ReportedCaseIn]) -> list[str]:
    now = utcnow()
    rows = [
        {"id": str(uuid.uuid4()), "reporter_org": principal.org, "created_at": now, **item.model_dump()}
        for item in items
    ]
    # one multi-row statement: a 1,000-case seed is one round trip, not a thousand ORM flushes
    await session.execute(insert(ReportedCase), rows)
    counts: dict[str, int] = {}
    for item in items:
        counts[item.offset_type] = counts.get(item.offset_type, 0) + 1

    def bump() -> None:
        for offset_type, n in counts.items():
            metrics.REPORTED_CASES.labels(offset_type).inc(n)

    after_commit(session, bump)
    return [r["id"] for r in rows]
