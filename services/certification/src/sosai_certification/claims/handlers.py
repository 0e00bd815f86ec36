"""Consumer of catalog.events: which organisation organises each session."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_certification.claims import repository
from sosai_shared.contracts import SessionScheduledV1
from sosai_shared.events.envelope import CloudEvent


async def on_session_scheduled(session: AsyncSession, payload: SessionScheduledV1, event: CloudEvent) -> None:
    await repository.remember_session(
        session,
        {
            "session_id": payload.session_id,
            "organiser_org": payload.organiser_org,
            "title": payload.title[:300],
            "starts_at": payload.starts_at,
        },
    )
