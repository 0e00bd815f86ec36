"""HTTP of the project list and the project pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from sosai_explorer.deps import AppSettings, PageNo, ReadSession
from sosai_explorer.projects import service
from sosai_explorer.projects.schemas import STATUSES, ProjectFilters
from sosai_explorer.web import render
from sosai_shared.auth import public

router = APIRouter(dependencies=[public], include_in_schema=False)
Filters = Annotated[ProjectFilters, Query()]


@router.get("/projects", response_class=HTMLResponse)
async def projects(
    request: Request, session: ReadSession, settings: AppSettings, filters: Filters, page: PageNo = 1
) -> HTMLResponse:
    data = await service.list_projects(session, filters, page, settings.page_size)
    return render(request, "projects.html", filters=filters, statuses=STATUSES, **data)


@router.get("/projects/{project_id}", response_class=HTMLResponse)
async def project(
    request: Request,
    session: ReadSession,
    project_id: str = Path(max_length=100, pattern=r"^[A-Za-z0-9._:-]+$"),
) -> HTMLResponse:
    return render(request, "project.html", **(await service.project_page(session, project_id)))
