"""Business rules of webhooks: subscriptions, fan-out of an event, and an attempt's outcome.

Takes the session, never commits (the request's unit of work or the worker's transaction does).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_notifications import audience
from sosai_notifications.config import Settings
from sosai_notifications.mail import service as mail
from sosai_notifications.models import Delivery, DeliveryAttempt, StoredEvent, Subscription
from sosai_notifications.webhooks import destination, rules
from sosai_notifications.webhooks import repository as repo
from sosai_notifications.webhooks.schemas import RedeliverRangeIn, SubscriptionIn, SubscriptionPatch
from sosai_notifications.webhooks.secrets import SecretBox, new_secret
from sosai_shared.auth import Principal
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict, NotFound, Unprocessable


async def subscription_for(
    session: AsyncSession, principal: Principal, sub_id: str, *, lock: bool = False
) -> Subscription:
    sub = await repo.subscription(session, sub_id, org=principal.org, for_update=lock)
    if sub is None:  # another organisation's subscription is 404, like a missing one
        raise NotFound(f"No subscription {sub_id}.", type="subscription-not-found")
    return sub


async def _check_url(url: str, settings: Settings) -> None:
    if settings.allow_private_urls:
        rules.check_url(url, allow_private=True)
    else:
        await destination.ensure_public(url)


async def create(
    session: AsyncSession, principal: Principal, body: SubscriptionIn, settings: Settings, box: SecretBox
) -> tuple[Subscription, str]:
    await _check_url(body.url, settings)
    secret = new_secret()
    now = utcnow()
    sub = Subscription(
        id=str(uuid.uuid4()),
        org=principal.org,
        url=body.url,
        event_types=list(dict.fromkeys(body.event_types)),
        description=body.description,
        status="active",
        secret_enc=box.seal(secret),
        created_by=principal.sub,
        created_at=now,
        updated_at=now,
    )
    session.add(sub)
    await session.flush()
    return sub, secret


async def update(
    session: AsyncSession, principal: Principal, sub_id: str, body: SubscriptionPatch, settings: Settings
) -> Subscription:
    sub = await subscription_for(session, principal, sub_id, lock=True)
    if body.url is not None:
        await _check_url(body.url, settings)
        sub.url = body.url
    if body.event_types is not None:
        sub.event_types = list(dict.fromkeys(body.event_types))
    if "description" in body.model_fields_set:
        sub.description = body.description
    sub.updated_at = utcnow()
    await session.flush()
    return sub


async def set_enabled(
    session: AsyncSession, principal: Principal, sub_id: str, enabled: bool
) -> Subscription:
    sub = await subscription_for(session, principal, sub_id, lock=True)
    now = utcnow()
    if enabled:
        if sub.status != "active":
            await repo.resume(session, sub.id, now)
        sub.status, sub.disabled_reason, sub.failing_since = "active", None, None
    elif sub.status == "active":
        sub.status, sub.disabled_reason = "disabled", "disabled by the organisation"
    sub.updated_at = now
    await session.flush()
    return sub


async def rotate(
    session: AsyncSession, principal: Principal, sub_id: str, settings: Settings, box: SecretBox
) -> tuple[Subscription, str]:
    """A new secret; the current one keeps signing (beside it) for the grace period."""
    sub = await subscription_for(session, principal, sub_id, lock=True)
    now = utcnow()
    secret = new_secret()
    sub.previous_secret_enc = sub.secret_enc
    sub.previous_valid_until = now + timedelta(seconds=settings.rotation_grace_seconds)
    sub.secret_enc = box.seal(secret)
    sub.updated_at = now
    await session.flush()
    return sub, secret


def signing_secrets(sub: Subscription, box: SecretBox, now: datetime) -> list[str]:
    secrets = [box.open(sub.secret_enc)]
    if sub.previous_secret_enc and sub.previous_valid_until and sub.previous_valid_until > now:
        secrets.append(box.open(sub.previous_secret_enc))
    return secrets


async def fan_out(session: AsyncSession, event: StoredEvent) -> int:
    """Queue one delivery per matching subscription (in the consumer's transaction)."""
    return await fan_out_many(session, [event])


async def store_events(session: AsyncSession, events: Sequence[StoredEvent]) -> None:
    """Store new events (not added to the session) in one statement; each gets its ``seq``."""
    for event, seq in zip(events, await repo.insert_events(session, events), strict=True):
        event.seq = seq


async def fan_out_many(session: AsyncSession, events: Sequence[StoredEvent]) -> int:
    """``fan_out`` for several stored events, in order: one read of the subscriptions, one INSERT."""
    owners = {org for e in events for org in e.owners}
    subs = await repo.candidates(session, sorted(owners), any(e.is_public for e in events))
    rows: list[dict[str, object]] = []
    for event in events:
        assert event.seq is not None
        for sub in subs:
            if not (event.is_public or sub.org in event.owners):
                continue
            if not audience.matches(sub.event_types, event.type):
                continue
            rows.append(
                {
                    "id": f"msg_{uuid.uuid4().hex}",
                    "subscription_id": sub.id,
                    "org": sub.org,
                    "event_seq": event.seq,
                    "event_id": event.event_id,
                    "event_type": event.type,
                    "subject": event.subject,
                    "full": sub.org in event.owners,
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": event.received_at,
                    "retry_from": event.received_at,
                    "created_at": event.received_at,
                }
            )
    await repo.insert_deliveries(session, rows)
    return len(rows)


@dataclass(frozen=True)
class Attempt:
    """What one delivery attempt came to, as the worker saw it (``at``: when the answer came)."""

    delivery_id: str
    status_code: int | None
    latency_ms: int
    error: str | None
    at: datetime


async def record_attempts(session: AsyncSession, settings: Settings, attempts: Sequence[Attempt]) -> set[str]:
    """The outcomes of several attempts, in the order given: log each, then succeed, retry later,
    give up, or disable. Returns the subscriptions this disabled (their other deliveries wait).

    An attempt on a delivery that is no longer pending (recorded already) is ignored, so recording
    the same outcome twice changes nothing.
    """
    deliveries = await repo.deliveries_for_update(session, {a.delivery_id for a in attempts})
    subs = await repo.subscriptions_for_update(session, {d.subscription_id for d in deliveries.values()})
    disabled: set[str] = set()
    for a in attempts:
        d = deliveries.get(a.delivery_id)
        if d is None or d.status != "pending":
            continue
        sub = subs[d.subscription_id]
        was_active = sub.status == "active"
        await _apply_attempt(session, settings, d, sub, a)
        if was_active and sub.status != "active":
            disabled.add(sub.id)
    await session.flush()
    return disabled


async def _apply_attempt(
    session: AsyncSession, settings: Settings, d: Delivery, sub: Subscription, a: Attempt
) -> None:
    now = a.at
    result = rules.outcome(a.status_code)
    if result == "error" and a.error and "timed out" in a.error.lower():
        result = "timeout"
    d.attempts += 1
    d.last_attempt_at, d.last_status_code, d.last_latency_ms, d.last_error = (
        now,
        a.status_code,
        a.latency_ms,
        a.error,
    )
    session.add(
        DeliveryAttempt(
            delivery_id=d.id,
            attempt=d.attempts,
            at=now,
            status_code=a.status_code,
            latency_ms=a.latency_ms,
            outcome=result,
            error=a.error,
        )
    )
    if result == "succeeded":
        d.status, d.delivered_at = "succeeded", now
        sub.failing_since = None
    elif result == "gone":
        d.status = "failed"
        await _disable(session, sub, "the endpoint answered 410 Gone", settings)
    else:
        sub.failing_since = sub.failing_since or now
        next_at = now + timedelta(
            seconds=rules.next_delay(
                d.attempts, base=settings.retry_base_seconds, cap=settings.retry_cap_seconds
            )
        )
        if rules.give_up(d.retry_from, next_at, settings.retry_window_seconds):
            d.status = "failed"
        else:
            d.next_attempt_at = next_at
        if now - sub.failing_since >= timedelta(seconds=settings.disable_after_failing_seconds):
            await _disable(session, sub, "every delivery failed for too long", settings)


async def _disable(session: AsyncSession, sub: Subscription, reason: str, settings: Settings) -> None:
    if sub.status != "active":
        return
    sub.status, sub.disabled_reason, sub.updated_at = "disabled", reason, utcnow()
    await mail.subscription_disabled(session, settings, sub.org, sub.id, sub.url, reason)


async def delivery_for(
    session: AsyncSession, principal: Principal, delivery_id: str, *, lock: bool = False
) -> Delivery:
    d = await repo.delivery(session, delivery_id, org=principal.org, for_update=lock)
    if d is None:  # another organisation's delivery is 404, like a missing one
        raise NotFound(f"No delivery {delivery_id}.", type="delivery-not-found")
    return d


async def redeliver(session: AsyncSession, principal: Principal, delivery_id: str) -> Delivery:
    d = await delivery_for(session, principal, delivery_id, lock=True)
    if d.status == "pending":
        raise Conflict("The delivery is still pending; it will be attempted again.", type="delivery-pending")
    now = utcnow()
    d.status, d.next_attempt_at, d.retry_from = "pending", now, now
    await session.flush()
    return d


async def redeliver_range(
    session: AsyncSession, principal: Principal, sub_id: str, body: RedeliverRangeIn
) -> int:
    await subscription_for(session, principal, sub_id)
    if body.until < body.since:
        raise Unprocessable("'until' is before 'since'.", type="invalid-range")
    return await repo.requeue_range(
        session, sub_id, body.since, body.until, utcnow(), include_succeeded=body.include_succeeded
    )
