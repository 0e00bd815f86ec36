"""Reconciliation: a consumer's view of the registry's retirements, checked against the public ledger.

Three services count retirements they learnt from ``CreditsRetiredV1``: the calculator per footprint
(coverage), certification per application (the checklist), the events catalog per session (the
carbon card). Each provides a ``reconciliation`` module with a :class:`Reconciler`: its local view
(the retirements it holds, and the tonnes it shows per scope) and the handler it consumes with.
This module does the rest once: it pages the registry's ``/v1/public/retirements``, compares
(:func:`compare`, pure), exports ``sosai_reconciliation_divergence{service, kind}``, and repairs by
replaying the registry's own record through the consumer's handler, in one transaction with an
inbox row, exactly like a delivered event (the handlers count a retirement once by its id, so a
replay of something already there changes nothing).

Kinds of divergence:

* ``missing``: the registry has a retirement for one of the consumer's scopes that the consumer
  does not hold (a lost event, a deleted row). Repaired by the replay.
* ``total``: the tonnes the consumer shows for a scope differ from the registry's retirements for
  it. Repaired by the consumer recounting that scope from the retirements it holds.
* ``unexpected``: the consumer holds a retirement the registry does not publish.
* ``mismatched``: both know the retirement, with different tonnes or a different scope.

The last two are never "repaired": a consumer's fact that disagrees with the ledger is evidence
(a corrupted row, a registry restored from an older backup) that an operator must look at.

The local view is read before the registry's ledger: a retirement the consumer holds was committed
in the registry before it was published, so it is in the ledger read afterwards. A retirement
younger than the grace period that the consumer does not hold yet may still be on its way through
the broker, and is left out of both sides until it settles.

``python -m sosai_shared.reconciliation [--service calculator] [--repair]`` (``make reconcile``)
runs it against each consumer's own database and the registry's URL from its settings.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import importlib.util
import logging
import sys
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

import httpx
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_shared.contracts.registry import CreditsRetiredV1
from sosai_shared.db import Database, describe_database_error, utcnow
from sosai_shared.events.consumer import Handler, apply_once
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.metrics import RECONCILIATION_DIVERGENCE
from sosai_shared.outbound import tls_context
from sosai_shared.settings import ServiceSettings

log = logging.getLogger("sosai.reconciliation")

Kind = Literal["missing", "unexpected", "mismatched", "total"]
KINDS: tuple[Kind, ...] = ("missing", "unexpected", "mismatched", "total")
Scope = Literal["footprint", "application", "session"]
REGISTRY_SOURCE = "/sosai/registry"


@dataclass(frozen=True)
class Fact:
    """One retirement as one side counts it: for which scope (footprint, application, session)."""

    retirement_id: str
    scope: str
    quantity: int


@dataclass(frozen=True)
class LocalView:
    """What a consumer holds. ``shown``: the tonnes it shows per scope, where it stores a total (None:
    it computes totals when read, so there is nothing more to compare). ``attached``: retirements the
    consumer itself attached to a scope (certification: the application that names a retirement),
    which then count there whatever the registry's own field says."""

    facts: Sequence[Fact]
    shown: Mapping[str, int] | None = None
    attached: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Divergence:
    kind: Kind
    scope: str
    registry_tonnes: int
    local_tonnes: int
    retirement_id: str | None = None

    def describe(self, scope_name: str = "scope") -> str:
        what = f"retirement {self.retirement_id} of " if self.retirement_id else ""
        return (
            f"{self.kind:<10} {what}{scope_name} {self.scope or '(none)'}: registry {self.registry_tonnes} t, "
            f"here {self.local_tonnes} t"
        )


def registry_facts(
    retirements: Iterable[CreditsRetiredV1],
    view: LocalView,
    scope_field: str,
    *,
    keep_unscoped: bool = False,
    settled_before: datetime | None = None,
) -> list[Fact]:
    """The registry's retirements that concern this consumer, counted for the scope it would use.

    A retirement younger than ``settled_before`` counts only if the consumer already holds it (else it
    may still be on its way). ``keep_unscoped``: the consumer keeps retirements naming no scope of its
    kind too (certification keeps every retirement: any may be named by an application later).
    """
    held = {f.retirement_id for f in view.facts}
    out: list[Fact] = []
    for r in retirements:
        if settled_before is not None and r.retired_at > settled_before and r.retirement_id not in held:
            continue
        scope = view.attached.get(r.retirement_id) or getattr(r, scope_field, None)
        if scope is None and not keep_unscoped:
            continue
        out.append(Fact(r.retirement_id, scope or "", r.quantity))
    return out


