"""HTTP of the serial lookup and the retirement pages."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from sosai_explorer.deps import TEXT, AppSettings, PageNo, ReadSession
from sosai_explorer.ledger import service
from sosai_explorer.web import render
from sosai_shared.auth import public
from sosai_shared.dates import IsoDate

router = APIRouter(dependencies=[public], include_in_schema=False)
ID = r"^[A-Za-z0-9._:-]+$"


@router.get("/serials", response_class=HTMLResponse)
async def serials(
    request: Request, session: ReadSession, q: str | None = Query(default=None, max_length=80, pattern=TEXT)
) -> HTMLResponse:
    if not q:
        return render(request, "serials.html", q="", life=None)
    return render(request, "serials.html", q=q, life=await service.serial_life(session, q))


@router.get("/retirements", response_class=HTMLResponse)
async def retirements(
    request: Request,
    session: ReadSession,
    settings: AppSettings,
    page: PageNo = 1,
    beneficiary: str | None = Query(default=None, max_length=100, pattern=TEXT),
    project: str | None = Query(default=None, max_length=100, pattern=r"^[A-Za-z0-9._:-]*$"),
    # FastAPI types ge/le as numbers; pydantic compares dates with them all the same
    since: IsoDate | None = Query(default=None, alias="from", ge=date(1990, 1, 1), le=date(2999, 12, 31)),  # type: ignore[arg-type]
    until: IsoDate | None = Query(default=None, alias="to", ge=date(1990, 1, 1), le=date(2999, 12, 31)),  # type: ignore[arg-type]
) -> HTMLResponse:
    data = await service.retirements(
        session,
        beneficiary=beneficiary,
        project_id=project or None,
        since=since,
        until=until,
        page=page,
        size=settings.page_size,
    )
    filters = {"beneficiary": beneficiary or "", "project": project or "", "from": since, "to": until}
    return render(request, "retirements.html", filters=filters, **data)


@router.get("/retirements/{retirement_id}", response_class=HTMLResponse)
async def retirement(
    request: Request, session: ReadSession, retirement_id: str = Path(max_length=100, pattern=ID)
) -> HTMLResponse:
    return render(request, "retirement.html", **(await service.retirement(session, retirement_id)))
