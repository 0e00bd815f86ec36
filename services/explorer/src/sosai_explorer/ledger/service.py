"""The life of a serial, the retirement lists and one retirement's notice."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_explorer.deps import Pager
from sosai_explorer.ledger import repository as repo
from sosai_explorer.ledger import rules
from sosai_explorer.ledger.schemas import Retirement, RetirementList, SerialLife
from sosai_explorer.web import PageError
from sosai_shared.fiscal import JST


async def serial_life(session: AsyncSession, text: str) -> SerialLife:
    try:
        query = rules.parse(text)
    except ValueError:
        raise PageError(422, "error.bad_serial", text) from None
    steps = await repo.blocks_overlapping(session, query.start, query.end)
    if not steps:
        raise PageError(404, "error.unknown_serial", query.text)
    projects = await repo.projects_named(session, {b.project_id for b, _ in steps})
    return {"query": query, "steps": steps, "projects": projects}


def _jst_start(d: date | None) -> datetime | None:
    return None if d is None else datetime.combine(d, time.min, tzinfo=JST)


async def retirements(
    session: AsyncSession,
    *,
    beneficiary: str | None,
    project_id: str | None,
    since: date | None,
    until: date | None,
    page: int,
    size: int,
) -> RetirementList:
    stmt = repo.retirements_query(
        beneficiary, project_id, _jst_start(since), _jst_start(until + timedelta(days=1) if until else None)
    )
    pager = Pager(page, size, await repo.count(session, stmt)).check()
    return {"pager": pager, "rows": await repo.page(session, stmt, pager.offset, pager.size)}


async def retirement(session: AsyncSession, retirement_id: str) -> Retirement:
    entry = await repo.entry(session, retirement_id)
    if entry is None or entry.kind != "retired":
        raise PageError(404, "error.not_found")
    return {
        "entry": entry,
        "blocks": await repo.blocks_of(session, retirement_id),
        "claims": await repo.certificates_claiming(session, entry),
    }
