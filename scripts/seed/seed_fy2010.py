"""`make seed`: load the FY2010 programme of the white paper through the four public HTTP APIs.

    .venv/bin/python scripts/seed/seed_fy2010.py [--registry-url URL] [--certification-url URL]
        [--calculator-url URL] [--catalog-url URL] [--workers N]

Only public endpoints are used (no database access), all through the generated Python client
(clients/python, ``seed_client.py``), with development tokens signed with the development key
(which the services trust when they run with ``make run`` or without an issuer). Every creating POST
carries an ``Idempotency-Key`` derived from a stable name (``seed-fy2010/...``) and a
request body that is the same on every run (fy2010_data.py is deterministic), so a
re-run against the same databases replays the stored responses and creates nothing
twice. What the data is and why: docs/dataset.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from datetime import time as dtime
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fy2010_data as data
from seed_client import Actor, Api, SeedError, model, retryable
from sosai_client import calculator, certification, events_catalog, registry
from sosai_client.calculator.api.footprints import create_footprint_v1_footprints_post as create_footprint
from sosai_client.calculator.models import EventFootprintIn, OrganisationFootprintIn, ProductFootprintIn
from sosai_client.certification.api.applications import (
    certify_application_v1_applications_application_id_certify_post as certify_application,
)
from sosai_client.certification.api.applications import (
    create_application_v1_applications_post as create_application,
)
from sosai_client.certification.api.applications import (
    get_application_v1_applications_application_id_get as get_application,
)
from sosai_client.certification.api.applications import (
    start_review_v1_applications_application_id_review_post as start_review,
)
from sosai_client.certification.api.applications import (
    submit_application_v1_applications_application_id_submit_post as submit_application,
)
from sosai_client.certification.api.providers import (
    register_provider_directly_v1_admin_providers_post as register_provider,
)
from sosai_client.certification.api.public import get_statistics_v1_statistics_get as certification_statistics
from sosai_client.certification.api.reported_cases import (
    bulk_report_cases_v1_admin_reported_cases_bulk_post as bulk_report_cases,
)
from sosai_client.certification.models import AdminProviderIn, ApplicationIn, BulkReportedCasesIn, CertifyIn
from sosai_client.events_catalog.api.carbon import (
    record_footprint_v1_sessions_session_id_footprint_post as record_footprint,
)
from sosai_client.events_catalog.api.registrations import (
    mark_attended_v1_registrations_registration_id_attendance_post as mark_attended,
)
from sosai_client.events_catalog.api.registrations import (
    register_v1_sessions_session_id_registrations_post as register,
)
from sosai_client.events_catalog.api.sessions import create_session_v1_sessions_post as create_session
from sosai_client.events_catalog.api.statistics import statistics_v1_statistics_get as catalog_statistics
from sosai_client.events_catalog.models import RegistrationIn, SessionIn
from sosai_client.registry.api.accounts import get_account_v1_accounts_account_id_get as get_account
from sosai_client.registry.api.accounts import open_account_v1_accounts_post as open_account
from sosai_client.registry.api.certifications import (
    certify_v1_projects_project_id_certifications_post as certify_credits,
)
from sosai_client.registry.api.methodologies import (
    create_methodology_v1_methodologies_post as create_methodology,
)
from sosai_client.registry.api.projects import apply_project_v1_projects_post as apply_project
from sosai_client.registry.api.projects import (
    transition_v1_projects_project_id_transitions_post as transition,
)
from sosai_client.registry.api.public_ledger import statistics_v1_statistics_get as registry_statistics
from sosai_client.registry.api.transactions import (
    approve_v1_transactions_transaction_id_approve_post as approve,
)
from sosai_client.registry.api.transactions import (
    propose_issuance_v1_certifications_certification_id_issuances_post as propose_issuance,
)
from sosai_client.registry.api.transactions import retire_v1_retirements_post as retire
from sosai_client.registry.api.transactions import transfer_v1_transfers_post as transfer
from sosai_client.registry.models import (
    AccountIn,
    ApproveIn,
    CertificationIn,
    IssuanceProposalIn,
    MethodologyIn,
    ProjectIn,
    RetirementIn,
    TransferIn,
    TransitionIn,
)

__all__ = ["SeedError", "main", "retryable"]

T = TypeVar("T")
R = TypeVar("R")
JST = timezone(timedelta(hours=9))

# who acts: programme staff of each service (two registry officers for the four eyes)
REGISTRY_ORG = "moe-jver-registry"
OFFICER_1, OFFICER_2 = "registry-officer-1", "registry-officer-2"
CERT_ORG = "4cj-secretariat"
REVIEW_ORG = "4cj-review-committee"
CATALOG_ORG = "moe-outreach"
VERIFIERS = (
    "日本品質保証機構 / JQA",
    "日本海事検定協会 / NKKK",
    "ビューローベリタスジャパン / BVJ",
    "SGSジャパン / SGS Japan",
    "日本環境認証機構 / JACO",
)
FOOTPRINTS = {
    "organisation": OrganisationFootprintIn,
    "product": ProductFootprintIn,
    "event": EventFootprintIn,
}


@dataclass
class Urls:
    registry: str = "http://127.0.0.1:8001"
    certification: str = "http://127.0.0.1:8002"
    calculator: str = "http://127.0.0.1:8003"
    catalog: str = "http://127.0.0.1:8004"


def _registry_admin(sub: str = OFFICER_1) -> Actor:
    return (REGISTRY_ORG, sub, ("registry:admin",))


def _holder(org: str) -> Actor:
    return (org, f"officer@{org}", ("registry:write", "registry:read"))


def _applicant(org: str) -> Actor:
    return (org, f"staff@{org}", ("certification:apply", "calculator:write", "calculator:read"))


REVIEWER = (REVIEW_ORG, "reviewer-1", ("certification:review",))
CERT_ADMIN = (CERT_ORG, "secretariat-1", ("certification:admin",))
ORGANISER = (CATALOG_ORG, "organiser-1", ("catalog:organise",))


@dataclass
class Seeder:
    urls: Urls
    workers: int = 6
    log: Callable[[str], None] = print
    started: float = field(default_factory=time.monotonic)
    backdate_retirements: bool = False

    def __post_init__(self) -> None:
        self.registry = Api(self.urls.registry, registry)
        self.certification = Api(self.urls.certification, certification)
        self.calculator = Api(self.urls.calculator, calculator)
        self.catalog = Api(self.urls.catalog, events_catalog)
        self.pool = ThreadPoolExecutor(self.workers)

    def close(self) -> None:
        self.pool.shutdown()
        for api in (self.registry, self.certification, self.calculator, self.catalog):
            api.close()

    def each(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        return list(self.pool.map(fn, items))

    def step(self, what: str) -> None:
        self.log(f"[{time.monotonic() - self.started:6.1f}s] {what}")

    # ------------------------------------------------------------ the whole programme
    def run(self) -> dict[str, Any]:
        projects = data.projects()
        initiatives = data.initiatives()
        # retirements carry their real date unless the registry offers backdating for them too
        spec = self.registry.get_path("/openapi.json")
        retirement_in = spec.get("components", {}).get("schemas", {}).get("RetirementIn", {})
        self.backdate_retirements = "effective_date" in retirement_in.get("properties", {})
        self.step("registry: 28 methodologies")
        self.each(self._methodology, data.methodologies())
        self.step("registry: holding accounts of 86 proponents and 11 providers")
        accounts = dict(
            zip(
                [p.org for p in projects] + [p.org for p in data.PROVIDERS],
                self.each(
                    self._account,
                    [(p.org, p.name_ja) for p in projects] + [(p.org, p.name_ja) for p in data.PROVIDERS],
                ),
                strict=True,
            )
        )
        self.step("registry: 86 projects applied, validated and registered (backdated)")
        project_ids = {p.key: self._apply_project(p) for p in projects}  # serial: project codes follow order
        self.each(lambda p: self._register_project(p, project_ids[p.key]), projects)
        self.step("registry: certifications and issuances (four eyes, backdated)")
        certs = [(c, p) for p in projects for c in p.certifications]
        cert_ids = self.each(lambda cp: self._certify_credits(cp[1], project_ids[cp[1].key], cp[0]), certs)
        issued = [(c, p, cid) for (c, p), cid in zip(certs, cert_ids, strict=True) if c.issued_on]
        proposals = self.each(lambda x: self._propose_issuance(x[0], x[2], accounts[x[1].org]), issued)
        for (c, _p, _cid), tx_id in sorted(
            zip(issued, proposals, strict=True), key=lambda x: (x[0][0].issued_on, x[0][0].key)
        ):
            # serial, in date order: serial numbers are allocated in the order of approval
            self.registry.post(
                approve,
                _registry_admin(OFFICER_2),
                f"approve/{c.key}",
                model(ApproveIn, {"effective_date": c.issued_on.isoformat()}),
                transaction_id=tx_id,
            )
        self.step("certification: 11 Anshin providers (the registry marks their accounts)")
        self.each(lambda p: self._provider(p, accounts[p.org]), data.PROVIDERS)
        self.step("events catalog: FY2010 sessions, registrations and attendance")
        session_ids = {s.key: self._session(s) for s in data.sessions()}
        self.each(lambda s: self._registrations(s, session_ids[s.key]), data.sessions())
        self.step("calculator: footprints of the 56 initiatives")
        footprints = self.each(lambda i: self._footprint(i, session_ids), initiatives)
        self.step("certification: 56 applications (drafts)")
        apps = self.each(
            lambda x: self._application(x[0], x[1], session_ids), zip(initiatives, footprints, strict=True)
        )
        self.step("registry: credits transferred to the providers, retired for each initiative")
        self._wait_for_provider_marks(accounts)
        self._transfers(projects, initiatives, footprints, accounts)
        for i, fp, app in zip(initiatives, footprints, apps, strict=True):
            self._retire(i, fp, app, accounts[i.provider.org], session_ids)
        self.step("certification: submit, review, wait for the checklist, certify (backdated)")
        self.each(lambda x: self._submit_and_review(x[0], x[1]), zip(initiatives, apps, strict=True))
        self._wait_for_checklists(apps)
        numbers = [
            self._certify(i, app)
            for i, app in sorted(
                zip(initiatives, apps, strict=True), key=lambda x: (x[0].certify_on, x[0].key)
            )
        ]
        self.step("events catalog: EXPO sessions' footprints recorded from attendance")
        for s in data.sessions():
            if s.programme == "expo":
                self.catalog.post(
                    record_footprint, ORGANISER, f"session-footprint/{s.key}", session_id=session_ids[s.key]
                )
        self.step("certification: 1,000 reported offset cases (bulk)")
        cases = data.reported_cases()
        for n in range(0, len(cases), 500):
            self.certification.post(
                bulk_report_cases,
                CERT_ADMIN,
                f"reported-cases/{n // 500 + 1}",
                model(BulkReportedCasesIn, {"items": cases[n : n + 500]}),
            )
        self.step("done")
        return {"certificates": numbers, "sessions": session_ids, "projects": project_ids}

    # ------------------------------------------------------------ registry
    def _methodology(self, m: data.Methodology) -> None:
        self.registry.post(
            create_methodology,
            _registry_admin(),
            f"methodology/{m.code}",
            model(MethodologyIn, {"code": m.code, "name": m.name, "category": m.category}),
        )

    def _account(self, org_name: tuple[str, str]) -> str:
        org, name = org_name
        out = self.registry.post(
            open_account,
            _holder(org),
            "account",
            model(AccountIn, {"name": f"{name} 保有口座 / holding account"}),
        )
        return str(out["id"])

    def _apply_project(self, p: data.Project) -> str:
        body = {
            "name": p.name,
            "methodology_code": p.methodology,
            "prefecture": p.place.prefecture.lower(),
            "programme": p.programme,
            "crediting_start": p.crediting_start.isoformat(),
            "crediting_end": p.crediting_end.isoformat(),
        }
        return str(
            self.registry.post(apply_project, _holder(p.org), f"project/{p.key}", model(ProjectIn, body))[
                "id"
            ]
        )

    def _register_project(self, p: data.Project, pid: str) -> None:
        for to, on in (("validated", p.validated_on), ("registered", p.registered_on)):
            self.registry.post(
                transition,
                _registry_admin(),
                f"project/{p.key}/{to}",
                model(TransitionIn, {"to": to, "effective_date": on.isoformat()}),
                project_id=pid,
            )

    def _certify_credits(self, p: data.Project, pid: str, c: data.Certification) -> str:
        body = {
            "period_start": c.period_start.isoformat(),
            "period_end": c.period_end.isoformat(),
            "monitoring_report": c.monitoring_report,
            "verifier": VERIFIERS[int(p.key[1:]) % len(VERIFIERS)],
            "quantity": c.quantity,
            "effective_date": c.certified_on.isoformat(),
        }
        return str(
            self.registry.post(
                certify_credits,
                _registry_admin(),
                f"certification/{c.key}",
                model(CertificationIn, body),
                project_id=pid,
            )["id"]
        )

    def _propose_issuance(self, c: data.Certification, cert_id: str, account_id: str) -> str:
        out = self.registry.post(
            propose_issuance,
            _registry_admin(),
            f"issuance/{c.key}",
            model(IssuanceProposalIn, {"quantity": c.quantity, "account_id": account_id}),
            certification_id=cert_id,
        )
        return str(out["id"])

    def _transfers(
        self,
        projects: list[data.Project],
        initiatives: list[data.Initiative],
        footprints: list[dict[str, Any]],
        accounts: dict[str, str],
    ) -> None:
        """Each provider buys its stock from proponents: what its customers' offsets need plus a reserve."""
        need: dict[str, int] = {}
        for i, fp in zip(initiatives, footprints, strict=True):
            need[i.provider.org] = need.get(i.provider.org, 0) + _credits(fp)
        holdings = []
        for p in projects:
            held = sum(data.holder_share(p, c.quantity) for c in p.certifications if c.issued_on)
            if held:
                holdings.append([held, p])
        holdings.sort(key=lambda h: (-h[0], h[1].key))
        for prov in data.PROVIDERS:
            want = need.get(prov.org, 0)
            want = want + 100 - want % 100 + 100  # a reserve: providers hold stock beyond today's orders
            n = 0
            while want > 0:
                holdings.sort(key=lambda h: (-h[0], h[1].key))
                held, p = holdings[0]
                q = min(held, want)
                n += 1
                body = {
                    "from_account_id": accounts[p.org],
                    "to_account_id": accounts[prov.org],
                    "quantity": q,
                }
                self.registry.post(
                    transfer, _holder(p.org), f"transfer/{prov.org}/{n}", model(TransferIn, body)
                )
                holdings[0][0] = held - q
                want -= q

    def _retire(
        self,
        i: data.Initiative,
        fp: dict[str, Any],
        app: dict[str, Any],
        account_id: str,
        session_ids: dict[str, str],
    ) -> None:
        body = {
            "account_id": account_id,
            "quantity": _credits(fp),
            "use": i.offset_type,
            "purpose": f"カーボン・オフセット認証: {i.subject_ja} / Carbon offset certification: {i.subject_en}",
            "beneficiary": i.applicant_name,
            # the provider retires on the applicant's behalf: only then may the applicant claim it
            "beneficiary_org": i.org,
            "footprint_id": fp["id"],
            "application_id": app["id"],
        }
        if i.session is not None:
            body["session_id"] = session_ids[i.session.key]
        if self.backdate_retirements:  # two weeks before the certification, as the provider would
            body["effective_date"] = (i.certify_on - timedelta(days=14)).isoformat()
        self.registry.post(retire, _holder(i.provider.org), f"retirement/{i.key}", model(RetirementIn, body))

    # ------------------------------------------------------------ certification
    def _provider(self, p: data.Provider, account_id: str) -> None:
        body = {
            "org": p.org,
            "name": p.name,
            "website": p.website,
            "account_ids": [account_id],
            "credit_handling": "J-VERを自社保有口座で管理し、顧客ごとに無効化量を台帳で区分 / "
            "J-VER held in the provider's own registry account, earmarked per customer",
            "pricing_basis": "クレジット種別ごとの単価を公表（税別、t-CO2あたり） / "
            "published unit price per credit type (per t-CO2, before tax)",
            "retirement_practice": "申込月の翌月末までに顧客名義で無効化し、無効化通知を送付 / "
            "retired in the customer's name by the end of the following month; "
            "the retirement notice is sent to the customer",
        }
        try:
            self.certification.post(
                register_provider, CERT_ADMIN, f"provider/{p.org}", model(AdminProviderIn, body)
            )
        except SeedError as exc:
            # registered by an earlier, interrupted run under another key: one active record per org
            if "provider-exists" not in str(exc):
                raise

    def _footprint(self, i: data.Initiative, session_ids: dict[str, str]) -> dict[str, Any]:
        body = dict(i.footprint)
        body.update(
            name=f"{i.subject_ja}（{i.name_ja}） / {i.subject_en}",
            fiscal_year=i.fiscal_year,
            offset_type=i.offset_type,
        )
        if i.session is not None:
            body["session_id"] = session_ids[i.session.key]
        fp: dict[str, Any] = self.calculator.post(
            create_footprint, _applicant(i.org), f"footprint/{i.key}", model(FOOTPRINTS[body["kind"]], body)
        )
        if _credits(fp) < 1:
            raise SeedError(f"footprint of {i.key} needs no credits: {fp['plan']}")
        return fp

    def _application(
        self, i: data.Initiative, fp: dict[str, Any], session_ids: dict[str, str]
    ) -> dict[str, Any]:
        sources = sorted({line["activity"] for line in fp.get("lines", [])}) or ["electricity"]
        body: dict[str, Any] = {
            "offset_type": i.offset_type,
            "subject_name": i.subject_name,
            "subject_kind": i.subject_kind,
            "scope": f"{i.subject_ja}に係る{', '.join(sources)}由来のCO2排出 / CO2 from {', '.join(sources)} "
            f"of {i.subject_en} (FY{i.fiscal_year})",
            "emission_sources": sources,
            "footprint_id": fp["id"],
            "reduction_efforts": "省エネ機器の導入と運用改善（空調温度管理、アイドリングストップ） / "
            "efficient equipment and operating practice (air-conditioning set points, "
            "no idling)",
            "disclosure": f"{i.subject_ja}のCO2排出量{_credits(fp)}t-CO2をJ-VERの無効化によりオフセットしています。 / "
            f"{_credits(fp)} t-CO2 of {i.subject_en} offset with retired J-VER credits "
            f"(via {i.provider.name_en}).",
        }
        if i.carbon_neutral:
            body["carbon_neutral"] = True
        else:
            body["quantity"] = _credits(fp)
        if i.session is not None:
            body["session_id"] = session_ids[i.session.key]
        out: dict[str, Any] = self.certification.post(
            create_application, _applicant(i.org), f"application/{i.key}", model(ApplicationIn, body)
        )
        return out

    def _submit_and_review(self, i: data.Initiative, app: dict[str, Any]) -> None:
        self.certification.post(
            submit_application, _applicant(i.org), f"submit/{i.key}", application_id=app["id"]
        )
        self.certification.post(start_review, REVIEWER, f"review/{i.key}", application_id=app["id"])

    def _wait_for_provider_marks(self, accounts: dict[str, str], timeout: float = 120) -> None:
        """A provider may name a beneficiary organisation only once the registry has heard (Kafka) that
        it is an Anshin provider: poll the providers' accounts until every one is marked."""
        deadline = time.monotonic() + timeout
        pending = [p.org for p in data.PROVIDERS]
        while pending:
            pending = [
                org
                for org in pending
                if not self.registry.get(get_account, _holder(org), account_id=accounts[org])[
                    "anshin_provider"
                ]
            ]
            if pending and time.monotonic() > deadline:
                raise SeedError(f"the registry has not marked {pending} as Anshin providers after {timeout}s")
            if pending:
                time.sleep(0.5)

    def _wait_for_checklists(self, apps: list[dict[str, Any]], timeout: float = 180) -> None:
        """The checklist is met once the calculator's footprint and the registry's retirement events
        have reached the certification service (Kafka): poll the applications until they all are."""
        pending = {a["id"] for a in apps}
        deadline = time.monotonic() + timeout
        last: dict[str, Any] = {}
        while pending:
            for app_id, got in zip(
                list(pending),
                self.each(
                    lambda a: self.certification.get(get_application, REVIEWER, application_id=a),
                    list(pending),
                ),
                strict=True,
            ):
                if got["status"] != "under_review" or got["checks_met"]:
                    pending.discard(app_id)  # met, or already certified by an earlier run
                last = got
            if pending and time.monotonic() > deadline:
                failed = [c for c in last.get("checks", []) if not c["met"]]
                raise SeedError(f"{len(pending)} applications' checklists not met after {timeout}s: {failed}")
            if pending:
                time.sleep(0.5)

    def _certify(self, i: data.Initiative, app: dict[str, Any]) -> str:
        body = {
            "effective_date": i.certify_on.isoformat(),
            "comment": "審査委員会で認証 / certified by the committee",
        }
        out = self.certification.post(
            certify_application,
            REVIEWER,
            f"certify/{i.key}",
            model(CertifyIn, body),
            application_id=app["id"],
        )
        return str(out["certificate"]["number"])

    # ------------------------------------------------------------ events catalog
    def _session(self, s: data.Session) -> str:
        starts = datetime.combine(s.day, dtime(s.start_hour), JST)
        body = {
            "programme_code": s.programme,
            "title_ja": s.title_ja,
            "title_en": s.title_en,
            "venue": {
                "name": s.venue,
                "address": f"{s.place.prefecture_ja}{s.place.city_ja}",
                "city": s.place.city,
                "prefecture": s.place.prefecture,
            },
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=s.hours)).isoformat(),
            "capacity": s.capacity,
            "registration_opens_at": (starts - timedelta(days=45)).isoformat(),
            "venue_kwh": str(s.venue_kwh),
            "utility": s.place.utility,
            "meals": s.meals,
            "accommodation_nights": s.accommodation_nights,
        }
        return str(
            self.catalog.post(create_session, ORGANISER, f"session/{s.key}", model(SessionIn, body))["id"]
        )

    def _registrations(self, s: data.Session, session_id: str) -> None:
        for r in data.registrants(s):
            body = {
                "email": r.email,
                "name": r.name,
                "origin_prefecture": r.origin.prefecture,
                "origin_city": r.origin.city,
                "travel_mode": r.mode,
                "distance_km": str(r.distance_km),
            }
            reg = self.catalog.post(
                register,
                ORGANISER,
                f"registration/{r.email}",
                model(RegistrationIn, body),
                session_id=session_id,
            )
            if r.attended:
                self.catalog.post(
                    mark_attended, ORGANISER, f"attendance/{r.email}", registration_id=reg["id"]
                )


