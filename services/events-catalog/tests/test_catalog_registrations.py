"""Registrations: one per e-mail, windows, privacy between registrants, attendee lists, attendance."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from catalog_helpers import ORGANISER, PROBLEM, count_rows, create_session, future, register, registrant
from sqlalchemy import true

from sosai_events_catalog.models import Registration


async def test_one_registration_per_email_and_reregistering_after_cancel(client: httpx.AsyncClient) -> None:
    s = await create_session(client, capacity=3)
    first = await register(
        client, s["id"], "Sato@Example.jp", origin_prefecture="Tokyo", travel_mode="rail", distance_km="12.5"
    )
    assert first.status_code == 201 and first.json()["email"] == "sato@example.jp"
    assert first.json()["distance_km"] == "12.5"
    before = await count_rows(client, Registration, true())
    dup = await register(client, s["id"], "sato@example.jp")
    assert dup.status_code == 409 and dup.headers["content-type"] == PROBLEM
    assert dup.json()["type"].endswith("/already-registered")
    assert await count_rows(client, Registration, true()) == before
    await client.post(f"/v1/registrations/{first.json()['id']}/cancel", headers=registrant())
    again = await register(client, s["id"], "sato@example.jp")
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert again.json()["state"] == "confirmed"
    assert (await client.get(f"/v1/sessions/{s['id']}")).json()["confirmed"] == 1


async def test_invalid_registrations_change_nothing(client: httpx.AsyncClient) -> None:
    s = await create_session(client)
    before = await count_rows(client, Registration, true())
    for extra, type_ in [
        ({"travel_mode": "horse"}, "validation-error"),
        ({"distance_km": "-1"}, "validation-error"),
        ({"state": "confirmed"}, "validation-error"),
    ]:
        r = await register(client, s["id"], "x@example.jp", **extra)
        assert r.status_code == 422 and r.json()["type"].endswith("/" + type_)
    r = await register(client, "no-such-session", "x@example.jp")
    assert r.status_code == 404 and r.json()["type"].endswith("/session-not-found")
    r = await client.post(
        f"/v1/sessions/{s['id']}/registrations", json={"email": "x@example.jp", "name": "x"}
    )
    assert r.status_code == 401
    assert await count_rows(client, Registration, true()) == before


async def test_registration_windows(client: httpx.AsyncClient) -> None:
    not_yet = await create_session(client, registration_opens_at=future(5).isoformat())
    r = await register(client, not_yet["id"], "early@example.jp")
    assert r.status_code == 409 and r.json()["type"].endswith("/registration-not-open")
    past = await create_session(client, starts_at=datetime(2010, 10, 1, tzinfo=UTC))
    r = await register(client, past["id"], "late@example.jp")
    assert r.status_code == 409 and r.json()["type"].endswith("/registration-closed")
    assert await count_rows(client, Registration, true()) == 0
    # organisers may record attendees of past sessions (seeding FY2010 history)
    r = await register(client, past["id"], "late@example.jp", headers=ORGANISER)
    assert r.status_code == 201 and r.json()["state"] == "confirmed"


async def test_registrants_see_only_their_own(client: httpx.AsyncClient) -> None:
    s = await create_session(client)
    mine = (await register(client, s["id"], "a@acme.jp", headers=registrant("acme"))).json()
    theirs = (await register(client, s["id"], "b@other.jp", headers=registrant("other"))).json()
    assert (
        await client.get(f"/v1/registrations/{mine['id']}", headers=registrant("acme"))
    ).status_code == 200
    r = await client.get(f"/v1/registrations/{theirs['id']}", headers=registrant("acme"))
    assert r.status_code == 404 and r.json()["type"].endswith("/registration-not-found")
    r = await client.post(f"/v1/registrations/{theirs['id']}/cancel", headers=registrant("acme"))
    assert r.status_code == 404
    assert (await client.get(f"/v1/registrations/{theirs['id']}", headers=registrant("other"))).json()[
        "state"
    ] == ("confirmed")
    listing = (await client.get("/v1/registrations", headers=registrant("acme"))).json()
    assert [x["id"] for x in listing["items"]] == [mine["id"]]
    # attendee lists are for organisers only
    denied = await client.get(f"/v1/sessions/{s['id']}/registrations", headers=registrant("acme"))
    assert denied.status_code == 403
    full = (await client.get(f"/v1/sessions/{s['id']}/registrations", headers=ORGANISER)).json()
    assert {x["id"] for x in full["items"]} == {mine["id"], theirs["id"]}
    page = (
        await client.get(f"/v1/sessions/{s['id']}/registrations", params={"limit": 1}, headers=ORGANISER)
    ).json()
    second = (
        await client.get(
            f"/v1/sessions/{s['id']}/registrations",
            params={"limit": 1, "cursor": page["next_cursor"]},
            headers=ORGANISER,
        )
    ).json()
    assert [page["items"][0]["id"], second["items"][0]["id"]] == [mine["id"], theirs["id"]]
    assert second["next_cursor"] is None


async def test_attendance(client: httpx.AsyncClient) -> None:
    upcoming = await create_session(client, capacity=1)
    reg = (await register(client, upcoming["id"], "a@example.jp")).json()
    waiting = (await register(client, upcoming["id"], "b@example.jp")).json()
    r = await client.post(f"/v1/registrations/{reg['id']}/attendance", headers=ORGANISER)
    assert r.status_code == 409 and r.json()["type"].endswith("/session-not-started")
    past = await create_session(client, capacity=1, starts_at=datetime(2010, 11, 1, tzinfo=UTC))
    done = (await register(client, past["id"], "c@example.jp", headers=ORGANISER)).json()
    waitlisted = (await register(client, past["id"], "d@example.jp", headers=ORGANISER)).json()
    assert waitlisted["state"] == "waitlisted"
    r = await client.post(f"/v1/registrations/{done['id']}/attendance", headers=registrant())
    assert r.status_code == 403
    r = await client.post(f"/v1/registrations/{done['id']}/attendance", headers=ORGANISER)
    assert r.status_code == 200 and r.json()["state"] == "attended" and r.json()["attended_at"]
    r = await client.post(f"/v1/registrations/{done['id']}/attendance", headers=ORGANISER)
    assert r.status_code == 409 and r.json()["type"].endswith("/already-attended")
    r = await client.post(f"/v1/registrations/{waitlisted['id']}/attendance", headers=ORGANISER)
    assert r.status_code == 409 and r.json()["type"].endswith("/not-confirmed")
    r = await client.post(f"/v1/registrations/{done['id']}/cancel", headers=ORGANISER)
    assert r.status_code == 409 and r.json()["type"].endswith("/already-attended")
    assert (await client.get(f"/v1/registrations/{waiting['id']}", headers=registrant())).json()["state"] == (
        "waitlisted"
    )


async def test_idempotency_key_on_registration(client: httpx.AsyncClient) -> None:
    s = await create_session(client)
    h = {**registrant(), "Idempotency-Key": "reg-1"}
    body = {"email": "idem@example.jp", "name": "Idem"}
    r1 = await client.post(f"/v1/sessions/{s['id']}/registrations", json=body, headers=h)
    r2 = await client.post(f"/v1/sessions/{s['id']}/registrations", json=body, headers=h)
    assert r1.status_code == r2.status_code == 201 and r1.json() == r2.json()
    assert r2.headers.get("idempotent-replayed") == "true"
    assert await count_rows(client, Registration, true()) == 1
