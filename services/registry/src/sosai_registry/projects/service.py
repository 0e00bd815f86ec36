"""Methodologies, projects through the J-VER cycle, and certifications of their reductions.

Takes the session, never commits. A proponent sees its own projects; administrators see all;
anything else is 404. Registration and certification are published through the outbox.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sosai_registry.context import Ctx
from sosai_registry.ledger import repository as ledger
from sosai_registry.ledger.serials import fiscal_year, today_jst
from sosai_registry.models import Certification, Methodology, Project, ProjectTransition
from sosai_registry.projects import repository as repo
from sosai_registry.projects.rules import (
    PUBLIC_PROJECT_STATUSES,
    check_certified_quantity,
    check_period,
    check_transition,
    default_credit_type,
)
from sosai_registry.projects.schemas import (
    CertificationIn,
    MethodologyIn,
    MethodologyStatusIn,
    ProjectIn,
    ProjectOut,
    TransitionIn,
    TransitionOut,
)
from sosai_shared.contracts import CreditsCertifiedV1, MethodologyRegisteredV1, ProjectRegisteredV1
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict, NotFound
from sosai_shared.events.outbox import record


# ---------------------------------------------------------------- methodologies
async def create_methodology(ctx: Ctx, body: MethodologyIn) -> Methodology:
    if await repo.methodology_by_code(ctx.session, body.code) is not None:
        raise Conflict(
            f"Methodology {body.code} exists.", type="methodology-exists", title="Methodology exists"
        )
    m = Methodology(
        id=str(uuid.uuid4()),
        code=body.code,
        name=body.name,
        category=body.category,
        credit_type=default_credit_type(body.category, body.credit_type),
        version=body.version,
        status="active",
        created_at=utcnow(),
    )
    ctx.session.add(m)
    await _publish_methodology(ctx, m, m.created_at)
    await ctx.session.flush()
    return m


async def _publish_methodology(ctx: Ctx, m: Methodology, status_at: datetime) -> None:
    """The methodology as it now stands, through the outbox in the caller's transaction: public
    readers (the explorer's figures) count the approved methodologies from these events."""
    await record(
        ctx.session,
        MethodologyRegisteredV1(
            methodology_id=m.id,
            code=m.code,
            name=m.name,
            category=m.category,
            credit_type=m.credit_type,
            version=m.version,
            status=m.status,
            registered_at=m.created_at,
            status_at=status_at,
        ),
        source=ctx.source,
    )


async def methodology(ctx: Ctx, methodology_id: str) -> Methodology:
    m = await ledger.get(ctx.session, Methodology, methodology_id)
    if m is None:
        raise NotFound(f"No methodology {methodology_id}.", type="methodology-not-found")
    return m


async def set_methodology_status(ctx: Ctx, methodology_id: str, body: MethodologyStatusIn) -> Methodology:
    m = await methodology(ctx, methodology_id)
    if m.status != body.status:
        m.status = body.status
        await _publish_methodology(ctx, m, utcnow())
    await ctx.session.flush()
    return m


# ---------------------------------------------------------------- projects
async def apply_project(ctx: Ctx, body: ProjectIn) -> Project:
    m = await repo.methodology_by_code(ctx.session, body.methodology_code)
    if m is None:
        raise NotFound(
            f"No methodology {body.methodology_code}.",
            type="methodology-not-found",
            title="Methodology not found",
        )
    if m.status != "active":
        raise Conflict(
            f"Methodology {m.code} is {m.status}.",
            type="methodology-withdrawn",
            title="Methodology withdrawn",
        )
    check_period(body.crediting_start, body.crediting_end, "crediting period")
    seq = await ledger.next_counter(ctx.session, "project", 1)
    now = utcnow()
    p = Project(
        id=str(uuid.uuid4()),
        code=f"P{seq:04d}",
        name=body.name,
        proponent_org=ctx.org,
        methodology_id=m.id,
        prefecture=body.prefecture,
        programme=body.programme,
        crediting_start=body.crediting_start,
        crediting_end=body.crediting_end,
        status="applied",
        applied_at=now,
    )
    ctx.session.add(p)
    ctx.session.add(
        ProjectTransition(
            project_id=p.id,
            from_status=None,
            to_status="applied",
            actor_sub=ctx.sub,
            actor_org=ctx.org,
            effective_on=today_jst(),
            at=now,
        )
    )
    await ctx.session.flush()
    return p


async def project_for(ctx: Ctx, project_id: str, *, lock: bool = False) -> Project:
    """The project if the caller may see it (its proponent or an administrator); otherwise 404."""
    p = await ledger.get(ctx.session, Project, project_id, lock=lock)
    if p is None or (not ctx.is_admin and p.proponent_org != ctx.org):
        raise NotFound(f"No project {project_id}.", type="project-not-found", title="Project not found")
    return p


async def public_project(ctx: Ctx, project_id: str) -> Project:
    p = await ledger.get(ctx.session, Project, project_id)
    if p is None or p.status not in PUBLIC_PROJECT_STATUSES:
        raise NotFound(f"No registered project {project_id}.", type="project-not-found")
    return p


async def transition_project(ctx: Ctx, project_id: str, body: TransitionIn) -> Project:
    p = await project_for(ctx, project_id, lock=True)
    to = body.to
    check_transition(p.status, to, body.reason)
    on = body.effective_date or today_jst()
    now = utcnow()
    ctx.session.add(
        ProjectTransition(
            project_id=p.id,
            from_status=p.status,
            to_status=to,
            actor_sub=ctx.sub,
            actor_org=ctx.org,
            reason=body.reason,
            effective_on=on,
            at=now,
        )
    )
    first_registration = to == "registered" and p.registered_on is None
    p.status = to
    if first_registration:
        p.registered_on = on
        m = await methodology(ctx, p.methodology_id)
        await record(
            ctx.session,
            ProjectRegisteredV1(
                project_id=p.id,
                project_code=p.code,
                name=p.name,
                proponent_org=p.proponent_org,
                methodology_code=m.code,
                category=m.category,
                prefecture=p.prefecture,
                programme=p.programme,
                registered_at=now,
            ),
            source=ctx.source,
        )
    await ctx.session.flush()
    return p


async def project_views(
    ctx: Ctx, projects: Sequence[Project], *, with_transitions: bool = False
) -> list[ProjectOut]:
    """Views of projects with their methodologies fetched in one query (no query per project)."""
    methods = await repo.methodologies_by_id(ctx.session, {p.methodology_id for p in projects})
    out = []
    for p in projects:
        m = methods[p.methodology_id]
        trs = (
            [
                TransitionOut.model_validate(t, from_attributes=True)
                for t in await repo.transitions(ctx.session, p.id)
            ]
            if with_transitions
            else []
        )
        out.append(
            ProjectOut(
                id=p.id,
                code=p.code,
                name=p.name,
                proponent_org=p.proponent_org,
                methodology_code=m.code,
                category=m.category,
                prefecture=p.prefecture,
                programme=p.programme,
                crediting_start=p.crediting_start,
                crediting_end=p.crediting_end,
                status=p.status,
                applied_at=p.applied_at,
                registered_on=p.registered_on,
                transitions=trs,
            )
        )
    return out


async def project_view(ctx: Ctx, p: Project) -> ProjectOut:
    return (await project_views(ctx, [p], with_transitions=True))[0]


# ---------------------------------------------------------------- certifications
async def certify(ctx: Ctx, project_id: str, body: CertificationIn) -> Certification:
    p = await project_for(ctx, project_id, lock=True)
    if p.status != "registered":
        raise Conflict(
            f"Project {p.code} is {p.status}; only registered projects are certified.",
            type="project-not-registered",
            title="Project not registered",
        )
    check_certified_quantity(body.quantity)
    check_period(body.period_start, body.period_end, "monitoring period")
    if await repo.overlapping_certification(ctx.session, p.id, body.period_start, body.period_end):
        raise Conflict(
            "A certification of this project already covers part of this period.",
            type="certification-period-overlap",
            title="Period already certified",
        )
    now = utcnow()
    c = Certification(
        id=str(uuid.uuid4()),
        project_id=p.id,
        period_start=body.period_start,
        period_end=body.period_end,
        vintage=fiscal_year(body.period_end),
        monitoring_report=body.monitoring_report,
        verifier=body.verifier,
        quantity=body.quantity,
        issued_quantity=0,
        certified_on=body.effective_date or today_jst(),
        certified_by=ctx.sub,
        created_at=now,
    )
    ctx.session.add(c)
    await ctx.session.flush()
    await record(
        ctx.session,
        CreditsCertifiedV1(
            certification_id=c.id,
            project_id=p.id,
            quantity=c.quantity,
            period_start=c.period_start,
            period_end=c.period_end,
            vintage=c.vintage,
            certified_at=now,
        ),
        source=ctx.source,
    )
    return c


async def certification_for(ctx: Ctx, certification_id: str, *, lock: bool = False) -> Certification:
    c = await ledger.get(ctx.session, Certification, certification_id, lock=lock)
    if c is None:
        raise NotFound(f"No certification {certification_id}.", type="certification-not-found")
    if not ctx.is_admin:
        await project_for(ctx, c.project_id)
    return c


async def certifications(ctx: Ctx, project_id: str) -> Sequence[Certification]:
    p = await project_for(ctx, project_id)
    return await repo.certifications_of(ctx.session, p.id)