def compare(registry: Sequence[Fact], view: LocalView) -> list[Divergence]:
    """Every difference between the registry's facts and the consumer's view (pure: no I/O)."""
    theirs = {f.retirement_id: f for f in registry}
    ours = {f.retirement_id: f for f in view.facts}
    out: list[Divergence] = []
    for rid in sorted(theirs.keys() - ours.keys()):
        f = theirs[rid]
        out.append(Divergence("missing", f.scope, f.quantity, 0, rid))
    for rid in sorted(ours.keys() - theirs.keys()):
        f = ours[rid]
        out.append(Divergence("unexpected", f.scope, 0, f.quantity, rid))
    for rid in sorted(ours.keys() & theirs.keys()):
        t, o = theirs[rid], ours[rid]
        if (t.quantity, t.scope) != (o.quantity, o.scope):
            out.append(Divergence("mismatched", t.scope, t.quantity, o.quantity, rid))
    if view.shown is not None:
        per_scope = Counter[str]()
        for f in registry:
            per_scope[f.scope] += f.quantity
        for scope, shown in sorted(view.shown.items()):
            if shown != per_scope[scope]:
                out.append(Divergence("total", scope, per_scope[scope], shown))
    return out


@dataclass(frozen=True)
class Reconciler:
    """What a consuming service contributes: its scope, its view, and its own consuming path."""

    scope: Scope
    #: the inbox name of the consumer whose handler applies ``CreditsRetiredV1`` (replays are its events)
    consumer: str
    handler: Handler
    local_view: Callable[[AsyncSession], Awaitable[LocalView]]
    #: recount one scope's shown total from the retirements the service holds (None: it stores none)
    recount: Callable[[AsyncSession, str], Awaitable[None]] | None = None
    keep_unscoped: bool = False

    @property
    def scope_field(self) -> str:
        return f"{self.scope}_id"


@dataclass
class Report:
    service: str
    scope: Scope
    divergences: list[Divergence]
    #: the registry's records by id, for the replay
    retirements: dict[str, CreditsRetiredV1]
    checked: int = 0
    repaired: list[str] = field(default_factory=list)

    def counts(self) -> dict[Kind, int]:
        c = Counter(d.kind for d in self.divergences)
        return {k: c[k] for k in KINDS}

    def lines(self) -> list[str]:
        n = len(self.divergences)
        head = f"{self.service}: {self.checked} retirements checked per {self.scope}, {n} divergence(s)"
        return [head, *(f"  {d.describe(self.scope)}" for d in self.divergences)]


async def fetch_retirements(client: httpx.AsyncClient, page_size: int = 200) -> list[CreditsRetiredV1]:
    """Every completed retirement of the public ledger, page by page (its keyset cursor)."""
    out: list[CreditsRetiredV1] = []
    cursor: str | None = None
    while True:
        params: dict[str, str | int] = {"limit": page_size}
        if cursor:
            params["cursor"] = cursor
        r = await client.get("/v1/public/retirements", params=params)
        r.raise_for_status()
        page = r.json()
        for item in page["items"]:
            out.append(CreditsRetiredV1.model_validate({**item, "retirement_id": item["id"]}))
        cursor = page.get("next_cursor")
        if not cursor:
            return out


async def reconcile(
    settings: ServiceSettings,
    db: Database,
    reconciler: Reconciler,
    *,
    client: httpx.AsyncClient | None = None,
    grace_seconds: float | None = None,
) -> Report:
    """Compare the view with the ledger and set the gauge. The view is read first (see the module)."""
    async with db.read_sessionmaker() as session, session.begin():
        view = await reconciler.local_view(session)
    grace = settings.reconcile_grace_seconds if grace_seconds is None else grace_seconds
    settled_before = utcnow() - timedelta(seconds=grace)
    own = client is None
    http = client or httpx.AsyncClient(
        base_url=settings.registry_url, timeout=settings.http_timeout_seconds * 5, verify=tls_context()
    )
    try:
        retirements = await fetch_retirements(http)
    finally:
        if own:
            await http.aclose()
    facts = registry_facts(
        retirements,
        view,
        reconciler.scope_field,
        keep_unscoped=reconciler.keep_unscoped,
        settled_before=settled_before,
    )
    report = Report(
        settings.service_name,
        reconciler.scope,
        compare(facts, view),
        {r.retirement_id: r for r in retirements},
        checked=len(facts),
    )
    for kind, n in report.counts().items():
        RECONCILIATION_DIVERGENCE.labels(settings.service_name, kind).set(n)
    return report


def replay_event(settings: ServiceSettings, payload: CreditsRetiredV1) -> CloudEvent:
    """The registry's record as the event it was published as, under an id of its own: the inbox
    keeps the replay apart from the original delivery, whose id the consumer may already hold."""
    return CloudEvent(
        id=f"reconciliation-{uuid.uuid4()}",
        source=REGISTRY_SOURCE,
        type=payload.event_type,
        subject=payload.subject,
        time=utcnow(),
        data=payload.model_dump(mode="json"),
    )


