"""The consumer of every service's topic: it only records and queues, in one transaction.

Each event is stored once (its arrival order is the public feed's order), one delivery is
queued per matching subscription, and the facts the e-mails need are kept. Nothing is sent
from here: the Kafka offset moves only after this transaction committed, and the delivery
worker and the mail sender work from the database. A burst is applied by ``on_events``: the
events in one INSERT, the subscriptions read once, the deliveries in one INSERT.

The delivery worker is woken (``on_queued``) only once a transaction that queued a delivery has
committed: most events match no subscription, and waking it for each made it reread the queue up to
ten times a second for nothing (a quarter of this service's CPU at 50 retirements a second).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_notifications import audience
from sosai_notifications.approvals import service as approvals
from sosai_notifications.mail import service as mail
from sosai_notifications.models import StoredEvent
from sosai_notifications.webhooks import service as webhooks
from sosai_shared.committed import after_commit
from sosai_shared.contracts import (
    ApprovalDecidedV1,
    ApprovalRequestedV1,
    CertificateRevokedV1,
    EventPayload,
    OffsetCertifiedV1,
    RegistrationPromotedV1,
    all_contracts,
)
from sosai_shared.db import utcnow
from sosai_shared.events.consumer import Handler, applies_many
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.logging import correlation_id_var


def _stored(payload: EventPayload, event: CloudEvent) -> StoredEvent:
    who = audience.audience(event.type, event.data)
    return StoredEvent(
        event_id=event.id,
        type=event.type,
        source=event.source,
        subject=event.subject or payload.subject,
        time=event.time,
        owners=list(who.owners),
        is_public=who.public,
        data=event.data,
        public_data=who.public_data,
        correlationid=event.correlationid,
        received_at=utcnow(),
    )


def handlers(on_queued: Callable[[], None] | None = None) -> dict[type[EventPayload], Handler]:
    """Every contract of every service, one handler (which also takes bursts).

    ``on_queued`` runs after the commit of a transaction that queued at least one delivery.
    """

    def queued(session: AsyncSession, count: int) -> None:
        if count and on_queued is not None:
            after_commit(session, on_queued)

    async def on_event(session: AsyncSession, payload: EventPayload, event: CloudEvent) -> None:
        stored = _stored(payload, event)
        session.add(stored)
        await session.flush()
        queued(session, await webhooks.fan_out(session, stored))
        await _remember(session, payload)

    async def on_events(session: AsyncSession, items: list[tuple[EventPayload, CloudEvent]]) -> None:
        """A run of new events, in order: what ``on_event`` does to each, in a few statements."""
        stored = [_stored(payload, event) for payload, event in items]
        await webhooks.store_events(session, stored)  # one INSERT; their seq, in order (the feed's order)
        queued(session, await webhooks.fan_out_many(session, stored))
        for payload, event in items:
            token = correlation_id_var.set(event.correlationid or event.id)
            try:
                await _remember(session, payload)
            finally:
                correlation_id_var.reset(token)

    return dict.fromkeys(all_contracts().values(), applies_many(on_event, on_events))


async def _remember(session: AsyncSession, payload: EventPayload) -> None:
    """The facts the e-mails need (certificates to watch, places offered, approvals waiting)."""
    if isinstance(payload, OffsetCertifiedV1):
        await mail.watch_certificate(session, payload)
    elif isinstance(payload, CertificateRevokedV1):
        await mail.unwatch_certificate(session, payload.certificate_number)
    elif isinstance(payload, RegistrationPromotedV1):
        await mail.waiting_list_place(session, payload)
    elif isinstance(payload, ApprovalRequestedV1):
        await approvals.requested(session, payload)
    elif isinstance(payload, ApprovalDecidedV1):
        await approvals.decided(session, payload)
