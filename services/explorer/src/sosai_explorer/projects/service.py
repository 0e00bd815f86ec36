"""The project list (filtered, paged) and one project's page."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_explorer.deps import Pager
from sosai_explorer.projects import repository as repo
from sosai_explorer.projects.schemas import ProjectFilters, ProjectList, ProjectPage
from sosai_explorer.web import PageError


async def list_projects(session: AsyncSession, f: ProjectFilters, page: int, size: int) -> ProjectList:
    pager = Pager(page, size, await repo.count(session, f)).check()
    return {
        "pager": pager,
        "rows": await repo.page(session, f, pager.offset, pager.size),
        "options": await repo.options(session),
    }


async def project_page(session: AsyncSession, project_id: str) -> ProjectPage:
    project = await repo.project(session, project_id)
    if project is None:
        raise PageError(404, "error.not_found")
    issuances = await repo.entries(session, project_id, ("issued",))
    retirements = await repo.retirements(session, project_id)
    return {
        "project": project,
        "certifications": await repo.certifications(session, project_id),
        "issuances": issuances,
        "buffer": [i for i in issuances if i.buffer_quantity],
        "reversals": await repo.entries(session, project_id, ("buffer_reversed",)),
        "retirements": retirements,
        "totals": {
            "issued": sum(i.quantity for i in issuances),
            "buffer": sum(i.buffer_quantity for i in issuances),
            "retired": sum(n for _, n in retirements),
        },
    }
