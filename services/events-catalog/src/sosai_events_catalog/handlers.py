"""Events the catalog consumes: credits retired for a session, offsets certified and revoked.

Each handler is idempotent in effect beyond the inbox (retirements are summed by
retirement id; a certificate is set, not added) and tolerates arrival before the
session exists here (the carbon record is keyed by session id alone).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_events_catalog.carbon import service
from sosai_events_catalog.certificates import service as certificates
from sosai_shared.contracts.certification import CertificateRevokedV1, OffsetCertifiedV1
from sosai_shared.contracts.registry import CreditsRetiredV1
from sosai_shared.events.envelope import CloudEvent

SOURCE = "/sosai/catalog"


async def on_credits_retired(session: AsyncSession, payload: CreditsRetiredV1, event: CloudEvent) -> None:
    if not payload.session_id:
        return  # a retirement for something other than a catalog session
    await service.apply_retirement(
        session,
        session_id=payload.session_id,
        retirement_id=payload.retirement_id,
        quantity=payload.quantity,
        retired_at=payload.retired_at,
        source=SOURCE,
    )


async def on_offset_certified(session: AsyncSession, payload: OffsetCertifiedV1, event: CloudEvent) -> None:
    if not payload.session_id:
        return
    await certificates.receive_certified(session, payload, SOURCE)  # organiser check, own-time order


async def on_certificate_revoked(
    session: AsyncSession, payload: CertificateRevokedV1, event: CloudEvent
) -> None:
    if not payload.session_id:
        return
    await certificates.receive_revoked(session, payload, SOURCE)
