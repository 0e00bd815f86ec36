"""Programmes, sessions (search, status, changes), statistics and access rules, through the real app."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from catalog_helpers import (
    ORGANISER,
    PROBLEM,
    count_rows,
    create_session,
    future,
    outbox_payloads,
    register,
    registrant,
    session_body,
)
from sqlalchemy import true

from sosai_events_catalog.models import EventSession, Programme


async def test_seeded_programmes_and_adding_one(client: httpx.AsyncClient) -> None:
    page = (await client.get("/v1/programmes")).json()
    assert [p["code"] for p in page["items"]] == ["expo", "jver_briefing", "leader_training"]
    body = {
        "code": "offset_forum",
        "name_ja": "オフセット・フォーラム",
        "name_en": "Offset forum",
        "audience": "businesses",
    }
    r = await client.post("/v1/programmes", json=body, headers=ORGANISER)
    assert r.status_code == 201 and r.json()["name_ja"] == "オフセット・フォーラム"
    before = await count_rows(client, Programme, true())
    dup = await client.post("/v1/programmes", json=body, headers=ORGANISER)
    assert dup.status_code == 409 and dup.json()["type"].endswith("/programme-exists")
    denied = await client.post("/v1/programmes", json={**body, "code": "other"}, headers=registrant())
    assert denied.status_code == 403 and denied.headers["content-type"] == PROBLEM
    anonymous = await client.post("/v1/programmes", json={**body, "code": "other"})
    assert anonymous.status_code == 401
    assert await count_rows(client, Programme, true()) == before
    r = await client.patch("/v1/programmes/offset_forum", json={"audience": "everyone"}, headers=ORGANISER)
    assert r.status_code == 200 and r.json()["audience"] == "everyone"
    assert (await client.get("/v1/programmes/nope")).status_code == 404


async def test_create_session_publishes_scheduled_and_derives_status(client: httpx.AsyncClient) -> None:
    s = await create_session(client, capacity=1)
    assert s["status"] == "open" and s["places_left"] == 1 and s["timezone"] == "Asia/Tokyo"
    assert s["starts_at_local"].endswith("+09:00")
    [event] = await outbox_payloads(client, "jp.sosai.catalog.session.scheduled.v1")
    assert event["session_id"] == s["id"] and event["programme_code"] == "jver_briefing"
    assert event["capacity"] == 1 and event["prefecture"] == "Hokkaido"
    assert (await register(client, s["id"], "a@example.jp")).json()["state"] == "confirmed"
    assert (await client.get(f"/v1/sessions/{s['id']}")).json()["status"] == "full"
    later = await create_session(client, registration_opens_at=future(10).isoformat())
    assert later["status"] == "scheduled"
    past = await create_session(client, starts_at=datetime(2010, 11, 5, 4, 0, tzinfo=UTC))
    assert past["status"] == "held" and past["fiscal_year"] == 2010


async def test_invalid_sessions_are_refused_and_change_nothing(client: httpx.AsyncClient) -> None:
    before = await count_rows(client, EventSession, true())
    starts = future(5)
    cases = [
        (
            session_body(starts_at=starts, ends_at=(starts - timedelta(hours=1)).isoformat()),
            422,
            "invalid-schedule",
        ),
        (session_body(programme_code="no_such"), 404, "programme-not-found"),
        (session_body(capacity=0), 422, "validation-error"),
        (session_body(internal_field=1), 422, "validation-error"),
        ({**session_body(), "starts_at": "2030-01-01T10:00:00"}, 422, "validation-error"),  # naive time
        (
            {**session_body(), "venue": {"name": "x", "city": "y", "prefecture": "Atlantis"}},
            422,
            "validation-error",
        ),
    ]
    for body, status, type_ in cases:
        r = await client.post("/v1/sessions", json=body, headers=ORGANISER)
        assert r.status_code == status, (body, r.text)
        assert r.json()["type"].endswith("/" + type_)
    r = await client.post("/v1/sessions", json=session_body(), headers=registrant())
    assert r.status_code == 403
    assert await count_rows(client, EventSession, true()) == before
    assert await outbox_payloads(client, "jp.sosai.catalog.session.scheduled.v1") == []


async def test_search_filters_and_cursor_pagination(client: httpx.AsyncClient) -> None:
    base = datetime(2010, 6, 1, 1, 0, tzinfo=UTC)
    ids = []
    for i, (pref, code) in enumerate(
        [
            ("Tokyo", "expo"),
            ("Osaka", "expo"),
            ("Tokyo", "leader_training"),
            ("Fukuoka", "jver_briefing"),
            ("Tokyo", "expo"),
        ]
    ):
        s = await create_session(
            client,
            programme_code=code,
            starts_at=base + timedelta(days=30 * i),
            venue={"name": "Hall", "city": "C", "prefecture": pref},
        )
        ids.append(s["id"])
    # fiscal year 2010 = 2010-04-01 .. 2011-03-31 in Tokyo; a session on 2011-03-31 23:00 JST is still FY2010
    edge = await create_session(client, starts_at=datetime(2011, 3, 31, 14, 0, tzinfo=UTC))
    nxt = await create_session(client, starts_at=datetime(2011, 3, 31, 15, 0, tzinfo=UTC))
    assert (edge["fiscal_year"], nxt["fiscal_year"]) == (2010, 2011)

    r = (await client.get("/v1/sessions", params={"programme": "expo", "prefecture": "Tokyo"})).json()
    assert [x["id"] for x in r["items"]] == [ids[0], ids[4]]
    r = (await client.get("/v1/sessions", params={"fiscal_year": 2011})).json()
    assert [x["id"] for x in r["items"]] == [nxt["id"]]
    r = (
        await client.get(
            "/v1/sessions",
            params={
                "from": (base + timedelta(days=29)).isoformat(),
                "to": (base + timedelta(days=91)).isoformat(),
            },
        )
    ).json()
    assert [x["id"] for x in r["items"]] == ids[1:4]
    seen, cursor = [], None
    while True:
        params = {"limit": 2, "fiscal_year": 2010, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/sessions", params=params)).json()
        seen += [x["id"] for x in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [*ids, edge["id"]]
    bad = await client.get("/v1/sessions", params={"cursor": "!!garbage"})
    assert bad.status_code == 422 and bad.json()["type"].endswith("/invalid-cursor")
    too_big = await client.get("/v1/sessions", params={"limit": 1000})
    assert too_big.status_code == 422


async def test_update_session_capacity_promotes_and_cannot_drop_below_taken(
    client: httpx.AsyncClient,
) -> None:
    s = await create_session(client, capacity=2)
    for i in range(4):
        await register(client, s["id"], f"u{i}@example.jp")
    r = await client.patch(f"/v1/sessions/{s['id']}", json={"capacity": 1}, headers=ORGANISER)
    assert r.status_code == 409 and r.json()["type"].endswith("/capacity-below-confirmed")
    unchanged = (await client.get(f"/v1/sessions/{s['id']}")).json()
    assert (unchanged["capacity"], unchanged["sequence"]) == (2, 0)
    r = await client.patch(
        f"/v1/sessions/{s['id']}", json={"capacity": 3, "title_en": "Renamed"}, headers=ORGANISER
    )
    assert r.status_code == 200, r.text
    out = r.json()
    assert (out["confirmed"], out["waitlisted"], out["sequence"], out["title_en"]) == (3, 1, 1, "Renamed")


async def test_cancel_session_once(client: httpx.AsyncClient) -> None:
    s = await create_session(client)
    r = await client.post(f"/v1/sessions/{s['id']}/cancel", json={"reason": "typhoon"}, headers=ORGANISER)
    assert r.status_code == 200 and r.json()["status"] == "cancelled" and r.json()["sequence"] == 1
    again = await client.post(f"/v1/sessions/{s['id']}/cancel", json={"reason": "x"}, headers=ORGANISER)
    assert again.status_code == 409 and again.json()["type"].endswith("/session-already-cancelled")
    assert len(await outbox_payloads(client, "jp.sosai.catalog.session.cancelled.v1")) == 1
    refused = await register(client, s["id"], "late@example.jp")
    assert refused.status_code == 409 and refused.json()["type"].endswith("/session-cancelled")
    assert (await client.get(f"/v1/sessions/{s['id']}")).json()["confirmed"] == 0


async def test_statistics_reproduce_the_white_paper_fy2010_figures(client: httpx.AsyncClient) -> None:
    def at(month: int, day: int) -> datetime:
        year = 2010 if month >= 4 else 2011
        return datetime(year, month, day, 1, 0, tzinfo=UTC)

    leader = [
        ("Tokyo", "Chiyoda"),
        ("Osaka", "Osaka"),
        ("Aichi", "Nagoya"),
        ("Miyagi", "Sendai"),
        ("Fukuoka", "Fukuoka"),
    ]
    jver = [
        ("Hokkaido", "Sapporo"),
        ("Miyagi", "Sendai"),
        ("Tokyo", "Chiyoda"),
        ("Niigata", "Niigata"),
        ("Aichi", "Nagoya"),
        ("Osaka", "Osaka"),
        ("Hiroshima", "Hiroshima"),
        ("Kagawa", "Takamatsu"),
        ("Fukuoka", "Fukuoka"),
        ("Okinawa", "Naha"),
    ]
    expo = [
        ("Tokyo", "Koto"),
        ("Tokyo", "Koto"),
        ("Osaka", "Osaka"),
        ("Aichi", "Nagoya"),
    ]  # 3 places, 4 sessions
    plan = [("leader_training", leader), ("jver_briefing", jver), ("expo", expo)]
    first = None
    for code, places in plan:
        for i, (pref, city) in enumerate(places):
            s = await create_session(
                client,
                programme_code=code,
                starts_at=at([6, 7, 8, 9, 10, 11, 12, 1, 2, 3][i], 1 + i),
                venue={"name": f"{city} hall", "city": city, "prefecture": pref},
            )
            first = first or s
    # a cancelled session and a FY2011 session do not count
    extra = await create_session(
        client,
        programme_code="expo",
        starts_at=at(5, 20),
        venue={"name": "x", "city": "Kobe", "prefecture": "Hyogo"},
    )
    await client.post(f"/v1/sessions/{extra['id']}/cancel", json={"reason": "moved"}, headers=ORGANISER)
    await create_session(client, programme_code="expo", starts_at=datetime(2011, 6, 1, tzinfo=UTC))
    # organisers record past registrations and attendance
    assert first is not None
    regs = [
        (await register(client, first["id"], f"h{i}@example.jp", headers=ORGANISER)).json() for i in range(3)
    ]
    await client.post(f"/v1/registrations/{regs[0]['id']}/attendance", headers=ORGANISER)

    stats = (await client.get("/v1/statistics", params={"fiscal_year": 2010})).json()
    by = {p["programme_code"]: p for p in stats["programmes"]}
    assert (by["leader_training"]["sessions"], by["leader_training"]["places"]) == (5, 5)
    assert (by["jver_briefing"]["sessions"], by["jver_briefing"]["places"]) == (10, 10)
    assert (by["expo"]["sessions"], by["expo"]["places"], by["expo"]["cancelled_sessions"]) == (4, 3, 1)
    assert (by["leader_training"]["registrations"], by["leader_training"]["attendance"]) == (3, 1)


async def test_moving_to_a_venue_without_an_address(client: httpx.AsyncClient) -> None:
    """Found by Schemathesis: a PATCH whose new venue left out the optional address answered 500."""
    s = await create_session(client)
    r = await client.patch(
        f"/v1/sessions/{s['id']}",
        headers=ORGANISER,
        json={"venue": {"name": "Civic Hall", "city": "Naha", "prefecture": "Okinawa"}},
    )
    assert r.status_code == 200, r.text
    moved = r.json()
    assert moved["venue"] == {"name": "Civic Hall", "address": "", "city": "Naha", "prefecture": "Okinawa"}
