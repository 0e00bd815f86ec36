"""The consumer of every service's topic: it only records and queues, in one transaction.

Each event is stored once (its arrival order is the public feed's order), one delivery is
queued per matching subscription, and the facts the e-mails need are kept. Nothing is sent
from here: the Kafka offset moves only after this transaction committed, and the delivery
worker and the mail sender work from the database.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_notifications import audience
from sosai_notifications.approvals import service as approvals
from sosai_notifications.mail import service as mail
from sosai_notifications.models import StoredEvent
from sosai_notifications.webhooks import service as webhooks
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
from sosai_shared.events.envelope import CloudEvent


async def on_event(session: AsyncSession, payload: EventPayload, event: CloudEvent) -> None:
    who = audience.audience(event.type, event.data)
    stored = StoredEvent(
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
    session.add(stored)
    await session.flush()
    await webhooks.fan_out(session, stored)
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


#: every contract of every service, one handler
HANDLERS = dict.fromkeys(all_contracts().values(), on_event)
