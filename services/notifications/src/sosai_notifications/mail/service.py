"""Which e-mails go out, to whom and in which language; queued in the caller's transaction.

Every mail goes to the organisation's contact (``PUT /v1/notifications/contact``) in its
language; an organisation without one gets no mail. Each mail has a dedup key, so a fact
seen twice never mails twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from icalendar import Calendar
from icalendar import Event as ICalEvent
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_notifications.approvals.rules import DigestItem, digest_key
from sosai_notifications.config import Settings
from sosai_notifications.mail import repository as repo
from sosai_notifications.mail.render import render
from sosai_notifications.models import Contact
from sosai_shared.auth import Principal
from sosai_shared.contracts import OffsetCertifiedV1, RegistrationPromotedV1
from sosai_shared.db import utcnow
from sosai_shared.lookups import get_or_404


async def contact_for(session: AsyncSession, org: str) -> Contact:
    """The organisation's contact, or the ``contact-not-found`` problem."""
    return await get_or_404(session, Contact, org, thing="contact")


async def set_contact(session: AsyncSession, principal: Principal, email: str, language: str) -> Contact:
    c = await repo.contact(session, principal.org)
    if c is None:
        c = Contact(org=principal.org, email=email, language=language, updated_at=utcnow())
        session.add(c)
    else:
        c.email, c.language, c.updated_at = email, language, utcnow()
    await session.flush()
    return c


async def _queue(
    session: AsyncSession,
    contact: Contact,
    kind: str,
    dedup_key: str,
    attachments: list[dict[str, str]] | None = None,
    **context: Any,
) -> bool:
    subject, body = render(kind, contact.language, org=contact.org, **context)
    return await repo.queue(
        session,
        {
            "id": str(uuid.uuid4()),
            "dedup_key": dedup_key,
            "kind": kind,
            "org": contact.org,
            "to_address": contact.email,
            "language": contact.language,
            "subject": subject,
            "body_text": body,
            "attachments": attachments or [],
            "status": "pending",
            "attempts": 0,
            "created_at": utcnow(),
        },
    )


async def subscription_disabled(
    session: AsyncSession, settings: Settings, org: str, sub_id: str, url: str, reason: str
) -> bool:
    contact = await repo.contact(session, org)
    if contact is None:
        return False
    now = utcnow()
    return await _queue(
        session,
        contact,
        "subscription_disabled",
        f"subscription-disabled:{sub_id}:{now.isoformat()}",
        subscription_id=sub_id,
        url=url,
        reason=reason,
        at=now,
    )


async def watch_certificate(session: AsyncSession, payload: OffsetCertifiedV1) -> None:
    await repo.watch(
        session,
        {
            "certificate_number": payload.certificate_number,
            "org": payload.applicant_org,
            "subject_name": payload.subject_name,
            "valid_until": payload.valid_until,
            "revoked": False,
        },
    )


async def unwatch_certificate(session: AsyncSession, number: str) -> None:
    await repo.mark_revoked(session, number)


async def remind_expiring(session: AsyncSession, settings: Settings, today: date) -> int:
    """Queue the reminder of every certificate ending within the reminder period (once each)."""
    count = 0
    for w in await repo.expiring(session, today + timedelta(days=settings.certificate_reminder_days)):
        w.reminded_at = utcnow()
        contact = await repo.contact(session, w.org)
        if contact is None or w.valid_until < today:
            continue
        count += await _queue(
            session,
            contact,
            "certificate_expiring",
            f"certificate-expiring:{w.certificate_number}",
            number=w.certificate_number,
            subject_name=w.subject_name,
            valid_until=w.valid_until,
            days=(w.valid_until - today).days,
        )
    await session.flush()
    return count


def session_ics(
    uid: str,
    title: str,
    location: str,
    starts_at: datetime,
    ends_at: datetime,
    organiser: str = "mailto:no-reply@sosai.local",
) -> str:
    """A catalog session as an iCalendar file (RFC 5545), for a calendar application."""
    cal = Calendar()
    cal.add("prodid", "-//Sosai//notifications//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    ev = ICalEvent()
    ev.add("uid", f"{uid}@sosai.local")
    ev.add("summary", title)
    ev.add("location", location)
    ev.add("dtstart", starts_at)
    ev.add("dtend", ends_at)
    ev.add("dtstamp", utcnow())
    ev.add("organizer", organiser)
    cal.add_component(ev)
    ical: bytes = cal.to_ical()
    return ical.decode()


async def waiting_list_place(session: AsyncSession, p: RegistrationPromotedV1) -> bool:
    """A waiting-list place given to the registrant's organisation, with the session attached."""
    contact = await repo.contact(session, p.registrant_org)
    if contact is None:
        return False
    title = p.title_en if contact.language == "en" and p.title_en else p.title
    location = f"{p.venue_name}, {p.prefecture}"
    ics = {
        "filename": "session.ics",
        "content_type": "text/calendar",
        "content": session_ics(p.session_id, title, location, p.starts_at, p.ends_at),
    }
    return await _queue(
        session,
        contact,
        "waiting_list_offer",
        f"waiting-list-offer:{p.registration_id}",
        [ics],
        title=title,
        location=location,
        starts_at=p.starts_at,
        ends_at=p.ends_at,
    )


async def approvals_digest(
    session: AsyncSession, org: str, proposals: Sequence[DigestItem], earlier: int
) -> bool:
    """One mail naming the four-eyes proposals the organisation's officers have not been told of.

    True once a mail names them (queued now, or before under the same key: the key is the set of
    proposals); False when the organisation has no contact, so they wait for the next digest.
    """
    contact = await repo.contact(session, org)
    if contact is None or not proposals:
        return False
    await _queue(
        session,
        contact,
        "approvals_digest",
        digest_key(org, (p.proposal_id for p in proposals)),
        count=len(proposals),
        proposals=proposals,
        earlier=earlier,
    )
    return True


__all__ = ["datetime"]
