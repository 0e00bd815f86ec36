"""HTTP API of webhook subscriptions and their delivery log under /v1/webhooks."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from sosai_notifications import audience
from sosai_notifications.deps import AppSettings, Box, Reader, Writer
from sosai_notifications.models import Delivery, Subscription
from sosai_notifications.webhooks import repository as repo
from sosai_notifications.webhooks import service
from sosai_notifications.webhooks.schemas import (
    AttemptOut,
    DeliveryDetail,
    DeliveryOut,
    EventTypeOut,
    RedeliverOut,
    RedeliverRangeIn,
    SecretOut,
    SubscriptionCreated,
    SubscriptionIn,
    SubscriptionOut,
    SubscriptionPatch,
)
from sosai_shared.auth import public
from sosai_shared.contracts import all_contracts
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])


def _sub(s: Subscription) -> SubscriptionOut:
    return SubscriptionOut.model_validate(s, from_attributes=True)


def _delivery(d: Delivery) -> DeliveryOut:
    out = DeliveryOut.model_validate(d, from_attributes=True)
    return out if d.status == "pending" else out.model_copy(update={"next_attempt_at": None})


@router.get("/event-types", dependencies=[public], summary="Event types one can subscribe to")
async def event_types() -> list[EventTypeOut]:
    return [
        EventTypeOut(type=t, topic=c.topic, public=audience.is_public_type(t))
        for t, c in sorted(all_contracts().items())
    ]


@router.post(
    "/subscriptions",
    status_code=201,
    response_model=SubscriptionCreated,
    summary="Subscribe an endpoint of the caller's organisation (the secret is shown only in this answer)",
    responses={**AUTH, **problem_responses(422)},
)
async def create_subscription(
    body: SubscriptionIn, uow: UoW, principal: Writer, settings: AppSettings, box: Box
) -> JSONResponse:
    sub, secret = await service.create(uow.session, principal, body, settings, box)
    return await uow.respond(SubscriptionCreated(**_sub(sub).model_dump(), secret=secret), 201)


@router.get("/subscriptions", summary="The organisation's subscriptions", responses=AUTH)
async def list_subscriptions(uow: UoW, principal: Reader, paging: Paging) -> Page[SubscriptionOut]:
    return (await repo.subscriptions_page(uow.session, principal.org, paging)).map(_sub)


@router.get(
    "/subscriptions/{sub_id}", summary="One subscription", responses={**AUTH, **problem_responses(404)}
)
async def get_subscription(sub_id: str, uow: UoW, principal: Reader) -> SubscriptionOut:
    return _sub(await service.subscription_for(uow.session, principal, sub_id))


@router.patch(
    "/subscriptions/{sub_id}",
    summary="Change URL, event types or description",
    responses={**AUTH, **problem_responses(404, 422)},
)
async def patch_subscription(
    sub_id: str, body: SubscriptionPatch, uow: UoW, principal: Writer, settings: AppSettings
) -> SubscriptionOut:
    return _sub(await service.update(uow.session, principal, sub_id, body, settings))


_TOGGLE = {"response_model": SubscriptionOut, "responses": {**AUTH, **problem_responses(404)}}


@router.post("/subscriptions/{sub_id}/disable", summary="Stop deliveries (they wait, in order)", **_TOGGLE)  # type: ignore[arg-type]
async def disable_subscription(sub_id: str, uow: UoW, principal: Writer) -> JSONResponse:
    return await uow.respond(_sub(await service.set_enabled(uow.session, principal, sub_id, False)), 200)


@router.post("/subscriptions/{sub_id}/enable", summary="Resume deliveries, in order", **_TOGGLE)  # type: ignore[arg-type]
async def enable_subscription(sub_id: str, uow: UoW, principal: Writer) -> JSONResponse:
    return await uow.respond(_sub(await service.set_enabled(uow.session, principal, sub_id, True)), 200)


@router.post(
    "/subscriptions/{sub_id}/rotate-secret",
    response_model=SecretOut,
    summary="A new signing secret (shown only now); the previous one keeps signing during the grace period",
    responses={**AUTH, **problem_responses(404)},
)
async def rotate_secret(
    sub_id: str, uow: UoW, principal: Writer, settings: AppSettings, box: Box
) -> JSONResponse:
    sub, secret = await service.rotate(uow.session, principal, sub_id, settings, box)
    assert sub.previous_valid_until is not None
    return await uow.respond(SecretOut(secret=secret, previous_valid_until=sub.previous_valid_until), 200)


@router.get(
    "/subscriptions/{sub_id}/deliveries",
    summary="The delivery log of a subscription, newest first",
    responses={**AUTH, **problem_responses(404)},
)
async def list_deliveries(
    sub_id: str,
    uow: UoW,
    principal: Reader,
    paging: Paging,
    status: Annotated[list[Literal["pending", "succeeded", "failed"]] | None, Query()] = None,
) -> Page[DeliveryOut]:
    await service.subscription_for(uow.session, principal, sub_id)
    page = await repo.deliveries_page(uow.session, sub_id, principal.org, paging, status)
    return page.map(_delivery)


@router.post(
    "/subscriptions/{sub_id}/redeliver",
    response_model=RedeliverOut,
    summary="Send again the failed (or also succeeded) deliveries of a time range",
    responses={**AUTH, **problem_responses(404, 422)},
)
async def redeliver_range(sub_id: str, body: RedeliverRangeIn, uow: UoW, principal: Writer) -> JSONResponse:
    n = await service.redeliver_range(uow.session, principal, sub_id, body)
    return await uow.respond(RedeliverOut(requeued=n), 200)


@router.get(
    "/deliveries/{delivery_id}",
    summary="One delivery and its attempts",
    responses={**AUTH, **problem_responses(404)},
)
async def get_delivery(delivery_id: str, uow: UoW, principal: Reader) -> DeliveryDetail:
    d = await service.delivery_for(uow.session, principal, delivery_id)
    log = [AttemptOut.model_validate(a, from_attributes=True) for a in await repo.attempts(uow.session, d.id)]
    return DeliveryDetail(**_delivery(d).model_dump(), attempt_log=log)


@router.post(
    "/deliveries/{delivery_id}/redeliver",
    response_model=DeliveryOut,
    summary="Send one delivery again (same webhook-id)",
    responses={**AUTH, **problem_responses(404, 409)},
)
async def redeliver(delivery_id: str, uow: UoW, principal: Writer) -> JSONResponse:
    return await uow.respond(_delivery(await service.redeliver(uow.session, principal, delivery_id)), 200)
