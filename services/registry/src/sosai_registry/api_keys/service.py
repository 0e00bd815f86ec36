"""Organisation API keys: create (the key shown once), revoke, and resolve a presented key.

Takes the session, never commits. A key belongs to the organisation of the admin who created it;
another organisation's keys are 404, never 403.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_registry.api_keys import repository as repo
from sosai_registry.api_keys.models import ApiKey
from sosai_registry.api_keys.rules import scope_refusals
from sosai_registry.api_keys.schemas import ApiKeyIn, ApiKeyOut
from sosai_shared.auth.api_keys import display_prefix, invalid_key, key_hash, new_key, principal_of
from sosai_shared.auth.jwt import Principal
from sosai_shared.db import utcnow
from sosai_shared.errors import Unprocessable
from sosai_shared.lookups import get_or_404


async def create(session: AsyncSession, caller: Principal, body: ApiKeyIn) -> tuple[ApiKey, str]:
    """The new key's row and the key itself (which only the caller ever sees)."""
    refused = scope_refusals(body.scopes, caller.scopes)
    if refused:
        raise Unprocessable(
            "A key's scopes must be ones the caller holds; " + "; ".join(refused) + ".",
            type="invalid-key-scopes",
            title="Invalid key scopes",
        )
    key = new_key()
    row = ApiKey(
        id=str(uuid.uuid4()),
        org=caller.org,
        name=body.name,
        prefix=display_prefix(key),
        key_hash=key_hash(key),
        scopes=" ".join(dict.fromkeys(body.scopes)),
        created_by=caller.sub,
        created_at=utcnow(),
    )
    session.add(row)
    await session.flush()
    return row, key


async def key_for(session: AsyncSession, caller: Principal, key_id: str, *, lock: bool = False) -> ApiKey:
    """The caller's organisation's key, or 404 api-key-not-found (also for another organisation's)."""
    return await get_or_404(
        session, ApiKey, key_id, thing="api key", lock=lock, visible=lambda k: k.org == caller.org
    )


async def revoke(session: AsyncSession, caller: Principal, key_id: str) -> ApiKey:
    """Revoke at once; revoking a revoked key changes nothing (its first revocation time stays)."""
    row = await key_for(session, caller, key_id, lock=True)
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        await session.flush()
    return row


async def resolve(session: AsyncSession, key: str) -> Principal:
    """Who a presented key is, noting the use; unknown and revoked keys are 401 alike."""
    row = await repo.by_hash(session, key_hash(key))
    if row is None or row.revoked_at is not None:
        raise invalid_key()
    await repo.mark_used(session, row.id, utcnow())
    return principal_of(row.id, row.org, row.scope_set)


def view(row: ApiKey) -> ApiKeyOut:
    return ApiKeyOut(
        id=row.id,
        org=row.org,
        name=row.name,
        prefix=row.prefix,
        scopes=sorted(row.scope_set),
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )
