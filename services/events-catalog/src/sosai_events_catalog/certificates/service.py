"""Apply certificate events to a session: record every one, refuse the foreign, show the right one.

Called by the catalog's consumers (``handlers.py``) in the consumer's transaction; never commits.
"""

from __future__ import annotations

from sqlalchemy import event as sa_event
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_events_catalog.carbon import repository as repo
from sosai_events_catalog.carbon import rules as carbon_rules
from sosai_events_catalog.carbon import service
from sosai_events_catalog.carbon.schemas import CarbonCardOut
from sosai_events_catalog.certificates.metrics import CERTIFICATES_REFUSED
from sosai_events_catalog.certificates.models import SessionCertificate
from sosai_events_catalog.certificates.rules import refusal, shown, status_of
from sosai_events_catalog.sessions import repository as sessions
from sosai_shared.contracts.certification import CertificateRevokedV1, OffsetCertifiedV1
from sosai_shared.db import utcnow
from sosai_shared.fiscal import today_jst


async def for_session(session: AsyncSession, session_id: str) -> list[SessionCertificate]:
    stmt = select(SessionCertificate).where(col(SessionCertificate.session_id) == session_id)
    return list((await session.execute(stmt)).scalars())


async def _sync(session: AsyncSession, session_id: str, source: str) -> None:
    """Copy the shown certificate onto the session's carbon record (what the card and
    SessionOffsetV1 read), then announce a changed offset status."""
    rec = await repo.carbon_record(session, session_id, lock=True, create=True)
    assert rec is not None
    current = shown(await for_session(session, session_id), today_jst())
    if current is None:
        rec.certificate_number, rec.certificate_application_id, rec.certificate_revoked = None, None, False
    else:
        rec.certificate_number = current.certificate_number
        rec.certificate_application_id = current.application_id
        rec.certificate_revoked = status_of(current, today_jst()) != "certified"
    rec.updated_at = utcnow()
    await service.announce_if_offset(session, rec, source)
    await session.flush()


async def receive_certified(session: AsyncSession, payload: OffsetCertifiedV1, source: str) -> None:
    assert payload.session_id is not None
    existing = await session.get(SessionCertificate, payload.certificate_number, with_for_update=True)
    target = await sessions.get(session, payload.session_id)
    reason = refusal(target, payload.session_id, payload.applicant_org)
    row = existing or SessionCertificate(
        certificate_number=payload.certificate_number,
        session_id=payload.session_id,
        application_id=payload.application_id,
        state="accepted",
        received_at=utcnow(),
    )
    row.applicant_org, row.certified_at = payload.applicant_org, payload.certified_at
    row.valid_from, row.valid_until = payload.valid_from, payload.valid_until
    row.state, row.refusal_reason = ("refused", reason) if reason else ("accepted", None)
    session.add(row)
    await session.flush()
    if reason is not None:
        kind = "unknown_session" if target is None else "not_organiser"
        sa_event.listen(
            session.sync_session,
            "after_commit",
            lambda _s: CERTIFICATES_REFUSED.labels(kind).inc(),
            once=True,
        )
        return
    await _sync(session, payload.session_id, source)


async def receive_revoked(session: AsyncSession, payload: CertificateRevokedV1, source: str) -> None:
    assert payload.session_id is not None
    row = await session.get(SessionCertificate, payload.certificate_number, with_for_update=True)
    if row is None:  # the revocation came first: keep it for the certificate to find
        row = SessionCertificate(
            certificate_number=payload.certificate_number,
            session_id=payload.session_id,
            application_id=payload.application_id,
            state="revocation_only",
            received_at=utcnow(),
        )
    row.revoked_at = payload.revoked_at
    session.add(row)
    await session.flush()
    if row.state == "accepted":
        await _sync(session, row.session_id, source)


async def with_certificate(session: AsyncSession, card: CarbonCardOut) -> CarbonCardOut:
    """The card as of today: a shown certificate past its validity shows as expired, and the
    session's offset status then falls back to what its retirements alone support."""
    current = shown(await for_session(session, card.session_id), today_jst())
    if current is None or current.certificate_number != card.certificate_number:
        return card
    if status_of(current, today_jst()) == "expired":
        rec = await repo.carbon_record(session, card.session_id)
        assert rec is not None
        session.expunge(rec)  # a what-if copy: never written back
        rec.certificate_revoked = True
        card.certificate_status = "expired"
        card.status = carbon_rules.offset_status(rec)
    return card
