"""E-mail through a real SMTP server (aiosmtpd sink): languages, attachments, reminders (the approvals
digest: test_approvals.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from fastapi import FastAPI
from icalendar import Calendar
from notifications_support import Receiver, body_of, feed, mailbox, project, set_contact, subscribe
from sqlalchemy import select
from sqlmodel import col

from sosai_notifications.mail import sink
from sosai_notifications.models import Mail
from sosai_shared.contracts import CertificateRevokedV1, OffsetCertifiedV1, RegistrationPromotedV1
from sosai_shared.testing import wait_until


async def test_disabled_subscription_mails_the_organisation_in_its_language(
    client: httpx.AsyncClient, app: FastAPI, receiver: Receiver, smtp_sink: tuple[Path, int]
) -> None:
    folder, _ = smtp_sink
    await set_contact(client, "org-a", "ops@org-a.example", "ja")
    receiver.answers = [410]
    sub = await subscribe(client, "org-a", receiver.url)
    await feed(app, project(1, org="org-a"))
    (msg,) = await wait_until(mailbox(folder, 1))
    assert msg["To"] == "ops@org-a.example"
    assert "Webhook購読が停止されました" in msg["Subject"]
    body = body_of(msg)
    assert sub["id"] in body and "410" in body and "年" in body  # a Japanese long date
    listed = (await client.get("/v1/dev/mailbox")).json()
    assert [m["subject"] for m in listed] == [msg["Subject"]]


def _promoted(org: str, registration_id: str, starts: datetime) -> RegistrationPromotedV1:
    return RegistrationPromotedV1(
        registration_id=registration_id,
        session_id="ses-expo-1",
        registrant_org=org,
        title="カーボン・オフセットEXPO東京",
        title_en="Carbon Offset EXPO Tokyo",
        venue_name="Tokyo Big Sight",
        prefecture="Tokyo",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        promoted_at=datetime.now(UTC),
    )


async def test_a_waiting_list_place_is_mailed_with_the_session_as_icalendar(
    client: httpx.AsyncClient, app: FastAPI, smtp_sink: tuple[Path, int]
) -> None:
    folder, _ = smtp_sink
    await set_contact(client, "org-b", "events@org-b.example", "en")
    await set_contact(client, "org-j", "events@org-j.example", "ja")
    starts = datetime(2011, 2, 10, 4, 0, tzinfo=UTC)
    promoted = _promoted("org-b", "reg-1", starts)
    assert await feed(app, promoted)
    assert await feed(app, promoted)  # the same place told again (another event id) queues no mail
    assert await feed(app, _promoted("org-j", "reg-2", starts))
    assert await feed(app, _promoted("org-nobody", "reg-3", starts))  # no contact: no mail
    mails = await wait_until(mailbox(folder, 2))
    (msg,) = [m for m in mails if m["To"] == "events@org-b.example"]
    assert msg["Subject"] == "A place is free for you: Carbon Offset EXPO Tokyo"
    body = body_of(msg)
    assert "February 10, 2011" in body and "Tokyo Big Sight" in body  # babel, in Japan's time (13:00 JST)
    (ics,) = list(msg.iter_attachments())  # type: ignore[attr-defined]
    assert ics.get_content_type() == "text/calendar" and ics.get_filename() == "session.ics"
    cal = Calendar.from_ical(ics.get_payload(decode=True))
    (event,) = cal.walk("VEVENT")
    assert str(event["summary"]) == "Carbon Offset EXPO Tokyo"
    assert str(event["location"]) == "Tokyo Big Sight, Tokyo"
    assert event.decoded("dtstart") == starts
    assert event.decoded("dtend") == starts + timedelta(hours=3)
    assert str(event["uid"]) == "ses-expo-1@sosai.local"
    (ja,) = [m for m in mails if m["To"] == "events@org-j.example"]
    assert "キャンセル待ち" in ja["Subject"] and "カーボン・オフセットEXPO東京" in ja["Subject"]
    ja_body = body_of(ja)
    assert "2011年2月10日" in ja_body
    (ja_ics,) = list(ja.iter_attachments())  # type: ignore[attr-defined]
    (ja_event,) = Calendar.from_ical(ja_ics.get_payload(decode=True)).walk("VEVENT")
    assert str(ja_event["summary"]) == "カーボン・オフセットEXPO東京"
    async with app.state.runtime.db.sessionmaker() as s:
        queued = (await s.execute(select(Mail.org).where(col(Mail.kind) == "waiting_list_offer"))).scalars()
        assert sorted(queued) == ["org-b", "org-j"]


async def test_certificates_expiring_in_thirty_days_are_reminded_once(
    client: httpx.AsyncClient, app: FastAPI, smtp_sink: tuple[Path, int]
) -> None:
    folder, _ = smtp_sink
    await set_contact(client, "org-c", "cert@org-c.example", "en")
    today = datetime.now(ZoneInfo("Asia/Tokyo")).date()

    def certified(number: str, valid_until: date) -> OffsetCertifiedV1:
        return OffsetCertifiedV1(
            application_id=f"app-{number}",
            certificate_number=number,
            applicant_org="org-c",
            offset_type="meeting_event",
            subject_name="Carbon Offset EXPO Tokyo",
            retirement_ids=["ret-1"],
            credits_retired=13,
            valid_from=valid_until - timedelta(days=364),
            valid_until=valid_until,
            certified_at=datetime.now(UTC),
        )

    await feed(app, certified("CO-2010-001", today + timedelta(days=30)))
    await feed(app, certified("CO-2010-002", today + timedelta(days=200)))  # not yet
    await feed(app, certified("CO-2010-003", today + timedelta(days=10)))
    await feed(
        app,
        CertificateRevokedV1(
            application_id="app-CO-2010-003",
            certificate_number="CO-2010-003",
            reason="x",
            revoked_at=datetime.now(UTC),
        ),
    )
    (msg,) = await wait_until(mailbox(folder, 1))
    assert "CO-2010-001" in msg["Subject"]
    assert "30 days" in body_of(msg)
    sender = app.state.runtime.extras["mail_sender"]
    assert await sender.remind() == 0  # reminded once only; the revoked and the distant ones never
    assert len(sink.messages(folder)) == 1
