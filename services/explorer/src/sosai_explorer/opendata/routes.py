"""HTTP of the open data: the download page, each CSV, the archive and its descriptor."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse, StreamingResponse

from sosai_explorer.deps import AppSettings
from sosai_explorer.opendata.datasets import BY_NAME, DATASETS, descriptor
from sosai_explorer.opendata.service import archive_stream, csv_stream
from sosai_explorer.web import PageError, render
from sosai_shared.auth import public

router = APIRouter(dependencies=[public], include_in_schema=False)


@router.get("/data", response_class=HTMLResponse)
async def data_page(request: Request) -> HTMLResponse:
    return render(request, "data.html", datasets=DATASETS)


@router.get("/data/datapackage.json")
async def datapackage(settings: AppSettings) -> JSONResponse:
    return JSONResponse(descriptor(settings.public_url))


@router.get("/data/sosai-open-data.zip")
async def archive(request: Request, settings: AppSettings) -> StreamingResponse:
    return StreamingResponse(
        archive_stream(request.app.state.runtime.db.sessionmaker, settings.public_url),
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="sosai-open-data.zip"'},
    )


@router.get("/data/{name}.csv")
async def dataset_csv(
    request: Request, name: str = Path(max_length=40, pattern=r"^[a-z_]+$")
) -> StreamingResponse:
    d = BY_NAME.get(name)
    if d is None:
        raise PageError(404, "error.not_found", name)
    return StreamingResponse(
        csv_stream(request.app.state.runtime.db.sessionmaker, d),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{d.path}"'},
    )
