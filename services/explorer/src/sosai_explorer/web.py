"""Rendering of pages: the jinja2 environment, the language of a request, friendly error pages.

Every page is rendered on the server and works without JavaScript; links carry ``?lang=`` so
the choice of language survives navigation, and ``<html lang>`` always says which it is.
Bad input and unknown ids are answered with an HTML page (404 or 422) in the reader's
language, never a stack trace or a 500.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from sosai_explorer import prefectures
from sosai_explorer.i18n import pick, term, translate
from sosai_shared.fiscal import JST
from sosai_shared.inputs import unstorable_url_part

ENV = Environment(
    loader=PackageLoader("sosai_explorer", "templates"),
    autoescape=select_autoescape(["html", "svg", "xml"]),
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,  # a missing value is a bug to see in tests, not a blank on the page
)


class PageError(Exception):
    """A page cannot be shown for a reason the reader can fix: rendered as a friendly page."""

    def __init__(self, status: int, message_key: str, detail: str | None = None) -> None:
        super().__init__(message_key)
        self.status, self.message_key, self.detail = status, message_key, detail


def lang_of(request: Request) -> str:
    return pick(request.headers.get("accept-language"), request.query_params.get("lang"))


def _number(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value.normalize():,f}"
    return f"{value:,}"


def _day(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.astimezone(JST).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def context(request: Request, **values: Any) -> dict[str, Any]:
    lang = lang_of(request)

    def url(path: str, **params: Any) -> str:
        query = {k: v for k, v in params.items() if v not in (None, "")}
        query["lang"] = lang
        return f"{path}?{urlencode(query)}"

    other = "en" if lang == "ja" else "ja"
    switch_params = {k: v for k, v in request.query_params.items() if k != "lang"} | {"lang": other}
    return {
        "lang": lang,
        "t": lambda key: translate(lang, key),
        "term": lambda prefix, value: term(lang, prefix, value),
        "url": url,
        "switch_url": f"{request.url.path}?{urlencode(switch_params)}",
        "pref": lambda key: prefectures.label(key, lang),
        "num": _number,
        "day": _day,
        "path": request.url.path,
        **values,
    }


def render(request: Request, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    html = ENV.get_template(template).render(context(request, **values))
    return HTMLResponse(html, status_code=status_code)


def error_page(request: Request, status: int, message_key: str, detail: str | None = None) -> HTMLResponse:
    title = "error.404" if status == 404 else "error.422"
    return render(
        request, "error.html", status_code=status, title_key=title, message_key=message_key, detail=detail
    )


class FriendlyInputGuard:
    """The platform's input guard answers a NUL or an encoded surrogate in the URL with problem+json;
    on the public site a person typed it, so the same refusal (422, nothing read) is a page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (
            unstorable_url_part(scope.get("query_string", b""))
            or unstorable_url_part(scope.get("raw_path") or b"")
        ):
            # keep only the reader's language from the query: the rest is what was refused
            langs = [p for p in scope.get("query_string", b"").split(b"&") if p in (b"lang=en", b"lang=ja")]
            clean = {**scope, "query_string": b"&".join(langs[-1:])}
            response = error_page(Request(clean), 422, "error.bad_input")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def install_html_errors(app: FastAPI) -> None:
    """Replace the JSON problem handlers for the public pages: a person reads these."""

    app.add_middleware(FriendlyInputGuard)

    @app.exception_handler(PageError)
    async def _page_error(request: Request, exc: PageError) -> Response:
        return error_page(request, exc.status, exc.message_key, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = sorted({str(e.get("loc", ("", ""))[-1]) for e in exc.errors()})
        return error_page(request, 422, "error.bad_input", ", ".join(fields))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_page(request, 404, "error.not_found")
        return HTMLResponse(
            str(exc.detail), status_code=exc.status_code, headers=getattr(exc, "headers", None)
        )
