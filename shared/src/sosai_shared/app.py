"""The composition root every service uses: one app, one lifespan, one set of wiring.

:func:`create_service_app` builds the FastAPI app with error handlers, the
observability middleware, health/readiness/metrics routes and the auth guard;
its lifespan owns the database (migrations in development), the Kafka topics,
the outbox relay and the consumers, and stops them in reverse order on shutdown.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import MetaData

from sosai_shared.apidocs import document_api, install_docs
from sosai_shared.auth.api_keys import registry_resolver
from sosai_shared.auth.jwt import guard_routes, public, verifier_for
from sosai_shared.db import Database, ping
from sosai_shared.errors import document_problems, install_error_handlers, problem
from sosai_shared.events.consumer import EventConsumer
from sosai_shared.events.kafka import broker_reachable, ensure_topics_with_retry
from sosai_shared.events.outbox import OutboxRelay, pending
from sosai_shared.faults import refuse_in_production
from sosai_shared.inputs import InputGuard
from sosai_shared.logging import configure_logging
from sosai_shared.metrics import (
    BROKER_UP,
    OUTBOX_BACKLOG,
    OUTBOX_OLDEST_AGE,
    READY,
    ObservabilityMiddleware,
    metrics_response,
)
from sosai_shared.migrations import database_schema_state, upgrade
from sosai_shared.ratelimit import Policies, RateLimitMiddleware
from sosai_shared.reconciliation import Reconciler, periodic
from sosai_shared.settings import ServiceSettings
from sosai_shared.uow import IdempotentReplay, replay_response

log = logging.getLogger("sosai.app")

ConsumerFactory = Callable[["Runtime"], Sequence[EventConsumer]]


@dataclass
class Runtime:
    """What the lifespan owns; routes reach it as ``request.app.state.runtime``."""

    settings: ServiceSettings
    db: Database
    source: str
    publishes: list[str]
    relay: OutboxRelay | None = None
    consumers: list[EventConsumer] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    _broker_ok: tuple[float, bool] = (0.0, False)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)


_heap_frozen = False


def freeze_startup_heap() -> None:
    """Leave what start-up built out of every later garbage collection, once per process.

    Everything alive after start-up (modules, routes, mappers, compiled statements) lives as long as
    the process. Unfrozen, each full collection walked it all: 142-164 ms every ~4 s under load in
    the registry, a pause every request in flight waited through (bench/registry.md, "The tail").
    Garbage made so far is collected first, so that none of it is frozen with the rest. Only the
    first app of a process freezes: a test process starts many apps, and freezing each would keep
    every earlier test's app from ever being collected.
    """
    global _heap_frozen
    if not _heap_frozen:
        _heap_frozen = True
        gc.collect()
        gc.freeze()


def create_service_app(
    settings: ServiceSettings,
    *,
    title: str,
    description: str,
    package: str,
    metadata: MetaData,
    routers: Sequence[APIRouter],
    publishes: Sequence[str] = (),
    consumers: ConsumerFactory | None = None,
    on_startup: Callable[[Runtime], Any] | None = None,
    on_shutdown: Callable[[Runtime], Any] | None = None,
    reconciler: Reconciler | None = None,
    version: str = "1.0.0",
) -> FastAPI:
    configure_logging(settings.service_name, settings.log_level)
    refuse_in_production(settings.environment)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        source = f"/sosai/{settings.service_name}"
        db = Database(settings.database_url, metadata, source=source, **settings.engine_options())
        runtime = Runtime(settings=settings, db=db, source=source, publishes=list(publishes))
        app.state.runtime = runtime
        if settings.migrate_on_startup:
            await upgrade(package, settings.database_url)
        if consumers is not None and settings.run_consumers:
            runtime.consumers = list(consumers(runtime))
        topics = {settings.kafka_topic_prefix + t for t in runtime.publishes}
        for c in runtime.consumers:
            topics.update(c.topics)
            topics.update(c.dlq_topics)
        topic_task = None
        if settings.kafka_create_topics and topics:
            topic_task = asyncio.create_task(ensure_topics_with_retry(settings, topics, runtime.stopping))
        if settings.run_relay:
            runtime.relay = OutboxRelay(settings, db.sessionmaker, db.outbox, topics=runtime.publishes)
            # this process's commits; on PostgreSQL, other replicas' commits too (outbox_notify)
            db.on_outbox_commit(runtime.relay.wakeup.set)
            runtime.relay.start()
        if runtime.consumers:
            # consumers subscribe once their topics exist (a subscription to a missing topic stalls)
            async def start_consumers() -> None:
                if topic_task is not None:
                    await topic_task
                for c in runtime.consumers:
                    c.start()

            runtime.extras["consumer_start"] = asyncio.create_task(start_consumers())
        if reconciler is not None and runtime.consumers and settings.reconcile_interval_seconds > 0:
            # its view is what the consumers built: without them there is nothing of its own to check
            runtime.extras["reconciliation"] = asyncio.create_task(
                periodic(settings, db, reconciler, runtime.stopping)
            )
        if on_startup is not None:
            result = on_startup(runtime)
            if asyncio.iscoroutine(result):
                await result
        log.info(
            "service started",
            extra={"extra_fields": {"database": db.dialect, "broker": settings.kafka_bootstrap_servers}},
        )
        freeze_startup_heap()
        try:
            yield
        finally:
            runtime.stopping.set()
            if on_shutdown is not None:
                result = on_shutdown(runtime)
                if asyncio.iscoroutine(result):
                    await result
            for name in ("consumer_start", "reconciliation"):
                task = runtime.extras.get(name)
                if task is not None and not task.done():
                    task.cancel()
            for c in runtime.consumers:
                await c.stop()
            if runtime.relay is not None:
                await runtime.relay.stop()
            if topic_task is not None and not topic_task.done():
                topic_task.cancel()
            await db.dispose()
            log.info("service stopped")

    app = FastAPI(
        title=title,
        description=description,
        version=version,
        lifespan=lifespan,
        openapi_url="/openapi.json",
        docs_url=None,  # install_docs serves /docs and /redoc without a CDN
        redoc_url=None,
    )
    app.state.token_verifier = verifier_for(settings)
    # the registry replaces this with a lookup in its own database (it owns the keys)
    app.state.api_key_resolver = registry_resolver(settings)
    install_error_handlers(app)
    generate_openapi = app.openapi
    token_url = settings.token_endpoint()

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate_openapi()
            document_problems(schema)
            document_api(app, schema, token_url=token_url)
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.exception_handler(IdempotentReplay)
    async def _replay(_: Request, exc: IdempotentReplay) -> Response:
        return replay_response(exc)

    app.add_middleware(InputGuard)  # inside the observability layer: size limit first, request ids kept
    app.add_middleware(  # before the size check and the routes: a refused call costs nothing more
        RateLimitMiddleware,
        policies=Policies(
            public_reads=settings.rate_limit_public_reads,
            reads=settings.rate_limit_reads,
            writes=settings.rate_limit_writes,
            uploads=settings.rate_limit_uploads,
        ),
        storage_uri=settings.rate_limit_storage_uri,
        service=settings.service_name,
    )
    app.add_middleware(
        ObservabilityMiddleware, service=settings.service_name, max_body_bytes=settings.max_body_bytes
    )

    ops = APIRouter(tags=["operations"], dependencies=[public])

    @ops.get("/healthz", summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "service": settings.service_name}

    @ops.get(
        "/readyz",
        summary="Database reachable and at the migration head",
        responses={503: {"description": "not ready"}},
    )
    async def readyz(request: Request) -> Response:
        # never the broker: the outbox exists so that writes go on while Kafka is away
        runtime: Runtime = request.app.state.runtime
        checks: dict[str, str] = {}
        try:
            await asyncio.wait_for(ping(runtime.db.engine), 3)
            checks["database"] = "ok"
            state = await asyncio.wait_for(database_schema_state(package, runtime.db.engine), 3)
            # "ahead": a newer release migrated during a rolling update (expand-then-contract)
            checks["schema"] = "ok" if state in ("at-head", "ahead") else state
        except Exception as exc:
            checks.setdefault("database", f"unreachable: {type(exc).__name__}")
            checks.setdefault("schema", "unknown")
        ready = all(v == "ok" for v in checks.values())
        READY.labels(settings.service_name).set(1 if ready else 0)
        if ready:
            return JSONResponse({"status": "ready", "checks": checks})
        return problem(
            503,
            "not-ready",
            "Service not ready",
            "The database is unreachable or not migrated.",
            checks=checks,
        )

    @ops.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
    async def metrics(request: Request) -> Response:
        # the outbox figures are computed at scrape time: the relay's own go stale exactly when it
        # matters, while it is stuck on an unreachable broker or dead
        runtime: Runtime = request.app.state.runtime
        try:
            count, age = await asyncio.wait_for(pending(runtime.db.sessionmaker, runtime.db.outbox), 2)
            OUTBOX_BACKLOG.labels(settings.service_name).set(count)
            OUTBOX_OLDEST_AGE.labels(settings.service_name).set(age)
        except Exception:
            pass  # database unreachable: /readyz says so; keep the last known figures
        stamp, ok = runtime._broker_ok
        if time.monotonic() - stamp > 10:  # scrapes from several Prometheus replicas share one check
            ok = await broker_reachable(settings)
            runtime._broker_ok = (time.monotonic(), ok)
        BROKER_UP.labels(settings.service_name).set(1 if ok else 0)
        return metrics_response()

    app.include_router(ops)
    install_docs(app)
    for router in routers:
        app.include_router(router)
    guard_routes(app)
    return app
