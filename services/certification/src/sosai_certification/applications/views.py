"""Applications and certificates as their readers see them: the checklist recomputed from the
facts, the application with its history, and the public certificate.

Reads only: nothing here changes a row (the moves are in service.py).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_certification import repository as facts
from sosai_certification.applications import repository as repo
from sosai_certification.applications.rules import Check, evaluate
from sosai_certification.applications.schemas import (
    ApplicationOut,
    CertificateOut,
    CertificateRetirementOut,
    CheckOut,
    SerialRangeOut,
    TransitionOut,
)
from sosai_certification.claims import repository as claims_repo
from sosai_certification.config import Settings
from sosai_certification.models import Application, Certificate
from sosai_certification.periods import today_jst
from sosai_shared.db import utcnow
from sosai_shared.lookups import found
from sosai_shared.pagination import Page, PageParams


async def checklist(session: AsyncSession, app: Application, settings: Settings) -> list[Check]:
    footprint = await facts.get_footprint(session, app.footprint_id)
    retirements = await facts.retirements_for(session, app.id, app.retirement_ids)
    used = await repo.usages(session, [r.retirement_id for r in retirements])
    providers = await claims_repo.provider_orgs(session, (r.holder_org for r in retirements))
    return evaluate(
        app,
        footprint,
        retirements,
        used,
        now=utcnow(),
        window_days=settings.retirement_window_days,
        provider_orgs=providers,
        known_session=await claims_repo.known_session(session, app.session_id),
    )


def certificate_out(cert: Certificate, app: Application, today: date | None = None) -> CertificateOut:
    today = today or today_jst()
    return CertificateOut(
        number=cert.number,
        application_id=app.id,
        status=app.status,
        valid=app.status == "certified" and cert.valid_from <= today <= cert.valid_until,
        offset_type=cert.offset_type,
        applicant_org=cert.applicant_org,
        subject_name=cert.subject_name,
        label_text=cert.label_text,
        credits_retired=cert.credits_retired,
        credits_required=cert.credits_required,
        retirements=[
            CertificateRetirementOut(
                retirement_id=r["retirement_id"],
                quantity=r["quantity"],
                retired_at=r["retired_at"],
                beneficiary=r["beneficiary"],
                purpose=r["purpose"],
                serial_ranges=[SerialRangeOut.model_validate(b) for b in r["serial_ranges"]],
            )
            for r in cert.retirements
        ],
        fiscal_year=cert.fiscal_year,
        valid_from=cert.valid_from,
        valid_until=cert.valid_until,
        certified_at=cert.certified_at,
        backdated=cert.backdated,
        renews=app.renews,
        disclosure=app.disclosure,
        end_report_submitted=cert.end_report is not None,
    )


async def public_certificate(session: AsyncSession, number: str) -> CertificateOut:
    """A certificate as anyone may read it, or ``certificate-not-found``."""
    cert = found(await repo.certificate_by_number(session, number), "certificate", number)
    apps = await repo.applications_by_id(session, [cert.application_id])
    return certificate_out(cert, found(apps.get(cert.application_id), "certificate", number))


async def public_certificates(
    session: AsyncSession, paging: PageParams, *, offset_type: str | None, fiscal_year: int | None
) -> Page[CertificateOut]:
    page = await repo.public_certificates(session, paging, offset_type=offset_type, fiscal_year=fiscal_year)
    apps = await repo.applications_by_id(session, {c.application_id for c in page.items})
    return page.map(lambda c: certificate_out(c, apps[c.application_id]))


async def view(session: AsyncSession, app: Application, settings: Settings) -> ApplicationOut:
    checks = await checklist(session, app, settings)
    cert = await repo.certificate_for(session, app.id)
    return ApplicationOut(
        **{
            f: getattr(app, f)
            for f in (
                "id",
                "applicant_org",
                "status",
                "offset_type",
                "subject_name",
                "subject_kind",
                "scope",
                "emission_sources",
                "footprint_id",
                "session_id",
                "reduction_efforts",
                "quantity",
                "carbon_neutral",
                "validity_years",
                "retirement_ids",
                "disclosure",
                "renews",
                "rejection_reasons",
                "reviewer_org",
                "created_at",
                "updated_at",
                "submitted_at",
            )
        },
        checks_met=all(c.met for c in checks),
        checks=[CheckOut(**c.__dict__) for c in checks],
        transitions=[
            TransitionOut(
                from_status=t.from_status,
                to_status=t.to_status,
                actor_sub=t.actor_sub,
                actor_org=t.actor_org,
                reason=t.reason,
                at=t.at,
            )
            for t in await repo.transitions(session, app.id)
        ],
        certificate=certificate_out(cert, app) if cert is not None else None,
    )
