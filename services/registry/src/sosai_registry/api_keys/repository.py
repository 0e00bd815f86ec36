"""Every query over organisation API keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sosai_registry.api_keys.models import ApiKey
from sosai_shared.pagination import Page, PageParams, keyset_page


async def by_hash(session: AsyncSession, digest: str) -> ApiKey | None:
    return (await session.execute(select(ApiKey).where(col(ApiKey.key_hash) == digest))).scalar_one_or_none()


async def mark_used(session: AsyncSession, key_id: str, at: datetime) -> None:
    await session.execute(update(ApiKey).where(col(ApiKey.id) == key_id).values(last_used_at=at))


async def keys_page(session: AsyncSession, params: PageParams, org: str) -> Page[ApiKey]:
    stmt = select(ApiKey).where(col(ApiKey.org) == org)
    return await keyset_page(session, stmt, (col(ApiKey.created_at), col(ApiKey.id)), params)
