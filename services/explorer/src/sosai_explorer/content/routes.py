"""HTTP of the columns, news and about pages."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from sosai_explorer.content import service
from sosai_explorer.web import PageError, lang_of, render
from sosai_shared.auth import public

router = APIRouter(dependencies=[public], include_in_schema=False)


@router.get("/columns", response_class=HTMLResponse)
async def columns(request: Request) -> HTMLResponse:
    return render(request, "columns.html", articles=service.columns(lang_of(request)))


@router.get("/columns/{slug}", response_class=HTMLResponse)
async def column(request: Request, slug: str = Path(max_length=80, pattern=r"^[a-z0-9-]+$")) -> HTMLResponse:
    article = service.column(slug, lang_of(request))
    if article is None:
        raise PageError(404, "error.not_found", slug)
    return render(request, "article.html", article=article)


@router.get("/about", response_class=HTMLResponse)
async def about(request: Request) -> HTMLResponse:
    return render(request, "article.html", article=service.about(lang_of(request)))
