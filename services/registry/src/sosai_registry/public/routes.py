"""The public ledger (no authentication): methodologies, projects, issuances, retirements with their
stable URLs and printable notices, per-serial lifecycle, price indications and statistics.

Holding-account ids and balances never appear here: balances are shown only to their owners.
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, select_autoescape

from sosai_registry.accounts import repository as accounts
from sosai_registry.accounts.schemas import PriceOut
from sosai_registry.deps import ctx_of
from sosai_registry.projects import repository as projects
from sosai_registry.projects.schemas import MethodologyOut, ProjectOut
from sosai_registry.projects.service import project_view, project_views, public_project
from sosai_registry.public import repository as repo
from sosai_registry.public import service as svc
from sosai_registry.public.schemas import IssuanceOut, SerialLifecycleOut, StatisticsOut
from sosai_registry.transactions import repository as transactions
from sosai_registry.transactions.schemas import RetirementOut
from sosai_registry.transactions.service import retirement_views
from sosai_shared.auth import public
from sosai_shared.claims import qr_svg
from sosai_shared.dates import IsoDate
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1", dependencies=[public], tags=["public ledger"])


@router.get(
    "/public/methodologies",
    response_model=Page[MethodologyOut],
    summary="Methodologies",
    responses={**AUTH, **problem_responses(422)},
)
async def methodologies(
    uow: UoW, paging: Paging, category: str | None = Query(default=None, max_length=30)
) -> Page[MethodologyOut]:
    page = await projects.methodologies_page(uow.session, paging, category)
    return page.map(lambda m: MethodologyOut.model_validate(m, from_attributes=True))


@router.get(
    "/public/projects",
    response_model=Page[ProjectOut],
    summary="Registered projects (public ledger)",
    responses={**AUTH, **problem_responses(422)},
)
async def list_projects(
    uow: UoW,
    paging: Paging,
    request: Request,
    prefecture: str | None = Query(default=None, max_length=40),
    status: str | None = Query(default=None, max_length=20),
) -> Page[ProjectOut]:
    page = await projects.projects_page(
        uow.session, paging, status=status, prefecture=prefecture, public=True
    )
    items = await project_views(ctx_of(uow, None, request), page.items)
    return Page[ProjectOut](items=items, next_cursor=page.next_cursor)


@router.get(
    "/public/projects/{project_id}",
    response_model=ProjectOut,
    summary="One registered project",
    responses={**AUTH, **problem_responses(422, types={404: "project-not-found"})},
)
async def get_project(project_id: str, uow: UoW, request: Request) -> ProjectOut:
    ctx = ctx_of(uow, None, request)
    return await project_view(ctx, await public_project(ctx, project_id))


@router.get(
    "/public/issuances",
    response_model=Page[IssuanceOut],
    summary="Issuances (public ledger)",
    responses={**AUTH, **problem_responses(422)},
)
async def issuances(
    uow: UoW,
    paging: Paging,
    project_id: str | None = Query(default=None, max_length=36),
    fiscal_year: int | None = Query(default=None, ge=2000, le=2100),
) -> Page[IssuanceOut]:
    page = await repo.issuances_page(uow.session, paging, project_id, fiscal_year)
    return page.map(svc.issuance_view)


@router.get(
    "/public/retirements",
    response_model=Page[RetirementOut],
    summary="Retirements, filterable by beneficiary, project and period",
    responses={**AUTH, **problem_responses(422)},
)
async def retirements(
    request: Request,
    uow: UoW,
    paging: Paging,
    beneficiary: str | None = Query(default=None, max_length=300),
    project_id: str | None = Query(default=None, max_length=36),
    from_date: IsoDate | None = Query(default=None, description="retired on or after (YYYY-MM-DD)"),
    to_date: IsoDate | None = Query(default=None, description="retired on or before (YYYY-MM-DD)"),
) -> Page[RetirementOut]:
    page = await transactions.retirements_page(
        uow.session,
        paging,
        beneficiary=beneficiary,
        project_id=project_id,
        from_date=from_date,
        to_date=to_date,
    )
    items = await retirement_views(ctx_of(uow, None, request), str(request.base_url), page.items)
    return Page[RetirementOut](items=items, next_cursor=page.next_cursor)


@router.get(
    "/public/retirements/{retirement_id}",
    response_model=RetirementOut,
    summary="One retirement: its stable public URL (a shareable proof of offset)",
    responses={**AUTH, **problem_responses(422, types={404: "retirement-not-found"})},
)
async def retirement(retirement_id: str, request: Request, uow: UoW) -> RetirementOut:
    return await svc.retirement(ctx_of(uow, None, request), str(request.base_url), retirement_id)


_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
NOTICE = _env.from_string("""<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>無効化通知 / Retirement notice {{ r.id }}</title>
<style>body{font-family:sans-serif;max-width:48em;margin:2em auto}table{border-collapse:collapse}
td,th{border:1px solid #999;padding:.3em .6em;text-align:left}@media print{a{color:inherit}}</style></head>
<body><h1>オフセット・クレジット(J-VER) 無効化通知<br><small>Retirement notice</small></h1>
<table>
<tr><th>Retirement id</th><td>{{ r.id }}</td></tr>
<tr><th>Date (無効化日)</th><td>{{ r.retired_on }}</td></tr>
<tr><th>Quantity (t-CO2)</th><td>{{ r.quantity }}</td></tr>
<tr><th>Use (用途)</th><td>{{ r.use }}</td></tr>
<tr><th>Purpose (目的詳細)</th><td>{{ r.purpose }}</td></tr>
<tr><th>Beneficiary (クレジット利用者名)</th><td>{{ r.beneficiary }}</td></tr>
<tr><th>Account holder</th><td>{{ r.holder_org }}</td></tr>
</table>
<h2>Serial numbers</h2><ul>{% for b in r.blocks %}<li><code>{{ b.serial }}</code> ({{ b.quantity }} t)</li>
{% endfor %}</ul>
<p>Stable URL: <a href="{{ r.url }}">{{ r.url }}</a></p>
{% if qr %}<figure>{{ qr|safe }}<figcaption>Signed claim (verify it): <a href="{{ r.url }}/claim">{{ r.url }}/claim</a>
</figcaption></figure>{% endif %}</body></html>""")


@router.get(
    "/public/retirements/{retirement_id}/notice",
    response_class=HTMLResponse,
    summary="Printable retirement notice (HTML)",
    responses={**AUTH, **problem_responses(422, types={404: "retirement-not-found"})},
)
async def retirement_notice(retirement_id: str, request: Request, uow: UoW) -> HTMLResponse:
    r = await svc.retirement(ctx_of(uow, None, request), str(request.base_url), retirement_id)
    return HTMLResponse(NOTICE.render(r=r, qr=qr_svg(f"{r.url}/claim")))  # QR to the signed claim


@router.get(
    "/public/serials/{serial}",
    response_model=SerialLifecycleOut,
    summary="Lifecycle of one serial: where it came from and where it is now",
    description="`serial` is a serial number (`1234`, at most 10^18) or a printed range (its start is "
    "looked up).",
    responses={**AUTH, **problem_responses(types={404: "serial-not-found", 422: "invalid-serial"})},
)
async def serial_lifecycle(serial: str, uow: UoW, request: Request) -> SerialLifecycleOut:
    return await svc.serial_lifecycle(ctx_of(uow, None, request), serial)


@router.get(
    "/public/prices/latest",
    response_model=list[PriceOut],
    summary="Latest indicative price of each provider per credit type",
    responses={**AUTH, **problem_responses(422)},
)
async def latest_prices(uow: UoW) -> list[PriceOut]:
    return [
        PriceOut.model_validate(p, from_attributes=True) for p in await accounts.latest_prices(uow.session)
    ]


@router.get(
    "/public/prices/history",
    response_model=Page[PriceOut],
    summary="Price indication history",
    responses={**AUTH, **problem_responses(422)},
)
async def price_history(
    uow: UoW, paging: Paging, credit_type: str | None = Query(default=None, max_length=4)
) -> Page[PriceOut]:
    page = await accounts.prices_page(uow.session, paging, credit_type)
    return page.map(lambda p: PriceOut.model_validate(p, from_attributes=True))


@router.get(
    "/statistics",
    response_model=StatisticsOut,
    summary="Registry statistics by fiscal year (the white paper's registry table)",
    description="Totals are cumulative up to the end of `fiscal_year` (default: all time). Fiscal years "
    "run April-March and follow each record's effective date.",
    responses={**AUTH, **problem_responses(422)},
)
async def statistics(
    uow: UoW,
    request: Request,
    fiscal_year_: int | None = Query(default=None, alias="fiscal_year", ge=2000, le=2100),
) -> StatisticsOut:
    return await svc.statistics(ctx_of(uow, None, request), fiscal_year_)
