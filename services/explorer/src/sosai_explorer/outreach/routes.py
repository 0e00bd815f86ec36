"""HTTP of the outreach calendar."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from sosai_explorer.deps import AppSettings, PageNo, ReadSession
from sosai_explorer.outreach import service
from sosai_explorer.web import render
from sosai_shared.auth import public

router = APIRouter(dependencies=[public], include_in_schema=False)


@router.get("/calendar", response_class=HTMLResponse)
async def calendar(
    request: Request, session: ReadSession, settings: AppSettings, page: PageNo = 1
) -> HTMLResponse:
    return render(request, "calendar.html", **(await service.calendar(session, page, settings.page_size)))
