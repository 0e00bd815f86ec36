"""GET /v1/public/feed (JSON pages) and /v1/public/feed.atom (for feed readers). No auth.

Order: the order the notifications service received the events (``seq``), which keeps
each aggregate's events in order; the cursor is opaque and stable, so a mirror resumes
where it stopped with ``after=<next_cursor>``. Only public fields of public events.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from sosai_notifications.feed import repository as repo
from sosai_notifications.models import StoredEvent
from sosai_shared.auth import public
from sosai_shared.pagination import decode_cursor, encode_cursor
from sosai_shared.problems import problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1/public", tags=["public"], dependencies=[public])
ATOM = "http://www.w3.org/2005/Atom"


class FeedItem(BaseModel):
    cursor: str
    id: str
    type: str
    source: str
    subject: str
    time: datetime
    data: dict[str, Any]


class FeedPage(BaseModel):
    items: list[FeedItem]
    #: where to continue (the last item's cursor; the given one when the page is empty), so a
    #: mirror keeps polling with it
    next_cursor: str | None = None
    more: bool = False


def _after(after: str | None) -> int:
    if not after:
        return 0
    values = decode_cursor(after)
    if len(values) != 1 or not isinstance(values[0], int):
        decode_cursor("!")  # raises the invalid-cursor problem
    return int(values[0])


async def _page(uow: UoW, request: Request, after: str | None, limit: int) -> FeedPage:
    limit = min(limit, request.app.state.runtime.settings.max_page_size)
    rows = await repo.page(uow.session, after=_after(after), limit=limit)
    more, rows = len(rows) > limit, rows[:limit]
    items = [_item(e) for e in rows]
    return FeedPage(items=items, next_cursor=items[-1].cursor if items else after, more=more)


def _item(e: StoredEvent) -> FeedItem:
    assert e.seq is not None
    return FeedItem(
        cursor=encode_cursor([e.seq]),
        id=e.event_id,
        type=e.type,
        source=e.source,
        subject=e.subject,
        time=e.time,
        data=e.public_data or {},
    )


Limit = Annotated[int, Query(ge=1, le=1000, description="page size (bounded by the service)")]
After = Annotated[str | None, Query(max_length=500, description="next_cursor of the previous page")]


@router.get("/feed", summary="Public events after a cursor, oldest first", responses=problem_responses(422))
async def feed(uow: UoW, request: Request, after: After = None, limit: Limit = 100) -> FeedPage:
    return await _page(uow, request, after, limit)


@router.get(
    "/feed.atom",
    summary="The same feed as Atom (RFC 4287)",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}, **problem_responses(422)},
)
async def feed_atom(uow: UoW, request: Request, after: After = None, limit: Limit = 100) -> Response:
    page = await _page(uow, request, after, limit)
    base = str(request.base_url).rstrip("/")
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(root, f"{{{ATOM}}}id").text = f"{base}/v1/public/feed.atom"
    ET.SubElement(root, f"{{{ATOM}}}title").text = "Sōsai public changes"
    updated = page.items[-1].time if page.items else datetime.now(UTC)
    ET.SubElement(root, f"{{{ATOM}}}updated").text = updated.isoformat()
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=str(request.url))
    if page.more:
        ET.SubElement(
            root, f"{{{ATOM}}}link", rel="next", href=f"{base}/v1/public/feed.atom?after={page.next_cursor}"
        )
    for item in page.items:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:uuid:{item.id}" if len(item.id) == 36 else item.id
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{item.type} {item.subject}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = item.time.isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}category", term=item.type)
        ET.SubElement(entry, f"{{{ATOM}}}content", type="application/json").text = item.model_dump_json(
            include={"id", "type", "subject", "time", "data", "cursor"}
        )
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml")
