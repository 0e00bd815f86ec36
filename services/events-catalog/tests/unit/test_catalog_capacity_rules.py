"""The catalog's pure rules, without a database or a broker: capacity, the waiting list and its
promotion, when registration is open, and a session's offset status."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from sosai_events_catalog.carbon import rules as carbon
from sosai_events_catalog.models import CarbonRecord, EventSession, Registration
from sosai_events_catalog.registrations.rules import Places, check_attendable, check_cancellable, check_open
from sosai_events_catalog.sessions.rules import check_schedule, fiscal_year_of, session_status
from sosai_shared.errors import Conflict, Unprocessable

NOW = datetime(2010, 10, 1, 1, tzinfo=UTC)


def test_places_fill_then_the_waiting_list_takes_tickets_in_order() -> None:
    p = Places(capacity=2, confirmed=0, waitlisted=0)
    assert [p.admit() for _ in range(4)] == [
        ("confirmed", None),
        ("confirmed", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
    ]
    assert (p.confirmed, p.waitlisted, p.waitlist_seq) == (2, 2, 2)


def test_a_cancellation_frees_exactly_one_place_for_the_lowest_ticket() -> None:
    p = Places(capacity=2, confirmed=2, waitlisted=2, waitlist_seq=2)
    p.leave("confirmed")
    assert p.promotions() == 1 and (p.confirmed, p.waitlisted) == (2, 1)
    # a waitlisted registrant leaving frees no place
    p.leave("waitlisted")
    assert p.promotions() == 0 and (p.confirmed, p.waitlisted) == (2, 0)


def test_nobody_overtakes_the_waiting_list() -> None:
    # a place is free but someone waits: the newcomer queues behind (promotion serves the ticket first)
    p = Places(capacity=3, confirmed=2, waitlisted=1, waitlist_seq=5)
    assert p.admit() == ("waitlisted", 6)


def test_more_capacity_promotes_as_many_as_it_frees_and_a_cancelled_session_none() -> None:
    p = Places(capacity=5, confirmed=2, waitlisted=10)
    assert p.promotions() == 3 and (p.confirmed, p.waitlisted) == (5, 7)
    assert Places(capacity=5, confirmed=2, waitlisted=1).promotions() == 1
    assert Places(capacity=5, confirmed=2, waitlisted=4, cancelled=True).promotions() == 0


def test_who_may_register_when() -> None:
    check_open("open", organiser=False)
    check_open("full", organiser=False)  # onto the waiting list
    for status, ptype in [("scheduled", "registration-not-open"), ("closed", "registration-closed")]:
        with pytest.raises(Conflict) as exc:
            check_open(status, organiser=False)  # type: ignore[arg-type]
        assert exc.value.type == ptype
        check_open(status, organiser=True)  # type: ignore[arg-type]  # walk-ins, history
    with pytest.raises(Conflict):
        check_open("cancelled", organiser=True)


def test_cancel_and_attendance_transitions() -> None:
    check_cancellable("confirmed")
    check_cancellable("waitlisted")
    for state in ("cancelled", "attended"):
        with pytest.raises(Conflict):
            check_cancellable(state)
    check_attendable("confirmed", session_cancelled=False, started=True)
    for kwargs, ptype in [
        ({"state": "confirmed", "session_cancelled": True, "started": True}, "session-cancelled"),
        ({"state": "confirmed", "session_cancelled": False, "started": False}, "session-not-started"),
        ({"state": "waitlisted", "session_cancelled": False, "started": True}, "not-confirmed"),
        ({"state": "attended", "session_cancelled": False, "started": True}, "already-attended"),
    ]:
        with pytest.raises(Conflict) as exc:
            check_attendable(**kwargs)  # type: ignore[arg-type]
        assert exc.value.type == ptype


def session(**over: object) -> EventSession:
    fields: dict[str, object] = {
        "id": "s1",
        "programme_id": "p1",
        "title_ja": "t",
        "title_en": "t",
        "venue_name": "v",
        "venue_city": "c",
        "prefecture": "Tokyo",
        "starts_at": NOW + timedelta(days=10),
        "ends_at": NOW + timedelta(days=10, hours=3),
        "fiscal_year": 2010,
        "capacity": 2,
        "organiser_org": "moe",
        "created_at": NOW,
        "updated_at": NOW,
    }
    fields.update(over)
    return EventSession(**fields)  # type: ignore[arg-type]


def test_the_derived_session_status() -> None:
    assert session_status(session(), NOW) == "open"
    assert session_status(session(confirmed_count=2), NOW) == "full"
    assert session_status(session(registration_opens_at=NOW + timedelta(days=1)), NOW) == "scheduled"
    assert session_status(session(), NOW + timedelta(days=10, hours=1)) == "closed"
    assert session_status(session(), NOW + timedelta(days=11)) == "held"
    assert session_status(session(cancelled_at=NOW), NOW) == "cancelled"
    # fiscal years run April to March on the Tokyo calendar: 31 March 2011 16:00 UTC is 1 April in Tokyo
    assert fiscal_year_of(datetime(2011, 3, 31, 14, 59, tzinfo=UTC)) == 2010
    assert fiscal_year_of(datetime(2011, 3, 31, 15, 0, tzinfo=UTC)) == 2011
    with pytest.raises(Unprocessable):
        check_schedule(NOW, NOW, None, None)


def test_offset_status_and_credits() -> None:
    assert carbon.credits_for(Decimal("42.46")) == 43 and carbon.credits_for(Decimal("0")) == 0
    rec = CarbonRecord(session_id="s1", credits_retired=0, updated_at=NOW)
    assert carbon.offset_status(None) == carbon.offset_status(rec) == "not_offset"
    rec.credits_retired = 3
    assert carbon.offset_status(rec) == "partly_offset"  # no recorded footprint: never claims full cover
    rec.footprint_t_co2 = Decimal("2.5")
    assert carbon.offset_status(rec) == "offset"
    rec.footprint_t_co2 = Decimal("3.01")
    assert carbon.offset_status(rec) == "partly_offset"
    rec.certificate_number = "CO-2010-001"
    assert carbon.offset_status(rec) == "certified"
    rec.certificate_revoked = True
    assert carbon.offset_status(rec) == "partly_offset"


def test_the_calculator_request_groups_travel_and_never_guesses() -> None:
    def reg(mode: str | None, km: str | None) -> Registration:
        return Registration(
            id="r",
            session_id="s1",
            email="a@b.jp",
            name="n",
            registrant_org="o",
            registrant_sub="u",
            state="confirmed",
            origin_prefecture="Tokyo",
            travel_mode=mode,
            distance_km=Decimal(km) if km else None,
            created_at=NOW,
            updated_at=NOW,
        )

    s = session(venue_kwh=Decimal("120.5"), utility="TEPCO", meals=20)
    body, counted, missing = carbon.estimate_request(
        s, [reg("rail", "30"), reg("rail", "30"), reg(None, None)]
    )
    assert (counted, missing) == (2, 1)
    assert body["attendees"] == [{"origin": "Tokyo", "mode": "rail", "distance_km": "30", "count": 2}]
    assert (body["fiscal_year"], body["utility"], body["meals"]) == (2010, "TEPCO", 20)
