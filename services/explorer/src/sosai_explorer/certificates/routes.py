"""HTTP of certified offsets, their live labels (SVG + JSON-LD), verification and providers."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sosai_explorer.certificates import service
from sosai_explorer.certificates.schemas import Label
from sosai_explorer.deps import AppSettings, PageNo, ReadSession
from sosai_explorer.i18n import term, translate
from sosai_explorer.web import ENV, PageError, context, lang_of, render
from sosai_shared.auth import public

router = APIRouter(dependencies=[public], include_in_schema=False)
NUMBER = r"^[A-Za-z0-9._:-]+$"
#: labels are embedded elsewhere: always revalidated, so a revocation shows on the next view
NO_STORE = {"Cache-Control": "no-cache, max-age=0"}


@router.get("/certificates", response_class=HTMLResponse)
async def certificates(
    request: Request,
    session: ReadSession,
    settings: AppSettings,
    page: PageNo = 1,
    offset_type: str | None = Query(default=None, max_length=40, pattern=r"^[a-z_]*$"),
) -> HTMLResponse:
    data = await service.list_certificates(session, offset_type or None, page, settings.page_size)
    return render(request, "certificates.html", offset_type=offset_type or "", **data)


@router.get("/certificates/{number}", response_class=HTMLResponse)
async def certificate(
    request: Request, session: ReadSession, number: str = Path(max_length=40, pattern=NUMBER)
) -> HTMLResponse:
    cert = await service.certificate_for(session, number)
    return render(request, "verify.html", **(await service.chain(session, cert)))


@router.get("/labels/{number}.svg")
async def label_svg(
    request: Request,
    session: ReadSession,
    settings: AppSettings,
    number: str = Path(max_length=40, pattern=NUMBER),
) -> Response:
    data = await service.label(session, number)
    body = ENV.get_template("label.svg").render(
        context(request, data=data, number=number, base=settings.public_url)
    )
    return Response(body, status_code=200 if data else 404, media_type="image/svg+xml", headers=NO_STORE)


@router.get("/labels/{number}.jsonld")
async def label_jsonld(
    request: Request,
    session: ReadSession,
    settings: AppSettings,
    number: str = Path(max_length=40, pattern=NUMBER),
) -> Response:
    data = await service.label(session, number)
    if data is None:
        raise PageError(404, "error.not_found", number)
    return Response(
        json.dumps(jsonld(data, settings.public_url, lang_of(request)), ensure_ascii=False, indent=2),
        media_type="application/ld+json",
        headers=NO_STORE,
    )


def jsonld(data: Label, base: str, lang: str) -> dict[str, Any]:
    """A schema.org ``Certification`` describing the label: what it certifies, how much, and its status now."""
    cert = data["cert"]
    return {
        "@context": "https://schema.org",
        "@type": "Certification",
        "name": f"{translate(lang, 'certificate.title')} {cert.number}",
        "certificationIdentification": cert.number,
        "certificationStatus": data["status"],
        "about": {"@type": "Thing", "name": cert.subject_name},
        "category": term(lang, "ot", cert.offset_type),
        "issuedBy": {"@type": "Organization", "name": "Climate Change Certification Center (4CJ)"},
        "validFrom": cert.valid_from.isoformat() if cert.valid_from else None,
        "expires": cert.valid_until.isoformat() if cert.valid_until else None,
        "hasMeasurement": {
            "@type": "QuantitativeValue",
            "value": cert.credits_retired,
            "unitText": "t-CO2",
            "description": f"coverage: {data['coverage'] or 'unknown'}",
        },
        "url": f"{base}/verify/{cert.number}",
        "image": f"{base}/labels/{cert.number}.svg",
        "inLanguage": lang,
    }


@router.get("/verify", response_class=HTMLResponse, response_model=None)
async def verify_form(
    request: Request, q: str | None = Query(default=None, max_length=100, pattern=r"^[A-Za-z0-9._:\- ]*$")
) -> Response:
    if q and q.strip():
        return RedirectResponse(f"/verify/{q.strip()}?lang={lang_of(request)}", status_code=303)
    return render(
        request, "verify.html", cert=None, retirements=None, verdict=None, footprint=None, claims=[]
    )


@router.get("/verify/{ref}", response_class=HTMLResponse)
async def verify(
    request: Request, session: ReadSession, ref: str = Path(max_length=100, pattern=NUMBER)
) -> HTMLResponse:
    return render(request, "verify.html", **(await service.verification(session, ref)))


@router.get("/providers", response_class=HTMLResponse)
async def providers(request: Request, session: ReadSession) -> HTMLResponse:
    return render(request, "providers.html", rows=await service.providers(session))
