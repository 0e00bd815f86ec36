"""The programme at a glance and the regional flows, assembled from the read model."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_explorer.models import Certificate, OutreachSession, Project
from sosai_explorer.programme import repository as repo
from sosai_explorer.programme.schemas import Overview, RegionRow, Regions


async def overview(session: AsyncSession) -> Overview:
    # by the credits' vintage, not the events' times: a programme loaded today (the FY2010 seed) keeps
    # its FY2008-FY2010 shape, and a retirement counts against the year its credits were earned
    by_fy: dict[int, dict[str, int]] = defaultdict(lambda: {"issued": 0, "retired": 0})
    for vintage, kind, tonnes in await repo.tonnes_by_vintage(session):
        by_fy[vintage][kind] += tonnes
    return {
        "figures": await repo.figures(session),
        "by_fy": sorted(by_fy.items()),
        "by_category": await repo.count_by(session, col(Project.category)),
        "by_type": await repo.count_by(
            session, col(Certificate.offset_type), col(Certificate.certified_at).is_not(None)
        ),
        "by_programme": await repo.count_by(session, col(OutreachSession.programme_code)),
        "projects_by_prefecture": await repo.count_by(session, col(Project.prefecture)),
    }


async def regions(session: AsyncSession) -> Regions:
    issued = await repo.issued_by_prefecture(session)
    flows = await repo.retirement_flows(session)
    retired: dict[str, int] = defaultdict(int)
    orgs: dict[str, set[str]] = defaultdict(set)
    for f in flows:
        retired[f["origin"]] += f["tonnes"]
        orgs[f["origin"]].add(f["holder"] or "")
    rows: list[RegionRow] = [
        {
            "prefecture": k,
            "issued": issued.get(k, 0),
            "retired": retired.get(k, 0),
            "orgs": len(orgs.get(k, ())),
        }
        for k in sorted(set(issued) | set(retired))
    ]
    return {"issued": issued, "rows": rows, "flows": flows}
