"""`make seed`: load the FY2010 programme of the white paper through the four public HTTP APIs.

    .venv/bin/python scripts/seed/seed_fy2010.py [--registry-url URL] [--certification-url URL]
        [--calculator-url URL] [--catalog-url URL] [--workers N]

Only public endpoints are used (no database access), with development tokens signed with
the development key (which the services trust when they run with ``make run`` or without an issuer). Every creating POST
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

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fy2010_data as data

from sosai_shared.auth.keys import audiences_for, mint_token

T = TypeVar("T")
R = TypeVar("R")
JST = timezone(timedelta(hours=9))
KEY = "seed-fy2010"

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


class SeedError(RuntimeError):
    pass


@dataclass
class Urls:
    registry: str = "http://127.0.0.1:8001"
    certification: str = "http://127.0.0.1:8002"
    calculator: str = "http://127.0.0.1:8003"
    catalog: str = "http://127.0.0.1:8004"


class Api:
    """One keep-alive client per service; retries what is safe to retry (every POST has a key)."""

    def __init__(self, base_url: str) -> None:
        self.client = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=60,
            limits=httpx.Limits(max_connections=16, max_keepalive_connections=16),
        )
        self._tokens: dict[tuple[str, str, tuple[str, ...]], tuple[str, float]] = {}

    def token(self, org: str, sub: str, *scopes: str) -> str:
        k = (org, sub, scopes)
        tok, exp = self._tokens.get(k, ("", 0.0))
        if time.monotonic() > exp:
            tok = mint_token(
                org=org,
                sub=sub,
                scopes=scopes,
                ttl_seconds=3600,
                audience=audiences_for(scopes),
            )
            self._tokens[k] = (tok, time.monotonic() + 3000)
        return tok

    def call(
        self,
        method: str,
        path: str,
        *,
        auth: tuple[str, str, tuple[str, ...]] | None = None,
        body: Any = None,
        key: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        headers = {}
        if auth is not None:
            headers["Authorization"] = f"Bearer {self.token(auth[0], auth[1], *auth[2])}"
        if key is not None:
            headers["Idempotency-Key"] = key
        for attempt in range(60):
            try:
                r = self.client.request(method, path, json=body, headers=headers, params=params)
            except httpx.TransportError as exc:
                if attempt >= 5:
                    raise SeedError(f"{method} {self.client.base_url}{path}: {exc!r}") from exc
                time.sleep(0.5 * (attempt + 1))
                continue
            if r.status_code < 300:
                return r.json()
            if r.status_code == 429:  # over the service's rate limit: wait as long as it asks
                time.sleep(min(float(r.headers.get("retry-after", "1")), 60.0))
                continue
            problem = r.json() if r.headers.get("content-type", "").endswith("json") else {}
            if retryable(r.status_code, problem):
                time.sleep(0.5)
                continue
            raise SeedError(f"{method} {self.client.base_url}{path} → {r.status_code}: {r.text[:800]}")
        raise SeedError(f"{method} {path}: still in flight after retries")

    def post(self, path: str, body: Any, auth: tuple[str, str, tuple[str, ...]], key: str) -> Any:
        return self.call("POST", path, auth=auth, body=body, key=f"{KEY}/{key}")

    def get(self, path: str, auth: tuple[str, str, tuple[str, ...]] | None = None, **params: Any) -> Any:
        return self.call("GET", path, auth=auth, params=params or None)

    def close(self) -> None:
        self.client.close()


def retryable(status: int, problem: Any) -> bool:
    """The same key still in flight (a retry overtook its first try), or a database briefly busy:
    both are safe to retry because the key makes the request happen at most once. A problem's
    ``type`` is a URI (``https://sosai.jp/problems/idempotency-in-flight``): compare its last segment."""
    if status == 503:
        return True
    kind = problem.get("type", "") if isinstance(problem, dict) else ""
    return status == 409 and isinstance(kind, str) and kind.rsplit("/", 1)[-1] == "idempotency-in-flight"


def _registry_admin(sub: str = OFFICER_1) -> tuple[str, str, tuple[str, ...]]:
    return (REGISTRY_ORG, sub, ("registry:admin",))


def _holder(org: str) -> tuple[str, str, tuple[str, ...]]:
    return (org, f"officer@{org}", ("registry:write", "registry:read"))


def _applicant(org: str) -> tuple[str, str, tuple[str, ...]]:
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
        self.registry = Api(self.urls.registry)
        self.certification = Api(self.urls.certification)
        self.calculator = Api(self.urls.calculator)
        self.catalog = Api(self.urls.catalog)
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
        spec = self.registry.get("/openapi.json")
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
                f"/v1/transactions/{tx_id}/approve",
                {"effective_date": c.issued_on.isoformat()},
                _registry_admin(OFFICER_2),
                f"approve/{c.key}",
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
                    f"/v1/sessions/{session_ids[s.key]}/footprint",
                    None,
                    ORGANISER,
                    f"session-footprint/{s.key}",
                )
        self.step("certification: 1,000 reported offset cases (bulk)")
        cases = data.reported_cases()
        for n in range(0, len(cases), 500):
            self.certification.post(
                "/v1/admin/reported-cases/bulk",
                {"items": cases[n : n + 500]},
                CERT_ADMIN,
                f"reported-cases/{n // 500 + 1}",
            )
        self.step("done")
        return {"certificates": numbers, "sessions": session_ids, "projects": project_ids}

    # ------------------------------------------------------------ registry
    def _methodology(self, m: data.Methodology) -> None:
        self.registry.post(
            "/v1/methodologies",
            {"code": m.code, "name": m.name, "category": m.category},
            _registry_admin(),
            f"methodology/{m.code}",
        )

    def _account(self, org_name: tuple[str, str]) -> str:
        org, name = org_name
        out = self.registry.post(
            "/v1/accounts", {"name": f"{name} 保有口座 / holding account"}, _holder(org), "account"
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
        return str(self.registry.post("/v1/projects", body, _holder(p.org), f"project/{p.key}")["id"])

    def _register_project(self, p: data.Project, pid: str) -> None:
        for to, on in (("validated", p.validated_on), ("registered", p.registered_on)):
            self.registry.post(
                f"/v1/projects/{pid}/transitions",
                {"to": to, "effective_date": on.isoformat()},
                _registry_admin(),
                f"project/{p.key}/{to}",
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
                f"/v1/projects/{pid}/certifications", body, _registry_admin(), f"certification/{c.key}"
            )["id"]
        )

    def _propose_issuance(self, c: data.Certification, cert_id: str, account_id: str) -> str:
        out = self.registry.post(
            f"/v1/certifications/{cert_id}/issuances",
            {"quantity": c.quantity, "account_id": account_id},
            _registry_admin(),
            f"issuance/{c.key}",
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
                self.registry.post(
                    "/v1/transfers",
                    {"from_account_id": accounts[p.org], "to_account_id": accounts[prov.org], "quantity": q},
                    _holder(p.org),
                    f"transfer/{prov.org}/{n}",
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
        self.registry.post("/v1/retirements", body, _holder(i.provider.org), f"retirement/{i.key}")

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
            self.certification.post("/v1/admin/providers", body, CERT_ADMIN, f"provider/{p.org}")
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
            "/v1/footprints", body, _applicant(i.org), f"footprint/{i.key}"
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
            "/v1/applications", body, _applicant(i.org), f"application/{i.key}"
        )
        return out

    def _submit_and_review(self, i: data.Initiative, app: dict[str, Any]) -> None:
        self.certification.post(
            f"/v1/applications/{app['id']}/submit", None, _applicant(i.org), f"submit/{i.key}"
        )
        self.certification.post(f"/v1/applications/{app['id']}/review", None, REVIEWER, f"review/{i.key}")

    def _wait_for_provider_marks(self, accounts: dict[str, str], timeout: float = 120) -> None:
        """A provider may name a beneficiary organisation only once the registry has heard (Kafka) that
        it is an Anshin provider: poll the providers' accounts until every one is marked."""
        deadline = time.monotonic() + timeout
        pending = [p.org for p in data.PROVIDERS]
        while pending:
            pending = [
                org
                for org in pending
                if not self.registry.get(f"/v1/accounts/{accounts[org]}", _holder(org))["anshin_provider"]
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
                self.each(lambda a: self.certification.get(f"/v1/applications/{a}", REVIEWER), list(pending)),
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
        out = self.certification.post(
            f"/v1/applications/{app['id']}/certify",
            {
                "effective_date": i.certify_on.isoformat(),
                "comment": "審査委員会で認証 / certified by the committee",
            },
            REVIEWER,
            f"certify/{i.key}",
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
        return str(self.catalog.post("/v1/sessions", body, ORGANISER, f"session/{s.key}")["id"])

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
                f"/v1/sessions/{session_id}/registrations", body, ORGANISER, f"registration/{r.email}"
            )
            if r.attended:
                self.catalog.post(
                    f"/v1/registrations/{reg['id']}/attendance", None, ORGANISER, f"attendance/{r.email}"
                )


def _credits(fp: dict[str, Any]) -> int:
    return int(fp["plan"]["credits_needed"])


def summary(urls: Urls) -> dict[str, Any]:
    """The headline figures, read back from the public statistics endpoints."""
    with httpx.Client(timeout=30) as c:
        reg = c.get(f"{urls.registry}/v1/statistics").json()
        cert = c.get(f"{urls.certification}/v1/statistics").json()
        cat = c.get(f"{urls.catalog}/v1/statistics", params={"fiscal_year": 2010}).json()
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
    except SeedError as exc:
        print(f"seed failed: {exc}", file=sys.stderr)
        return 1
    finally:
        seeder.close()
    figures = summary(urls)
    print("FY2010 programme loaded (" + datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC") + "):")
    for k, v in figures.items():
        print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
