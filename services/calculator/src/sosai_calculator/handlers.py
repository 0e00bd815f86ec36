"""Consumers of the calculator: credits retired in the registry that name a footprint."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_calculator.footprints import service
from sosai_shared.contracts.registry import CreditsRetiredV1
from sosai_shared.events.envelope import CloudEvent

SOURCE = "/sosai/calculator"


async def on_credits_retired(session: AsyncSession, payload: CreditsRetiredV1, event: CloudEvent) -> None:
    """Counted once per retirement id (the inbox already absorbs a redelivered event id).

    A retirement for a footprint we do not (yet) know is kept and counted when the
    footprint appears. Retirements are counted whoever holds the account: an offset
    provider retires on behalf of the footprint's organisation.
    """
    if not payload.footprint_id:
        return
    await service.apply_retirement(
        session,
        retirement_id=payload.retirement_id,
        footprint_id=payload.footprint_id,
        quantity=payload.quantity,
        holder_org=payload.holder_org,
        beneficiary=payload.beneficiary,
        retired_at=payload.retired_at,
        source=SOURCE,
    )
