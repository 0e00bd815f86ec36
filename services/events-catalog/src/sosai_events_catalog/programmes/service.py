"""Programmes: creation, changes, lookups, and statistics per fiscal year. Never commits."""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_events_catalog.models import EventSession, Programme
from sosai_events_catalog.programmes import repository as repo
from sosai_events_catalog.programmes.schemas import (
    ProgrammeIn,
    ProgrammeOut,
    ProgrammePatch,
    ProgrammeStatistics,
    StatisticsOut,
)
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict, NotFound
from sosai_shared.pagination import Page, PageParams

LIVE_STATES = ("confirmed", "waitlisted", "attended")


def programme_out(p: Programme) -> ProgrammeOut:
    return ProgrammeOut.model_validate(p, from_attributes=True)


async def create(session: AsyncSession, body: ProgrammeIn) -> Programme:
    if await repo.by_code(session, body.code) is not None:
        raise Conflict(f"A programme with code {body.code!r} exists.", type="programme-exists")
    now = utcnow()
    p = Programme(id=str(uuid.uuid4()), created_at=now, updated_at=now, **body.model_dump())
    session.add(p)
    await session.flush()
    return p


async def programme_for(session: AsyncSession, code: str) -> Programme:
    p = await repo.by_code(session, code)
    if p is None:
        raise NotFound(f"No programme {code!r}.", type="programme-not-found")
    return p


async def update(session: AsyncSession, code: str, body: ProgrammePatch) -> Programme:
    p = await programme_for(session, code)
    for k, v in body.model_dump(exclude_unset=True).items():
        if v is not None:
            setattr(p, k, v)
    p.updated_at = utcnow()
    await session.flush()
    return p


async def page(session: AsyncSession, paging: PageParams) -> Page[ProgrammeOut]:
    return (await repo.page(session, paging)).map(programme_out)


async def statistics(session: AsyncSession, fiscal_year: int | None) -> StatisticsOut:
    programmes = await repo.every(session)
    sessions = await repo.sessions_of_year(session, fiscal_year)
    counts = await repo.registration_counts(session, [s.id for s in sessions])
    by_programme: dict[str, list[EventSession]] = defaultdict(list)
    for s in sessions:
        by_programme[s.programme_id].append(s)
    out = []
    for p in programmes:
        mine = by_programme.get(p.id, [])
        live = [s for s in mine if s.cancelled_at is None]
        out.append(
            ProgrammeStatistics(
                programme_code=p.code,
                name_ja=p.name_ja,
                name_en=p.name_en,
                sessions=len(live),
                places=len({(s.prefecture, s.venue_city) for s in live}),
                cancelled_sessions=len(mine) - len(live),
                registrations=sum(counts.get((s.id, st), 0) for s in live for st in LIVE_STATES),
                attendance=sum(counts.get((s.id, "attended"), 0) for s in live),
            )
        )
    return StatisticsOut(fiscal_year=fiscal_year, programmes=out)
