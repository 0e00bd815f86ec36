"""Every query over subscriptions and deliveries."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col

from sosai_notifications.models import Delivery, DeliveryAttempt, StoredEvent, Subscription
from sosai_shared.pagination import Page, PageParams, keyset_page


async def subscription(
    session: AsyncSession, sub_id: str, *, org: str | None = None, for_update: bool = False
) -> Subscription | None:
    stmt = select(Subscription).where(col(Subscription.id) == sub_id)
    if org is not None:
        stmt = stmt.where(col(Subscription.org) == org)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def subscriptions_page(session: AsyncSession, org: str, paging: PageParams) -> Page[Subscription]:
    stmt = select(Subscription).where(col(Subscription.org) == org)
    return await keyset_page(session, stmt, (col(Subscription.id),), paging)


async def candidates(session: AsyncSession, owners: Sequence[str], public: bool) -> list[Subscription]:
    """Subscriptions that may see an event: its owners', and everyone's when it is public.

    Disabled ones too: their deliveries wait, in order, until the subscription is enabled again.
    """
    stmt = select(Subscription)
    if not public:
        if not owners:
            return []
        stmt = stmt.where(col(Subscription.org).in_(list(owners)))
    return list((await session.execute(stmt.order_by(col(Subscription.id)))).scalars())


def _table(model: type[object]) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


async def insert_events(session: AsyncSession, events: Sequence[StoredEvent]) -> list[int]:
    """Several events in one INSERT (not through the ORM's unit of work); their ``seq``, in order."""
    table = _table(StoredEvent)
    rows = [{c.name: getattr(e, c.name) for c in table.columns if c.name != "seq"} for e in events]
    stmt = insert(table).returning(table.c.seq, sort_by_parameter_order=True)
    return list((await session.execute(stmt, rows)).scalars())


async def insert_deliveries(session: AsyncSession, rows: Sequence[Mapping[str, object]]) -> None:
    """New deliveries in one statement (the consumer's burst)."""
    if rows:
        await session.execute(insert(_table(Delivery)), list(rows))


async def due(
    session: AsyncSession,
    now: datetime,
    *,
    limit: int,
    busy: Collection[str] = (),
    saturated: Collection[str] = (),
) -> list[tuple[Delivery, Subscription, StoredEvent]]:
    """Pending deliveries whose time has come and that head their subject's queue, oldest due
    first, each with its subscription and its event (one query, not one per delivery).

    A delivery waits while an earlier event on the same subject for the same subscription is
    still pending (per-subject order); deliveries of disabled subscriptions wait too. ``busy``
    deliveries (being sent, or their outcome not recorded yet) and the deliveries of ``saturated``
    subscriptions (every slot taken) are left out, so the page holds only what may start.
    """
    # The head of each (subscription, subject) lane is its pending delivery with the smallest
    # event_seq: numbered by a window over the pending deliveries. Not `NOT EXISTS (an earlier
    # pending one)`: with statistics taken while few deliveries were pending, PostgreSQL probed that
    # anti-join through the wrong index and read every earlier delivery for each candidate (5 to
    # 42 s per refill at 6,000 pending; bench/notifications.md). The window's cost does not
    # depend on such estimates. Busy, saturated and not-yet-due heads are filtered outside it:
    # they still hold their lane.
    ranked = (
        select(
            Delivery,
            func.row_number()
            .over(
                partition_by=(col(Delivery.subscription_id), col(Delivery.subject)),
                order_by=col(Delivery.event_seq),
            )
            .label("lane_position"),
        )
        .where(col(Delivery.status) == "pending")
        .subquery()
    )
    head = aliased(Delivery, ranked)
    stmt = (
        select(head, Subscription, StoredEvent)
        .join(Subscription, col(Subscription.id) == col(head.subscription_id))
        .join(StoredEvent, col(StoredEvent.seq) == col(head.event_seq))
        .where(
            ranked.c.lane_position == 1,
            col(head.next_attempt_at) <= now,
            col(Subscription.status) == "active",
        )
    )
    if busy:
        stmt = stmt.where(col(head.id).not_in(list(busy)))
    if saturated:
        stmt = stmt.where(col(head.subscription_id).not_in(list(saturated)))
    stmt = stmt.order_by(col(head.next_attempt_at), col(head.event_seq)).limit(limit)
    return [(d, s, e) for d, s, e in (await session.execute(stmt)).tuples()]


async def deliveries_for_update(session: AsyncSession, ids: Collection[str]) -> dict[str, Delivery]:
    """Several deliveries by id, locked in id order (one worker transaction records them)."""
    stmt = select(Delivery).where(col(Delivery.id).in_(sorted(ids))).order_by(col(Delivery.id))
    return {d.id: d for d in (await session.execute(stmt.with_for_update())).scalars()}


async def subscriptions_for_update(session: AsyncSession, ids: Collection[str]) -> dict[str, Subscription]:
    stmt = select(Subscription).where(col(Subscription.id).in_(sorted(ids))).order_by(col(Subscription.id))
    return {s.id: s for s in (await session.execute(stmt.with_for_update())).scalars()}


async def delivery(
    session: AsyncSession, delivery_id: str, *, org: str | None = None, for_update: bool = False
) -> Delivery | None:
    stmt = select(Delivery).where(col(Delivery.id) == delivery_id)
    if org is not None:
        stmt = stmt.where(col(Delivery.org) == org)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def deliveries_page(
    session: AsyncSession, sub_id: str, org: str, paging: PageParams, statuses: Sequence[str] | None
) -> Page[Delivery]:
    """Newest first (by event arrival: one delivery per event and subscription), only the organisation's own."""
    stmt = select(Delivery).where(col(Delivery.subscription_id) == sub_id, col(Delivery.org) == org)
    if statuses:
        stmt = stmt.where(col(Delivery.status).in_(list(statuses)))
    return await keyset_page(session, stmt, (col(Delivery.event_seq),), paging, descending=True)


async def attempts(session: AsyncSession, delivery_id: str) -> list[DeliveryAttempt]:
    stmt = select(DeliveryAttempt).where(col(DeliveryAttempt.delivery_id) == delivery_id)
    return list((await session.execute(stmt.order_by(col(DeliveryAttempt.attempt)))).scalars())


async def resume(session: AsyncSession, sub_id: str, now: datetime) -> None:
    """Pending deliveries of a re-enabled subscription get a fresh retry window, due now."""
    await session.execute(
        update(Delivery)
        .where(col(Delivery.subscription_id) == sub_id, col(Delivery.status) == "pending")
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
            col(Delivery.subscription_id) == sub_id,
            col(Delivery.created_at) >= since,
            col(Delivery.created_at) <= until,
            col(Delivery.status).in_(statuses),
        )
        .values(status="pending", next_attempt_at=now, retry_from=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
