"""Rules of applications and certificates: who may move what, and what a move writes.

Takes the session, never commits (the unit of work does). Visibility: an applicant sees
its own organisation's applications in any status; reviewers and admins see every
application except other organisations' drafts; anything else is 404.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_certification import metrics
from sosai_certification import repository as facts
from sosai_certification.applications import repository as repo
from sosai_certification.applications.rules import (
    counted_retirements,
    credits_required,
    evaluate,
    target_status,
)
from sosai_certification.applications.schemas import (
    ApplicationIn,
    ApplicationPatch,
    CertifyIn,
    CheckOut,
    EndReportIn,
    EndReportOut,
)
from sosai_certification.claims import repository as claims_repo
from sosai_certification.claims import rules as claims_rules
from sosai_certification.config import Settings
from sosai_certification.deps import ADMIN, REVIEW
from sosai_certification.models import Application, Certificate, RetirementUsage, Transition
from sosai_certification.periods import add_years, fiscal_year, today_jst
from sosai_shared.auth import Principal
from sosai_shared.committed import after_commit
from sosai_shared.contracts import ApplicationSubmittedV1, CertificateRevokedV1, OffsetCertifiedV1
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict, Forbidden, Unprocessable
from sosai_shared.events.outbox import record
from sosai_shared.lookups import found, get_or_404

OFFSET_TYPE_LABELS = {
    "product_service": "Product / service use offset",
    "meeting_event": "Meeting / event offset",
    "own_activity": "Own-activity offset",
    "own_activity_support": "Own-activity offset support",
    "closed_specific_parties": "Offset closed between specific parties",
}


def _is_staff(principal: Principal) -> bool:
    return principal.has(REVIEW) or principal.has(ADMIN)


async def application_for(
    session: AsyncSession,
    principal: Principal,
    application_id: str,
    *,
    lock: bool = False,
    visible: Callable[[Application], bool] | None = None,
) -> Application:
    """The application if the caller may see it, else ``application-not-found``.

    An applicant sees its own organisation's applications in any status; staff see every
    application except other organisations' drafts. ``visible`` narrows that further.
    """

    def may_see(app: Application) -> bool:
        seen = app.applicant_org == principal.org or (_is_staff(principal) and app.status != "draft")
        return seen and (visible is None or visible(app))

    return await get_or_404(
        session, Application, application_id, thing="application", lock=lock, visible=may_see
    )


async def _own(session: AsyncSession, principal: Principal, application_id: str) -> Application:
    return await application_for(
        session, principal, application_id, lock=True, visible=lambda a: a.applicant_org == principal.org
    )


async def _for_review(session: AsyncSession, principal: Principal, application_id: str) -> Application:
    app = await application_for(session, principal, application_id, lock=True)
    if app.applicant_org == principal.org:
        raise Forbidden(
            "A reviewer cannot decide on an application of the own organisation.",
            type="own-application",
            title="Own application",
        )
    return app


def _move(
    session: AsyncSession, app: Application, action: str, principal: Principal, reason: str | None
) -> str:
    previous = app.status
    app.status = target_status(action, previous)
    app.updated_at = utcnow()
    session.add(
        Transition(
            application_id=app.id,
            from_status=previous,
            to_status=app.status,
            actor_sub=principal.sub,
            actor_org=principal.org,
            reason=reason,
            at=app.updated_at,
        )
    )
    return previous


async def _check_renews(session: AsyncSession, org: str, number: str | None) -> None:
    if number is None:
        return
    cert = await repo.certificate_by_number(session, number)
    if cert is None or cert.applicant_org != org:
        raise Unprocessable(
            f"No certificate {number} of your organisation to renew.", type="unknown-certificate"
        )


async def create(session: AsyncSession, principal: Principal, body: ApplicationIn) -> Application:
    await _check_renews(session, principal.org, body.renews)
    now = utcnow()
    app = Application(
        id=str(uuid.uuid4()),
        applicant_org=principal.org,
        created_by=principal.sub,
        status="draft",
        created_at=now,
        updated_at=now,
        **body.model_dump(),
    )
    session.add(app)
    session.add(
        Transition(
            application_id=app.id,
            from_status=None,
            to_status="draft",
            actor_sub=principal.sub,
            actor_org=principal.org,
            reason="created",
            at=now,
        )
    )
    await session.flush()
    return app


async def update_draft(
    session: AsyncSession, principal: Principal, application_id: str, patch: ApplicationPatch
) -> Application:
    app = await _own(session, principal, application_id)
    if app.status != "draft":
        raise Conflict(
            f"Only a draft can be edited; this application is {app.status}.",
            type="illegal-transition",
            title="Illegal transition",
            current_status=app.status,
            action="edit",
        )
    fields = list(ApplicationIn.model_fields)
    merged: dict[str, object] = {f: getattr(app, f) for f in fields}
    merged.update(patch.model_dump(exclude_unset=True))
    try:
        valid = ApplicationIn.model_validate(merged)
    except ValueError as exc:
        raise Unprocessable(f"The updated application is not valid: {exc}", type="validation-error") from exc
    await _check_renews(session, principal.org, valid.renews)
    for key, value in valid.model_dump().items():
        setattr(app, key, value)
    app.updated_at = utcnow()
    return app


def _missing_for_submission(app: Application) -> list[str]:
    missing = [f for f in ("scope", "reduction_efforts") if not getattr(app, f).strip()]
    if not app.emission_sources:
        missing.append("emission_sources")
    if not app.footprint_id:
        missing.append("footprint_id")
    if app.quantity is None and not app.carbon_neutral:
        missing.append("quantity or carbon_neutral")
    return missing


async def submit(session: AsyncSession, principal: Principal, application_id: str) -> Application:
    app = await _own(session, principal, application_id)
    target_status("submit", app.status)
    missing = _missing_for_submission(app)
    if missing:
        raise Unprocessable(
            f"The application is incomplete: {', '.join(missing)}.",
            type="incomplete-application",
            missing=missing,
        )
    _move(session, app, "submit", principal, None)
    app.submitted_at = app.updated_at
    await record(
        session,
        ApplicationSubmittedV1(
            application_id=app.id,
            applicant_org=app.applicant_org,
            offset_type=app.offset_type,
            subject_name=app.subject_name,
            footprint_id=app.footprint_id,
            session_id=app.session_id,
            submitted_at=app.submitted_at,
        ),
    )
    offset_type = app.offset_type
    after_commit(session, lambda: metrics.APPLICATIONS.labels(offset_type).inc())
    return app


async def revise(session: AsyncSession, principal: Principal, application_id: str) -> Application:
    app = await _own(session, principal, application_id)
    _move(session, app, "revise", principal, "revised after rejection")
    app.rejection_reasons = None
    app.submitted_at = None
    return app


async def start_review(session: AsyncSession, principal: Principal, application_id: str) -> Application:
    app = await _for_review(session, principal, application_id)
    _move(session, app, "review", principal, None)
    app.reviewer_sub, app.reviewer_org = principal.sub, principal.org
    return app


async def reject(
    session: AsyncSession, principal: Principal, application_id: str, reasons: list[str]
) -> Application:
    app = await _for_review(session, principal, application_id)
    _move(session, app, "reject", principal, "; ".join(reasons))
    app.rejection_reasons = reasons
    return app


def _label(app: Application, number: str, credits: int) -> str:
    kind = "Carbon neutral" if app.carbon_neutral else "Carbon offset"
    return (
        f"{kind} certified ({number}): {app.subject_name} — {OFFSET_TYPE_LABELS[app.offset_type]}, "
        f"{credits} t-CO2 offset with retired J-VER credits. カーボン・オフセット認証ラベル"
    )


async def certify(
    session: AsyncSession,
    principal: Principal,
    application_id: str,
    body: CertifyIn,
    settings: Settings,
) -> Application:
    app = await _for_review(session, principal, application_id)
    target_status("certify", app.status)
    today = today_jst()
    if body.effective_date is not None and body.effective_date > today:
        raise Unprocessable("effective_date cannot be in the future.", type="future-effective-date")
    footprint = await facts.get_footprint(session, app.footprint_id)
    retirements = await facts.retirements_for(session, app.id, app.retirement_ids)
    providers = await claims_repo.provider_orgs(session, (r.holder_org for r in retirements))
    counted = counted_retirements(app, retirements, providers)
    used = await repo.usages(session, [r.retirement_id for r in counted])
    checks = evaluate(
        app,
        footprint,
        retirements,
        used,
        now=utcnow(),
        window_days=settings.retirement_window_days,
        provider_orgs=providers,
        known_session=await claims_repo.known_session(session, app.session_id),
    )
    failed = [c.name for c in checks if not c.met]
    if failed:
        raise Conflict(
            f"Certification needs every check met; not met: {', '.join(failed)}.",
            type="checks-not-met",
            title="Checks not met",
            failed=failed,
            checks=[CheckOut(**c.__dict__).model_dump(mode="json") for c in checks],
        )
    now = utcnow()
    claimed = await repo.take_usages(
        session,
        [
            RetirementUsage(
                retirement_id=r.retirement_id, application_id=app.id, quantity=r.quantity, used_at=now
            )
            for r in counted
        ],
    )
    if not claimed:
        raise Conflict(
            "A retirement was just counted by another certification.",
            type="checks-not-met",
            title="Checks not met",
            failed=["retirements_unused"],
        )
    on = body.effective_date or today
    valid_from = on
    if app.renews is not None:
        previous = await repo.certificate_by_number(session, app.renews)
        if previous is not None and previous.valid_until >= on:
            valid_from = previous.valid_until + timedelta(days=1)  # a renewal continues without a gap
    fy = fiscal_year(on)
    seq = await repo.next_sequence(session, fy)
    number = f"CO-{fy}-{seq:03d}"
    credits = sum(r.quantity for r in counted)
    required = credits_required(app, footprint) or 0
    years = app.validity_years if app.carbon_neutral else 1
    cert = Certificate(
        number=number,
        application_id=app.id,
        fiscal_year=fy,
        sequence=seq,
        offset_type=app.offset_type,
        applicant_org=app.applicant_org,
        subject_name=app.subject_name,
        label_text=_label(app, number, credits),
        credits_retired=credits,
        credits_required=required,
        retirements=[
            {
                "retirement_id": r.retirement_id,
                "quantity": r.quantity,
                "retired_at": r.retired_at.isoformat(),
                "beneficiary": r.beneficiary,
                "purpose": r.purpose,
                "serial_ranges": r.blocks,
                **claims_rules.retirement_basis(app.applicant_org, r, providers),  # trust hook
            }
            for r in counted
        ],
        footprint=claims_rules.footprint_snapshot(footprint),  # trust hook: the version decided on
        valid_from=valid_from,
        valid_until=add_years(valid_from, years) - timedelta(days=1),
        certified_at=now,
        backdated=body.effective_date is not None,
    )
    session.add(cert)
    reason = body.comment or ("backdated to " + on.isoformat() if body.effective_date else None)
    _move(session, app, "certify", principal, reason)
    await session.flush()
    await record(
        session,
        OffsetCertifiedV1(
            application_id=app.id,
            certificate_number=number,
            applicant_org=app.applicant_org,
            offset_type=app.offset_type,
            subject_name=app.subject_name,
            footprint_id=app.footprint_id,
            session_id=app.session_id,
            retirement_ids=[r.retirement_id for r in counted],
            credits_retired=credits,
            valid_from=cert.valid_from,
            valid_until=cert.valid_until,
            certified_at=now,
        ),
    )
    offset_type = app.offset_type
    after_commit(session, lambda: metrics.CERTIFIED.labels(offset_type).inc())
    return app


async def suspend(
    session: AsyncSession, principal: Principal, application_id: str, reason: str
) -> Application:
    app = await _for_review(session, principal, application_id)
    _move(session, app, "suspend", principal, reason)
    return app


async def reinstate(
    session: AsyncSession, principal: Principal, application_id: str, reason: str
) -> Application:
    app = await _for_review(session, principal, application_id)
    _move(session, app, "reinstate", principal, reason)
    return app


async def revoke(
    session: AsyncSession, principal: Principal, application_id: str, reason: str
) -> Application:
    app = await _for_review(session, principal, application_id)
    _move(session, app, "revoke", principal, reason)
    cert = await repo.certificate_for(session, app.id)
    assert cert is not None  # every certified/suspended application has one
    await record(
        session,
        CertificateRevokedV1(
            application_id=app.id,
            certificate_number=cert.number,
            session_id=app.session_id,
            reason=reason,
            revoked_at=app.updated_at,
        ),
    )
    after_commit(session, metrics.REVOKED.inc)
    return app


async def expire(
    session: AsyncSession, principal: Principal, application_id: str, reason: str | None = None
) -> Application:
    app = await _for_review(session, principal, application_id)
    target_status("expire", app.status)
    cert = await repo.certificate_for(session, app.id)
    assert cert is not None
    if cert.valid_until >= today_jst():
        raise Conflict(
            f"Certificate {cert.number} is valid until {cert.valid_until.isoformat()}.",
            type="still-valid",
            title="Still valid",
        )
    _move(session, app, "expire", principal, reason or f"validity ended {cert.valid_until.isoformat()}")
    return app


async def end_report(
    session: AsyncSession, principal: Principal, number: str, body: EndReportIn
) -> EndReportOut:
    cert = found(
        await repo.certificate_by_number(session, number),
        "certificate",
        number,
        visible=lambda c: c.applicant_org == principal.org,
    )
    app = await _own(session, principal, cert.application_id)
    if app.status not in ("certified", "expired"):
        raise Conflict(
            f"An end-of-validity report cannot be filed for a {app.status} certificate.",
            type="illegal-transition",
            title="Illegal transition",
            current_status=app.status,
            action="end_report",
        )
    if cert.end_report is not None:
        raise Conflict(
            f"Certificate {number} already has its end-of-validity report.", type="end-report-exists"
        )
    now = utcnow()
    cert.end_report, cert.end_report_credits, cert.end_report_at = (
        body.report,
        body.actual_credits_retired,
        now,
    )
    session.add(
        Transition(
            application_id=app.id,
            from_status=app.status,
            to_status=app.status,
            actor_sub=principal.sub,
            actor_org=principal.org,
            reason="end-of-validity report filed",
            at=now,
        )
    )
    return EndReportOut(
        number=number,
        report=body.report,
        actual_credits_retired=body.actual_credits_retired,
        submitted_at=now,
    )
