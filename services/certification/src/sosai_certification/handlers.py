"""Consumers of other services' events: the facts the automatic checks are computed from.

Facts are stored by their own ids, whatever order they arrive in (a retirement may come
before its footprint, or before the application that names it); the checklist is
computed when it is read or decided, never at arrival.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_certification import repository
from sosai_certification.claims.handlers import on_session_scheduled
from sosai_shared.contracts import CreditsRetiredV1, EventPayload, FootprintCalculatedV1, SessionScheduledV1
from sosai_shared.events.consumer import Handler
from sosai_shared.events.envelope import CloudEvent


async def on_footprint_calculated(
    session: AsyncSession, payload: FootprintCalculatedV1, event: CloudEvent
) -> None:
    await repository.upsert_footprint(
        session,
        {
            "footprint_id": payload.footprint_id,
            "version": payload.version,
            "org": payload.org,
            "kind": payload.kind,
            "name": payload.name,
            "session_id": payload.session_id,
            "total_t_co2": payload.total_t_co2,
            "residual_t_co2": payload.residual_t_co2,
            "offset_share": payload.offset_share,
            "credits_needed": payload.credits_needed,
            "calculated_at": payload.calculated_at,
        },
    )


async def on_credits_retired(session: AsyncSession, payload: CreditsRetiredV1, event: CloudEvent) -> None:
    await repository.insert_retirement(
        session,
        {
            "retirement_id": payload.retirement_id,
            "account_id": payload.account_id,
            "holder_org": payload.holder_org,
            "quantity": payload.quantity,
            "use": payload.use,
            "purpose": payload.purpose,
            "beneficiary": payload.beneficiary,
            "beneficiary_org": payload.beneficiary_org,
            "footprint_id": payload.footprint_id,
            "session_id": payload.session_id,
            "application_id": payload.application_id,
            "blocks": [b.model_dump(mode="json") for b in payload.blocks],
            "retired_at": payload.retired_at,
        },
    )


HANDLERS: dict[type[EventPayload], Handler] = {
    FootprintCalculatedV1: on_footprint_calculated,
    CreditsRetiredV1: on_credits_retired,
    SessionScheduledV1: on_session_scheduled,  # who organises each session
}
