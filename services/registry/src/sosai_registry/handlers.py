"""Consumers of other services' events: the certification service's provider registrations."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_registry.accounts.service import register_provider
from sosai_shared.contracts import ProviderRegisteredV1
from sosai_shared.events.envelope import CloudEvent


async def on_provider_registered(
    session: AsyncSession, payload: ProviderRegisteredV1, event: CloudEvent
) -> None:
    """Mark the provider org's accounts; idempotent in effect (the inbox dedups deliveries too)."""
    await register_provider(session, payload.org, payload.provider_id, payload.name)
