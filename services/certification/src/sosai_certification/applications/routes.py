"""HTTP API of applications and certificates under /v1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.types import DecoratedCallable
from jinja2 import Environment

from sosai_certification.applications import repository as repo
from sosai_certification.applications import service, views
from sosai_certification.applications.schemas import (
    ApplicationIn,
    ApplicationOut,
    ApplicationPatch,
    ApplicationSummaryOut,
    CertificateOut,
    CertifyIn,
    EndReportIn,
    EndReportOut,
    OffsetType,
    OptionalReasonIn,
    ReasonIn,
    RejectIn,
)
from sosai_certification.deps import AnyCaller, Applicant, AppSettings, Reviewer, ReviewerOrAdmin
from sosai_certification.models import Application
from sosai_shared.auth import public
from sosai_shared.claims import qr_svg
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1", tags=["applications"])
public_router = APIRouter(prefix="/v1/public", tags=["public"], dependencies=[public])
Status = Literal[
    "draft", "submitted", "under_review", "certified", "rejected", "suspended", "revoked", "expired"
]
NOT_FOUND = {404: "application-not-found"}
MOVE = problem_responses(
    401, 403, 404, 409, 422, types={**NOT_FOUND, 409: "illegal-transition, checks-not-met, still-valid"}
)

CERTIFICATE_NOT_FOUND = problem_responses(404, types={404: "certificate-not-found"})


def _summary(a: Application) -> ApplicationSummaryOut:
    return ApplicationSummaryOut.model_validate(a, from_attributes=True)


@router.post(
    "/applications",
    status_code=201,
    response_model=ApplicationOut,
    summary="Start a draft application",
    responses={**AUTH, **problem_responses(422, types={422: "unknown-certificate"})},
)
async def create_application(
    body: ApplicationIn, uow: UoW, principal: Applicant, settings: AppSettings
) -> JSONResponse:
    app = await service.create(uow.session, principal, body)
    return await uow.respond(await views.view(uow.session, app, settings), 201)


@router.get(
    "/applications", summary="The caller's organisation's applications (drafts included)", responses=AUTH
)
async def list_own_applications(
    uow: UoW, principal: Applicant, paging: Paging, status: Status | None = None
) -> Page[ApplicationSummaryOut]:
    page = await repo.page(uow.session, paging, org=principal.org, statuses=[status] if status else None)
    return page.map(_summary)


@router.get(
    "/review/applications",
    summary="Review queue: every organisation's applications except drafts",
    responses=AUTH,
)
async def review_queue(
    uow: UoW,
    principal: ReviewerOrAdmin,
    paging: Paging,
    status: Annotated[list[Status] | None, Query()] = None,
) -> Page[ApplicationSummaryOut]:
    page = await repo.page(
        uow.session, paging, statuses=status or ["submitted", "under_review"], exclude_draft=True
    )
    return page.map(_summary)


@router.get(
    "/applications/{application_id}",
    summary="An application with its checklist and history",
    responses={**AUTH, **problem_responses(404, types=NOT_FOUND)},
)
async def get_application(
    application_id: str, uow: UoW, principal: AnyCaller, settings: AppSettings
) -> ApplicationOut:
    app = await service.application_for(uow.session, principal, application_id)
    return await views.view(uow.session, app, settings)


@router.patch("/applications/{application_id}", summary="Edit a draft", responses=MOVE)
async def update_application(
    application_id: str, body: ApplicationPatch, uow: UoW, principal: Applicant, settings: AppSettings
) -> ApplicationOut:
    app = await service.update_draft(uow.session, principal, application_id, body)
    return await views.view(uow.session, app, settings)


def _move_route(path: str, summary: str, who: str) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """A state-machine move: ``POST /applications/{id}/<path>``, answered with the application."""
    return router.post(
        f"/applications/{{application_id}}/{path}",
        response_model=ApplicationOut,
        summary=summary,
        description=f"Caller: {who}. Recorded as a transition (who, when, why).",
        responses=MOVE,
    )


@_move_route("submit", "Submit a draft (draft → submitted)", "the applicant")
async def submit_application(
    application_id: str, uow: UoW, principal: Applicant, settings: AppSettings
) -> JSONResponse:
    app = await service.submit(uow.session, principal, application_id)
    return await uow.respond(await views.view(uow.session, app, settings), 200)


@_move_route("revise", "Reopen a rejected application as a draft", "the applicant")
async def revise_application(
    application_id: str, uow: UoW, principal: Applicant, settings: AppSettings
) -> JSONResponse:
    app = await service.revise(uow.session, principal, application_id)
    return await uow.respond(await views.view(uow.session, app, settings), 200)


@_move_route("review", "Take into review (submitted → under_review)", "a reviewer")
async def start_review(
    application_id: str, uow: UoW, principal: Reviewer, settings: AppSettings
) -> JSONResponse:
    app = await service.start_review(uow.session, principal, application_id)
    return await uow.respond(await views.view(uow.session, app, settings), 200)


@_move_route(
    "certify",
    "Certify (under_review → certified): all checks must be met; issues the certificate number",
    "a reviewer",
)
async def certify_application(
    application_id: str,
    uow: UoW,
    principal: Reviewer,
    settings: AppSettings,
    body: CertifyIn | None = None,
) -> JSONResponse:
    app = await service.certify(uow.session, principal, application_id, body or CertifyIn(), settings)
    return await uow.respond(await views.view(uow.session, app, settings), 200)


@_move_route("reject", "Reject with reasons", "a reviewer")
async def reject_application(
    application_id: str, body: RejectIn, uow: UoW, principal: Reviewer, settings: AppSettings
) -> JSONResponse:
    app = await service.reject(uow.session, principal, application_id, body.reasons)
    return await uow.respond(await views.view(uow.session, app, settings), 200)


@_move_route("suspend", "Suspend a certification", "a reviewer")
async def suspend_application(
    application_id: str, body: ReasonIn, uow: UoW, principal: Reviewer, settings: AppSettings
) -> JSONResponse:
    app = await service.suspend(uow.session, principal, application_id, body.reason)
    return await uow.respond(await views.view(uow.session, app, settings), 200)


@_move_route("reinstate", "Lift a suspension", "a reviewer")
async def reinstate_application(
    application_id: str, body: ReasonIn, uow: UoW, principal: Reviewer, settings: AppSettings
) -> JSONResponse:
    app = await service.reinstate(uow.session, principal, application_id, body.reason)
    return await uow.respond(await views.view(uow.session, app, settings), 200)


@_move_route("revoke", "Revoke a certification (publishes CertificateRevokedV1)", "a reviewer")
async def revoke_application(
    application_id: str,
    body: ReasonIn,
    uow: UoW,
    principal: Reviewer,
    settings: AppSettings,
) -> JSONResponse:
    app = await service.revoke(uow.session, principal, application_id, body.reason)
    return await uow.respond(await views.view(uow.session, app, settings), 200)


@_move_route("expire", "Mark a certification expired once its validity has ended", "a reviewer")
async def expire_application(
    application_id: str,
    uow: UoW,
    principal: Reviewer,
    settings: AppSettings,
    body: OptionalReasonIn | None = None,
) -> JSONResponse:
    app = await service.expire(uow.session, principal, application_id, body.reason if body else None)
    return await uow.respond(await views.view(uow.session, app, settings), 200)


@router.post(
    "/certificates/{number}/end-report",
    status_code=201,
    response_model=EndReportOut,
    summary="File the end-of-validity report of a certificate",
    tags=["certificates"],
    responses={
        **AUTH,
        **problem_responses(
            404, 409, 422, types={404: "certificate-not-found", 409: "illegal-transition, end-report-exists"}
        ),
    },
)
async def file_end_report(number: str, body: EndReportIn, uow: UoW, principal: Applicant) -> JSONResponse:
    return await uow.respond(await service.end_report(uow.session, principal, number, body), 201)


@public_router.get("/certificates", summary="Certified offset initiatives (public)")
async def public_certificates(
    uow: UoW,
    paging: Paging,
    offset_type: OffsetType | None = None,
    fiscal_year: Annotated[int | None, Query(ge=2008, le=2100)] = None,
) -> Page[CertificateOut]:
    return await views.public_certificates(
        uow.session, paging, offset_type=offset_type, fiscal_year=fiscal_year
    )


_PAGE = Environment(autoescape=True).from_string("""<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ c.number }} — Carbon Offset Certificate</title></head>
<body><main>
<h1>Carbon Offset Certificate {{ c.number }}</h1>
<p class="label">{{ c.label_text }}</p>
<dl>
<dt>Status</dt><dd>{{ c.status }}{% if not c.valid %} (not currently valid){% endif %}</dd>
<dt>Subject</dt><dd>{{ c.subject_name }}</dd>
<dt>Offset type</dt><dd>{{ c.offset_type }}</dd>
<dt>Applicant</dt><dd>{{ c.applicant_org }}</dd>
<dt>Validity</dt><dd>{{ c.valid_from }} – {{ c.valid_until }}</dd>
<dt>Credits retired</dt><dd>{{ c.credits_retired }} t-CO2 (needed: {{ c.credits_required }})</dd>
</dl>
<h2>Disclosure</h2><p>{{ c.disclosure }}</p>
<h2>Retirements</h2>
<table><thead><tr><th>Retirement</th><th>Date</th><th>Quantity</th><th>Beneficiary</th><th>Serial ranges</th></tr></thead>
<tbody>{% for r in c.retirements %}<tr><td>{{ r.retirement_id }}</td><td>{{ r.retired_at.date() }}</td>
<td>{{ r.quantity }}</td><td>{{ r.beneficiary }}</td>
<td>{% for s in r.serial_ranges %}{{ s.serial }}{% if not loop.last %}<br>{% endif %}{% endfor %}</td></tr>
{% endfor %}</tbody></table>
{% if qr %}<figure>{{ qr|safe }}<figcaption>Signed claim (verify it): <a href="{{ claim_url }}">{{ claim_url }}</a>
</figcaption></figure>{% endif %}
</main></body></html>
""")


@public_router.get(
    "/certificates/{number}.html",
    response_class=HTMLResponse,
    summary="Public certificate page (HTML)",
    responses=CERTIFICATE_NOT_FOUND,
)
async def public_certificate_page(number: str, uow: UoW, request: Request) -> HTMLResponse:
    c = await views.public_certificate(uow.session, number)
    claim_url = f"{str(request.base_url).rstrip('/')}/v1/public/claims/{c.number}"  # QR to the claim
    return HTMLResponse(_PAGE.render(c=c, qr=qr_svg(claim_url), claim_url=claim_url))


@public_router.get(
    "/certificates/{number}", summary="Public certificate (JSON)", responses=CERTIFICATE_NOT_FOUND
)
async def public_certificate(number: str, uow: UoW) -> CertificateOut:
    return await views.public_certificate(uow.session, number)
