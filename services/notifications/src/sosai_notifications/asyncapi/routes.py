"""/asyncapi.json and a readable HTML page of it (public)."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from sosai_notifications.asyncapi import document
from sosai_shared.auth import public

router = APIRouter(tags=["asyncapi"], dependencies=[public])


def current(request: Request) -> dict[str, Any]:
    extras = request.app.state.runtime.extras
    if "asyncapi" not in extras:
        s = request.app.state.runtime.settings
        folder = Path(s.contract_examples_dir) if s.contract_examples_dir else document.default_examples_dir()
        extras["asyncapi"] = document.build(
            document.load_examples(folder), public_url=s.public_url, kafka=s.kafka_bootstrap_servers
        )
    doc: dict[str, Any] = extras["asyncapi"]
    return doc


@router.get("/asyncapi.json", summary="AsyncAPI 3.0 document of every event")
async def asyncapi_json(request: Request) -> JSONResponse:
    return JSONResponse(current(request))


@router.get("/asyncapi.html", summary="The AsyncAPI document as a page", response_class=HTMLResponse)
async def asyncapi_html(request: Request) -> HTMLResponse:
    doc = current(request)
    parts = [f"<h1>{html.escape(doc['info']['title'])}</h1><p>{html.escape(doc['info']['description'])}</p>"]
    parts.append('<p><a href="/asyncapi.json">asyncapi.json</a></p>')
    for name, ch in doc["channels"].items():
        parts.append(f"<h2>{html.escape(name)} <code>{html.escape(str(ch['address']))}</code></h2>")
        parts.append(f"<p>{html.escape(ch.get('description', ''))}</p><ul>")
        for ref in ch["messages"].values():
            msg = doc["components"]["messages"][ref["$ref"].rsplit("/", 1)[1]]
            schema = doc["components"]["schemas"][msg["title"]]
            parts.append(
                f"<li><details><summary><code>{html.escape(msg['name'])}</code> {html.escape(msg['summary'])}"
                f"</summary><pre>{html.escape(json.dumps(schema, indent=2, ensure_ascii=False))}</pre></details></li>"
            )
        parts.append("</ul>")
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sōsai events (AsyncAPI)</title>'
        "<style>body{font-family:system-ui;max-width:60rem;margin:2rem auto}pre{background:#f5f5f5;padding:1rem;"
        "overflow:auto}</style></head><body>" + "".join(parts) + "</body></html>"
    )
    return HTMLResponse(page)
