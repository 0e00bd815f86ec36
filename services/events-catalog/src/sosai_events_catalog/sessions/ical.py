"""iCalendar (RFC 5545) feeds built with the ``icalendar`` library.

UIDs are stable (``<session id>@sosai.jp``) so a calendar client updates the
event it already has; SEQUENCE is the session's change counter, and a cancelled
session stays in the feed with STATUS:CANCELLED so subscribers see it go.
"""

from __future__ import annotations

from collections.abc import Iterable

from icalendar import Calendar, Event, vText

from sosai_events_catalog.models import EventSession, Programme

PRODID = "-//Sosai//events-catalog//EN"
UID_DOMAIN = "sosai.jp"


def _text(value: str | None) -> str:
    """Organisers' free text may carry CR or CRLF; vText escapes only LF, and a bare CR would
    break the content line (RFC 5545 §3.1), so line endings are normalised first."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n")


def uid_of(session_id: str) -> str:
    return f"{session_id}@{UID_DOMAIN}"


def _event(s: EventSession, programme: Programme) -> Event:
    ev = Event()
    ev.add("uid", uid_of(s.id))
    ev.add("dtstamp", s.updated_at)
    ev.add("last-modified", s.updated_at)
    ev.add("created", s.created_at)
    ev.add("dtstart", s.starts_at)
    ev.add("dtend", s.ends_at)
    ev.add("sequence", s.sequence)
    ev.add("summary", _text(s.title_ja if s.title_ja == s.title_en else f"{s.title_ja} / {s.title_en}"))
    ev.add(
        "location",
        vText(_text(", ".join(x for x in (s.venue_name, s.venue_address, s.venue_city, s.prefecture) if x))),
    )
    ev.add("categories", [_text(programme.code)])
    desc = f"{programme.name_ja} / {programme.name_en}"
    if s.cancelled_at is not None:
        desc += f"\nCancelled: {s.cancel_reason}"
    ev.add("description", _text(desc))
    ev.add("status", "CANCELLED" if s.cancelled_at is not None else "CONFIRMED")
    return ev


def calendar_of(sessions: Iterable[EventSession], programme: Programme, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(_text(name)))  # an X- property: not escaped unless typed
    cal.add("x-wr-timezone", "Asia/Tokyo")
    for s in sessions:
        cal.add_component(_event(s, programme))
    return bytes(cal.to_ical())
