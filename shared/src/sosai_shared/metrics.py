"""Prometheus metrics every service exports, and the HTTP middleware feeding them.

Names are shared by all four services (told apart by the ``service`` label), so
one dashboard and one set of alert rules cover them all. Business counters live
with the service that owns them.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sosai_shared.logging import correlation_id_var, request_id_var

# *_created series double the scrape size and no dashboard uses them
disable_created_metrics()  # type: ignore[no-untyped-call]

HTTP_REQUESTS = Counter(
    "sosai_http_requests_total", "HTTP requests handled", ["service", "method", "route", "status"]
)
HTTP_ERRORS = Counter(
    "sosai_http_errors_total", "HTTP responses with status >= 500", ["service", "method", "route"]
)
HTTP_LATENCY = Histogram(
    "sosai_http_request_duration_seconds",
    "HTTP request latency",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
OUTBOX_BACKLOG = Gauge(
    "sosai_outbox_backlog", "Outbox events not yet acknowledged by the broker", ["service"]
)
OUTBOX_OLDEST_AGE = Gauge(
    "sosai_outbox_oldest_age_seconds", "Age of the oldest unpublished outbox event", ["service"]
)
OUTBOX_PUBLISHED = Counter("sosai_outbox_published_total", "Outbox events published", ["service", "topic"])
OUTBOX_PUBLISH_FAILURES = Counter(
    "sosai_outbox_publish_failures_total", "Failed attempts to publish outbox events", ["service"]
)
CONSUMER_PROCESSED = Counter(
    "sosai_consumer_processed_total", "Events applied by consumers", ["service", "consumer", "topic"]
)
CONSUMER_DUPLICATES = Counter(
    "sosai_consumer_duplicates_total",
    "Redelivered events skipped by the inbox",
    ["service", "consumer", "topic"],
)
CONSUMER_FAILED = Counter(
    "sosai_consumer_failed_total", "Failed attempts to apply an event", ["service", "consumer", "topic"]
)
CONSUMER_DEAD_LETTERED = Counter(
    "sosai_consumer_dead_lettered_total",
    "Events sent to a dead-letter topic",
    ["service", "consumer", "topic"],
)
CONSUMER_LAG = Gauge(
    "sosai_consumer_lag", "Messages behind the partition's high watermark", ["service", "consumer", "topic"]
)
READY = Gauge(
    "sosai_ready", "1 when the database is reachable and at the service's migration head", ["service"]
)
#: Set by each consumer's reconciliation job (sosai_shared.reconciliation); alert SosaiReconciliationDivergence.
RECONCILIATION_DIVERGENCE = Gauge(
    "sosai_reconciliation_divergence",
    "Differences between the service's view of retirements and the registry's public ledger, by kind "
    "(missing, unexpected, mismatched, total)",
    ["service", "kind"],
)
#: Not part of readiness: the outbox keeps writes going while the broker is away (alert SosaiBrokerDown).
BROKER_UP = Gauge("sosai_broker_up", "1 when the Kafka broker answered an admin request", ["service"])


def metrics_response() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


class ObservabilityMiddleware:
    """Request id, correlation id, body-size limit and per-route metrics, in one pure ASGI layer."""

    def __init__(self, app: ASGIApp, service: str, max_body_bytes: int) -> None:
        self.app, self.service, self.max_body = app, service, max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        rid = headers.get("x-request-id") or str(uuid.uuid4())
        cid = headers.get("x-correlation-id") or rid
        rtok, ctok = request_id_var.set(rid[:100]), correlation_id_var.set(cid[:100])
        status = 500
        start = time.perf_counter()

        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            from sosai_shared.errors import problem

            resp = problem(
                413,
                "payload-too-large",
                "Payload too large",
                f"Request bodies are limited to {self.max_body} bytes.",
            )
            await resp(scope, receive, send)
            self._observe(scope, "POST-too-large", 413, start)
            request_id_var.reset(rtok)
            correlation_id_var.reset(ctok)
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            msg = await receive()
            if msg["type"] == "http.request":
                received += len(msg.get("body", b""))
                if received > self.max_body:
                    from sosai_shared.errors import PayloadTooLarge

                    raise PayloadTooLarge(f"Request bodies are limited to {self.max_body} bytes.")
            return msg

        started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"].append((b"x-request-id", rid.encode("latin-1")))
            await send(message)

        try:
            await self.app(scope, limited_receive, send_wrapper)
        except Exception:
            if status != 500 or started:
                raise  # the response already began; nothing sensible can be sent now
            from sosai_shared.errors import unexpected_error_response

            await unexpected_error_response()(scope, receive, send_wrapper)
        finally:
            self._observe(scope, None, status, start)
            request_id_var.reset(rtok)
            correlation_id_var.reset(ctok)

    def _observe(self, scope: Scope, override: str | None, status: int, start: float) -> None:
        route: Any = scope.get("route")
        template = getattr(route, "path", None) or "unmatched"
        method = scope.get("method", "GET")
        if template in ("/metrics",):
            return
        HTTP_REQUESTS.labels(self.service, method, template, str(status)).inc()
        HTTP_LATENCY.labels(self.service, method, template).observe(time.perf_counter() - start)
        if status >= 500:
            HTTP_ERRORS.labels(self.service, method, template).inc()


async def metrics_endpoint(_: Request) -> Response:
    return metrics_response()
