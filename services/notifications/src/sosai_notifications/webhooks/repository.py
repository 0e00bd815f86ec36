"""Every query over subscriptions and deliveries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import and_, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from sosai_notifications.models import Delivery, DeliveryAttempt, StoredEvent, Subscription


async def subscription(
    session: AsyncSession, sub_id: str, *, org: str | None = None, for_update: bool = False
) -> Subscription | None:
    stmt = select(Subscription).where(Subscription.id == sub_id)
    if org is not None:
        stmt = stmt.where(Subscription.org == org)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def subscriptions_page(
    session: AsyncSession, org: str, *, limit: int, cursor: list[object] | None
) -> list[Subscription]:
    stmt = select(Subscription).where(Subscription.org == org)
    if cursor:
        stmt = stmt.where(Subscription.id > str(cursor[0]))
    return list((await session.execute(stmt.order_by(Subscription.id).limit(limit + 1))).scalars())


async def candidates(session: AsyncSession, owners: Sequence[str], public: bool) -> list[Subscription]:
    """Subscriptions that may see an event: its owners', and everyone's when it is public.

    Disabled ones too: their deliveries wait, in order, until the subscription is enabled again.
    """
    stmt = select(Subscription)
    if not public:
        if not owners:
            return []
        stmt = stmt.where(Subscription.org.in_(list(owners)))  # type: ignore[attr-defined]
    return list((await session.execute(stmt.order_by(Subscription.id))).scalars())


async def due(session: AsyncSession, now: datetime, *, limit: int, busy: Iterable[str]) -> list[Delivery]:
    """Pending deliveries whose time has come and that head their subject's queue.

    A delivery waits while an earlier event on the same subject for the same subscription is
    still pending (per-subject order); deliveries of disabled subscriptions wait too.
    """
    earlier = aliased(Delivery)
    head_of_line = ~exists().where(
        and_(
            earlier.subscription_id == Delivery.subscription_id,
            earlier.subject == Delivery.subject,
            earlier.status == "pending",
            earlier.event_seq < Delivery.event_seq,
        )
    )
    stmt = (
        select(Delivery)
        .join(Subscription, Subscription.id == Delivery.subscription_id)
        .where(
            Delivery.status == "pending",
            Delivery.next_attempt_at <= now,
            Subscription.status == "active",
            head_of_line,
        )
    )
    busy = list(busy)
    if busy:
        stmt = stmt.where(Delivery.id.not_in(busy))  # type: ignore[attr-defined]
    return list((await session.execute(stmt.order_by(Delivery.next_attempt_at).limit(limit))).scalars())


async def delivery(
    session: AsyncSession, delivery_id: str, *, org: str | None = None, for_update: bool = False
) -> Delivery | None:
    stmt = select(Delivery).where(Delivery.id == delivery_id)
    if org is not None:
        stmt = stmt.where(Delivery.org == org)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def event(session: AsyncSession, seq: int) -> StoredEvent | None:
    return await session.get(StoredEvent, seq)


async def deliveries_page(
    session: AsyncSession,
    sub_id: str,
    org: str,
    *,
    limit: int,
    cursor: list[object] | None,
    statuses: Sequence[str] | None,
) -> list[Delivery]:
    """Newest first (by event arrival), only the organisation's own."""
    stmt = select(Delivery).where(Delivery.subscription_id == sub_id, Delivery.org == org)
    if statuses:
        stmt = stmt.where(Delivery.status.in_(list(statuses)))  # type: ignore[attr-defined]
    if cursor:
        stmt = stmt.where(Delivery.event_seq < int(str(cursor[0])))
    return list((await session.execute(stmt.order_by(Delivery.event_seq.desc()).limit(limit + 1))).scalars())  # type: ignore[attr-defined]


async def attempts(session: AsyncSession, delivery_id: str) -> list[DeliveryAttempt]:
    stmt = select(DeliveryAttempt).where(DeliveryAttempt.delivery_id == delivery_id)
    return list((await session.execute(stmt.order_by(DeliveryAttempt.attempt))).scalars())


async def resume(session: AsyncSession, sub_id: str, now: datetime) -> None:
    """Pending deliveries of a re-enabled subscription get a fresh retry window, due now."""
    await session.execute(
        update(Delivery)
        .where(Delivery.subscription_id == sub_id, Delivery.status == "pending")
        .values(next_attempt_at=now, retry_from=now)
    )


async def requeue_range(
    session: AsyncSession,
    sub_id: str,
    since: datetime,
    until: datetime,
    now: datetime,
    *,
    include_succeeded: bool,
) -> int:
    statuses = ["failed", "succeeded"] if include_succeeded else ["failed"]
    result = await session.execute(
        update(Delivery)
        .where(
            Delivery.subscription_id == sub_id,
            Delivery.created_at >= since,
            Delivery.created_at <= until,
            Delivery.status.in_(statuses),  # type: ignore[attr-defined]
        )
        .values(status="pending", next_attempt_at=now, retry_from=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
