"""The outreach calendar: each session with its carbon card (estimate, retired, certificate)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_explorer.certificates.rules import status
from sosai_explorer.deps import Pager
from sosai_explorer.outreach import repository as repo
from sosai_explorer.outreach.schemas import Calendar, CarbonCard
from sosai_shared.fiscal import today_jst


async def calendar(session: AsyncSession, page: int, size: int) -> Calendar:
    pager = Pager(page, size, await repo.count(session)).check()
    rows = await repo.sessions(session, pager.offset, pager.size)
    ids = [s.session_id for s in rows]
    footprints = await repo.footprints_of(session, ids)
    retired = await repo.retired_for(session, ids)
    certs = await repo.certificates_of(session, ids)
    today = today_jst()
    cards: list[CarbonCard] = []
    for s in rows:
        # the catalog's own figure when it reported one; else what the registry's retirements say
        number = s.certificate_number or (certs[s.session_id].number if s.session_id in certs else None)
        cert = certs.get(s.session_id)
        cards.append(
            {
                "session": s,
                "footprint": footprints.get(s.session_id),
                "retired": s.credits_retired if s.credits_retired is not None else retired.get(s.session_id),
                "certificate": number,
                "status": status(cert, today) if cert is not None else None,
            }
        )
    return {"pager": pager, "cards": cards}
