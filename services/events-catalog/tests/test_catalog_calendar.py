"""iCalendar feeds parse with the icalendar library; UIDs are stable, updates and cancellations show."""

from __future__ import annotations

import httpx
from catalog_helpers import ORGANISER, create_session
from icalendar import Calendar


def events_of(raw: bytes) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(raw).walk("VEVENT"))


async def test_session_calendar_updates_and_cancellation(client: httpx.AsyncClient) -> None:
    s = await create_session(client)
    r = await client.get(f"/v1/sessions/{s['id']}/calendar.ics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    [ev] = events_of(r.content)
    assert str(ev["UID"]) == f"{s['id']}@sosai.jp"
    assert int(ev["SEQUENCE"]) == 0 and str(ev["STATUS"]) == "CONFIRMED"
    assert ev.decoded("DTSTART").isoformat().startswith(s["starts_at"][:19])
    assert "Sapporo" in str(ev["LOCATION"]) and "J-VER" in str(ev["SUMMARY"])

    await client.patch(f"/v1/sessions/{s['id']}", json={"title_en": "Moved briefing"}, headers=ORGANISER)
    [ev] = events_of((await client.get(f"/v1/sessions/{s['id']}/calendar.ics")).content)
    assert str(ev["UID"]) == f"{s['id']}@sosai.jp" and int(ev["SEQUENCE"]) == 1
    assert "Moved briefing" in str(ev["SUMMARY"])

    await client.post(f"/v1/sessions/{s['id']}/cancel", json={"reason": "venue closed"}, headers=ORGANISER)
    [ev] = events_of((await client.get(f"/v1/sessions/{s['id']}/calendar.ics")).content)
    assert str(ev["STATUS"]) == "CANCELLED" and int(ev["SEQUENCE"]) == 2
    assert (await client.get("/v1/sessions/nope/calendar.ics")).status_code == 404


async def test_programme_calendar_lists_its_sessions(client: httpx.AsyncClient) -> None:
    a = await create_session(client, programme_code="expo")
    b = await create_session(client, programme_code="expo")
    await create_session(client, programme_code="leader_training")
    r = await client.get("/v1/programmes/expo/calendar.ics")
    assert r.status_code == 200
    cal = Calendar.from_ical(r.content)
    assert str(cal["VERSION"]) == "2.0" and "Sosai" in str(cal["PRODID"])
    assert {str(e["UID"]) for e in cal.walk("VEVENT")} == {f"{a['id']}@sosai.jp", f"{b['id']}@sosai.jp"}


async def test_free_text_with_carriage_returns_still_makes_a_valid_calendar(
    client: httpx.AsyncClient,
) -> None:
    """Found by Schemathesis: a programme name with a bare CR broke the content line (500)."""
    r = await client.post(
        "/v1/programmes",
        headers=ORGANISER,
        json={"code": "cr_test", "name_ja": "説明会\r第二部", "name_en": "Briefing\r\nPart two"},
    )
    assert r.status_code == 201, r.text
    s = await create_session(client, programme_code="cr_test", title_ja="タイトル\r改行")
    for url in ("/v1/programmes/cr_test/calendar.ics", f"/v1/sessions/{s['id']}/calendar.ics"):
        resp = await client.get(url)
        assert resp.status_code == 200, resp.text
        [ev] = events_of(resp.content)
        assert "改行" in str(ev["SUMMARY"]) and str(ev["UID"]) == f"{s['id']}@sosai.jp"