def _credits(fp: dict[str, Any]) -> int:
    return int(fp["plan"]["credits_needed"])


def summary(seeder: Seeder) -> dict[str, Any]:
    """The headline figures, read back from the public statistics endpoints."""
    reg = seeder.registry.get(registry_statistics)
    cert = seeder.certification.get(certification_statistics)
    cat = seeder.catalog.get(catalog_statistics, fiscal_year=2010)
    return {
        "methodologies": reg["methodologies_by_category"],
        "projects_registered": reg["projects_registered"],
        "tonnes_certified": reg["tonnes_certified"],
        "tonnes_issued": reg["tonnes_issued"],
        "tonnes_retired": reg["tonnes_retired"],
        "certified_initiatives": cert["certified_initiatives"]["total"],
        "anshin_providers": cert["providers"]["registered"],
        "reported_cases": cert["reported_cases"]["total"],
        "fy2010_events": {p["programme_code"]: (p["places"], p["sessions"]) for p in cat["programmes"]},
    }


def main(argv: list[str] | None = None) -> int:
    defaults = Urls()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--registry-url", default=defaults.registry)
    ap.add_argument("--certification-url", default=defaults.certification)
    ap.add_argument("--calculator-url", default=defaults.calculator)
    ap.add_argument("--catalog-url", default=defaults.catalog, help="the events-catalog service")
    ap.add_argument("--workers", type=int, default=6, help="parallel requests (default 6)")
    args = ap.parse_args(argv)
    urls = Urls(args.registry_url, args.certification_url, args.calculator_url, args.catalog_url)
    seeder = Seeder(urls, workers=args.workers)
    try:
        seeder.run()
        figures = summary(seeder)
    except SeedError as exc:
        print(f"seed failed: {exc}", file=sys.stderr)
        return 1
    finally:
        seeder.close()
    print("FY2010 programme loaded (" + datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC") + "):")
    for k, v in figures.items():
        print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
