"""Rules of the Anshin provider register: application, review, registration, suspension.

A registration (and any later status change) is published as ProviderRegisteredV1 with
the provider's organisation and status, so the registry can mark (or unmark) its accounts.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_certification import metrics
from sosai_certification.deps import ADMIN, REVIEW
from sosai_certification.models import Provider
from sosai_certification.providers import repository as repo
from sosai_certification.providers.schemas import AdminProviderIn, ProviderIn
from sosai_shared.auth import Principal
from sosai_shared.committed import after_commit
from sosai_shared.contracts import ProviderRegisteredV1
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict, Forbidden
from sosai_shared.events.outbox import record
from sosai_shared.lookups import get_or_404

#: action -> (statuses it may start from, status it leads to)
WORKFLOW = {
    "register": (frozenset({"applied"}), "registered"),
    "reject": (frozenset({"applied"}), "rejected"),
    "suspend": (frozenset({"registered"}), "suspended"),
    "reinstate": (frozenset({"suspended"}), "registered"),
}


async def provider_for(
    session: AsyncSession, principal: Principal, provider_id: str, *, lock: bool = False
) -> Provider:
    """The provider if the caller may see it (its own organisation's, or any for staff), else 404."""
    return await get_or_404(
        session,
        Provider,
        provider_id,
        thing="provider",
        lock=lock,
        visible=lambda p: p.org == principal.org or principal.has(REVIEW) or principal.has(ADMIN),
    )


async def _new(
    session: AsyncSession, principal: Principal, org: str, body: ProviderIn, status: str
) -> Provider:
    if await repo.active_for_org(session, org) is not None:
        raise Conflict(f"Organisation {org} already has a provider record.", type="provider-exists")
    now = utcnow()
    fields = body.model_dump(exclude={"org"})
    provider = Provider(
        id=str(uuid.uuid4()),
        org=org,
        status=status,
        created_by=principal.sub,
        created_at=now,
        updated_at=now,
        registered_at=now if status == "registered" else None,
        **fields,
    )
    session.add(provider)
    await session.flush()
    return provider


async def apply(session: AsyncSession, principal: Principal, body: ProviderIn) -> Provider:
    return await _new(session, principal, principal.org, body, "applied")


async def _publish(session: AsyncSession, provider: Provider) -> None:
    await record(
        session,
        ProviderRegisteredV1(
            provider_id=provider.id,
            org=provider.org,
            name=provider.name,
            status=provider.status,
            registered_at=provider.registered_at or provider.updated_at,
        ),
    )


async def register_directly(session: AsyncSession, principal: Principal, body: AdminProviderIn) -> Provider:
    provider = await _new(session, principal, body.org, body, "registered")
    await _publish(session, provider)
    after_commit(session, metrics.PROVIDERS_REGISTERED.inc)
    return provider


async def move(
    session: AsyncSession,
    principal: Principal,
    provider_id: str,
    action: str,
    reason: str | None,
) -> Provider:
    provider = await provider_for(session, principal, provider_id, lock=True)
    if provider.org == principal.org:
        raise Forbidden(
            "A reviewer cannot decide on the own organisation's provider record.",
            type="own-application",
            title="Own application",
        )
    allowed_from, target = WORKFLOW[action]
    if provider.status not in allowed_from:
        raise Conflict(
            f"Cannot {action} a provider that is {provider.status}.",
            type="illegal-transition",
            title="Illegal transition",
            current_status=provider.status,
            action=action,
        )
    provider.status, provider.status_reason, provider.updated_at = target, reason, utcnow()
    if action == "register":
        provider.registered_at = provider.updated_at
        after_commit(session, metrics.PROVIDERS_REGISTERED.inc)
    if action != "reject":
        await _publish(session, provider)
    return provider
