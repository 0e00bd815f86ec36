"""The one synchronous question the catalog asks another service: "what is this session's footprint?".

``POST {calculator_url}/v1/estimates/event`` with a bounded timeout and a few
retries with backoff on transport errors and 5xx. Anything else (4xx, a body
without ``total_t_co2``) is not retried. Every failure becomes
:class:`CalculatorUnavailable` with a human-readable reason, which the carbon
card shows instead of a number: the catalog never answers 500 because its
peer is down.

:class:`EstimateCache` sits in front of it for the public carbon card: one call per set of
inputs within a TTL, shared by the views that ask at the same time.
"""

from __future__ import annotations

import asyncio
import json
import logging
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx
from cachetools import TTLCache

from sosai_events_catalog.config import Settings
from sosai_events_catalog.metrics import CALCULATOR_CALLS
from sosai_shared.app import Runtime
from sosai_shared.auth.client_credentials import TokenUnavailable, client_token
from sosai_shared.auth.keys import audience_of, mint_token
from sosai_shared.outbound import tls_context

log = logging.getLogger("sosai.catalog.calculator")

SERVICE_ORG = "sosai-catalog"
ESTIMATE_SCOPE = "calculator:estimate"


class CalculatorUnavailable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class CalculatorRefused(CalculatorUnavailable):
    """The calculator answered, and said no (4xx): the session's data cannot be estimated as it is.
    Not an outage, so never a 503: recording such a footprint is the caller's 422."""


async def bearer_token(settings: Settings) -> str:
    """The catalog's own token for the calculator, carrying ``calculator:estimate`` and nothing else."""
    if settings.calculator_token:
        return settings.calculator_token
    if settings.oauth_client_id and settings.oidc_issuer_url:
        # the catalog's own OAuth2 client: it holds a client secret, never a key that signs tokens
        try:
            return await client_token(
                settings.oidc_issuer_url,
                settings.oauth_client_id,
                settings.oauth_client_secret,
                ESTIMATE_SCOPE,
                timeout=settings.http_timeout_seconds,
            )
        except TokenUnavailable as exc:
            raise CalculatorUnavailable(str(exc)) from exc
    if settings.environment == "production":
        raise CalculatorUnavailable("no calculator client configured (CATALOG_OAUTH_CLIENT_ID/_SECRET)")
    # development and tests without an issuer: a five-minute token for the calculator's audience
    # only, signed with the development key those services trust
    return mint_token(
        org=SERVICE_ORG,
        scopes=[ESTIMATE_SCOPE],
        sub="service:events-catalog",
        issuer=settings.jwt_issuer,
        audience=audience_of("calculator"),
        ttl_seconds=300,
    )


async def estimate_event(settings: Settings, body: dict[str, Any]) -> Decimal:
    """Total t-CO2 of an event as the calculator computes it."""
    url = settings.calculator_url.rstrip("/") + "/v1/estimates/event"
    headers = {"Authorization": f"Bearer {await bearer_token(settings)}"}
    reason = "no attempt made"
    async with httpx.AsyncClient(timeout=settings.http_timeout_seconds, verify=tls_context()) as client:
        for attempt in range(settings.calculator_retries + 1):
            if attempt:
                await asyncio.sleep(settings.calculator_backoff_seconds * 2 ** (attempt - 1))
            try:
                r = await client.post(url, json=body, headers=headers)
            except httpx.TimeoutException:
                reason = f"the calculator did not answer within {settings.http_timeout_seconds:g} s"
                continue
            except httpx.TransportError as exc:
                reason = f"the calculator is unreachable ({type(exc).__name__})"
                continue
            if r.status_code >= 500:
                reason = f"the calculator answered {r.status_code}"
                continue
            if r.status_code >= 400:
                CALCULATOR_CALLS.labels("rejected").inc()
                detail = _problem_detail(r)
                raise CalculatorRefused(f"the calculator refused the estimate ({r.status_code}{detail})")
            try:
                total = Decimal(str(r.json()["total_t_co2"]))
            except (ValueError, KeyError, TypeError, InvalidOperation) as exc:
                CALCULATOR_CALLS.labels("bad_answer").inc()
                raise CalculatorUnavailable("the calculator's answer has no valid total_t_co2") from exc
            CALCULATOR_CALLS.labels("ok").inc()
            return total
    CALCULATOR_CALLS.labels("unavailable").inc()
    log.warning("calculator unavailable: %s", reason)
    raise CalculatorUnavailable(reason)


def _problem_detail(r: httpx.Response) -> str:
    try:
        body = r.json()
    except ValueError:
        return ""
    if isinstance(body, dict) and isinstance(body.get("type"), str):
        return ": " + str(body["type"]).rsplit("/", 1)[-1]
    return ""


class EstimateCache:
    """The carbon card's answers from the calculator, per request body, for ``calculator_cache_seconds``.

    The card is public: without this, every anonymous view of a session would be one or two calls
    to the calculator. The body is everything the estimate depends on (venue, fiscal year, the
    attendees' travel), so a registration or an attendance that changes it asks again at once;
    only the calculator's own changes (a new factor set) wait for the TTL. Views that arrive while
    a call is running await that same call (one task per body), so a burst of cold views is one
    call too. Only answers are kept: a failure is forgotten at once, so the next view tries again.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._entries: TTLCache[str, asyncio.Task[Decimal]] = TTLCache(
            maxsize=settings.calculator_cache_size, ttl=settings.calculator_cache_seconds
        )

    async def estimate(self, body: dict[str, Any]) -> Decimal:
        key = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
        task = self._entries.get(key)
        if task is None:
            task = asyncio.ensure_future(estimate_event(self.settings, body))
            self._entries[key] = task
        try:
            # shielded: a viewer who goes away does not cancel the call the others are awaiting
            return await asyncio.shield(task)
        except CalculatorUnavailable:
            if self._entries.get(key) is task:
                del self._entries[key]
            raise


def estimate_cache(runtime: Runtime, settings: Settings) -> EstimateCache:
    """The app's one cache (it lives as long as the app's runtime, so each test app has its own)."""
    cache = runtime.extras.get("estimate_cache")
    if not isinstance(cache, EstimateCache):
        cache = runtime.extras["estimate_cache"] = EstimateCache(settings)
    return cache