async def repair(
    settings: ServiceSettings, db: Database, reconciler: Reconciler, report: Report
) -> list[str]:
    """Replay what is missing, then recount the scopes whose totals differ; returns what was done."""
    done: list[str] = []
    topic = settings.kafka_topic_prefix + CreditsRetiredV1.topic
    for d in report.divergences:
        if d.kind == "missing" and d.retirement_id in report.retirements:
            payload = report.retirements[d.retirement_id]
            event = replay_event(settings, payload)
            await apply_once(db, reconciler.consumer, event, payload, reconciler.handler, topic=topic)
            done.append(f"replayed retirement {d.retirement_id} ({d.registry_tonnes} t) for {d.scope}")
    recount = reconciler.recount
    if recount is not None:
        # a replay recounts its own scope; the others are recounted from what the service now holds
        for scope in sorted({d.scope for d in report.divergences if d.kind in ("missing", "total")}):
            async with db.sessionmaker() as session, session.begin():
                await recount(session, scope)
            done.append(f"recounted {report.scope} {scope}")
    report.repaired = done
    return done


async def periodic(
    settings: ServiceSettings, db: Database, reconciler: Reconciler, stopping: asyncio.Event
) -> None:
    """The consumer's background job: reconcile every ``reconcile_interval_seconds``, report only.

    The first run waits one interval: at start-up the consumer is catching up with its topics, and
    the registry may be starting too. A failed run (registry unreachable) keeps the last figures.
    """
    interval = settings.reconcile_interval_seconds
    while not stopping.is_set():
        try:
            await asyncio.wait_for(stopping.wait(), timeout=interval)
            return
        except TimeoutError:
            pass
        try:
            report = await reconcile(settings, db, reconciler)
        except Exception as exc:  # the job must outlive a registry or database that is away
            log.warning("reconciliation failed: %s", f"{type(exc).__name__}: {exc}")
            continue
        if report.divergences:
            log.warning(
                "reconciliation found divergences",
                extra={"extra_fields": {"divergences": {k: n for k, n in report.counts().items() if n}}},
            )


# ------------------------------------------------------------------ the command line


def reconciling_services() -> list[str]:
    """The services that provide a reconciliation module (the consumers of retirements)."""
    from sosai_shared.processes import SERVICES

    return [s.name for s in SERVICES if importlib.util.find_spec(f"{s.package}.reconciliation") is not None]


async def _run_one(name: str, *, do_repair: bool, registry_url: str | None, grace: float | None) -> Report:
    from sosai_shared.processes import SERVICES

    spec = next(s for s in SERVICES if s.name == name)
    settings: ServiceSettings = importlib.import_module(f"{spec.package}.config").Settings()
    if registry_url:
        settings.registry_url = registry_url
    metadata = importlib.import_module(f"{spec.package}.models").Base.metadata
    reconciler: Reconciler = importlib.import_module(f"{spec.package}.reconciliation").RECONCILER
    db = Database(settings.database_url, metadata, source=f"/sosai/{settings.service_name}")
    try:
        report = await reconcile(settings, db, reconciler, grace_seconds=grace)
        if do_repair and report.divergences:
            await repair(settings, db, reconciler, report)
            after = await reconcile(settings, db, reconciler, grace_seconds=grace)
            after.repaired = report.repaired
            for line in report.lines():
                print(line)
            report = after
        return report
    finally:
        await db.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    services = reconciling_services()
    parser = argparse.ArgumentParser(
        prog="python -m sosai_shared.reconciliation",
        description="Compare each consumer's view of the retirements with the registry's public ledger. "
        "Each service's database and the registry's URL come from its own settings (environment).",
    )
    parser.add_argument("--service", action="append", choices=services, help="default: every one")
    parser.add_argument("--repair", action="store_true", help="replay missing retirements, recount totals")
    parser.add_argument("--registry-url", help="default: each service's <PREFIX>REGISTRY_URL")
    parser.add_argument(
        "--grace", type=float, help="seconds a retirement may take to arrive (default: setting)"
    )
    args = parser.parse_args(argv)
    remaining = 0
    for name in args.service or services:
        try:
            report = asyncio.run(
                _run_one(name, do_repair=args.repair, registry_url=args.registry_url, grace=args.grace)
            )
        except httpx.HTTPError as exc:
            print(f"{name}: the registry could not be read: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 2
        except SQLAlchemyError as exc:  # not migrated yet, unreachable: say so, not a traceback
            print(f"{name}: its database could not be read: {describe_database_error(exc)}", file=sys.stderr)
            return 2
        for action in report.repaired:
            print(f"  repaired: {action}")
        for line in report.lines():
            print(line)
        remaining += len(report.divergences)
    return 1 if remaining else 0


if __name__ == "__main__":
    raise SystemExit(main())
