"""`make seed` reproduces the FY2010 white paper's figures through the public APIs, and a re-run adds nothing.

The seed fills every statistic, so it gets a programme of its own (`fy2010_programme.py`, one per
test session, shared with the report's test), not the session's shared one; the seed runs as
`make seed` does, as a separate process talking HTTP to the services.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import httpx
import pytest
from e2e_support import SERVICE_AWAY, Programme
from fy2010_programme import run_seed

from sosai_shared.testing import auth, wait_until_blocking

# the first test to ask for the seeded programme pays for seeding it (minutes on a loaded machine)
pytestmark = pytest.mark.timeout(900)


def _pages(client: httpx.Client, path: str, **kw: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 200}
    while True:
        page = client.get(path, params=params, **kw).json()
        items += page["items"]
        if not page.get("next_cursor"):
            return items
        params["cursor"] = page["next_cursor"]


def snapshot(prog: Programme) -> dict[str, Any]:
    """Every public figure, for comparing two runs."""
    return {
        "registry": prog.registry.get("/v1/statistics").json(),
        "certification": prog.certification.get("/v1/statistics").json(),
        "calculator": prog.calculator.get("/v1/statistics").json(),
        "catalog": prog.catalog.get("/v1/statistics").json(),
        "certificates": [c["number"] for c in _pages(prog.certification, "/v1/public/certificates")],
    }


def test_registry_reproduces_methodologies_projects_and_tonnes(seeded: Programme) -> None:
    stats = seeded.registry.get("/v1/statistics").json()
    assert stats["methodologies_by_category"] == {"emission_reduction": 25, "forest_absorption": 3}
    assert stats["projects_registered"] == 86
    assert stats["projects_by_status"] == {"registered": 86}
    by_fy = {f["fiscal_year"]: f for f in stats["by_fiscal_year"]}
    assert by_fy[2010]["projects_registered"] == 60
    assert sum(f["projects_registered"] for fy, f in by_fy.items() if fy < 2010) == 26
    # a year before (end of FY2009) the registry showed 26: "60 more than a year before"
    assert (
        seeded.registry.get("/v1/statistics", params={"fiscal_year": 2009}).json()["projects_registered"]
        == 26
    )
    assert stats["tonnes_certified"] == 41_732
    assert stats["tonnes_issued"] == 40_240
    assert sum(f["tonnes_certified"] for f in by_fy.values()) == 41_732
    assert stats["tonnes_in_buffer"] > 0  # forest issuances put their share into the buffer
    # what was retired is exactly what the 56 certified initiatives needed
    calc = seeded.calculator.get("/v1/statistics").json()
    assert stats["tonnes_retired"] == calc["credits_needed"] > 0


def test_the_explorer_shows_the_registry_s_figures_and_the_years_of_the_credits(seeded: Programme) -> None:
    """The public site's home page, built from events only: the approved methodologies are the
    registry's 28 (not the codes projects happen to use), and the chart by vintage keeps the
    programme in FY2010 and before although it was loaded today."""
    registry = seeded.registry.get("/v1/statistics").json()
    figure = re.compile(r"<li><strong>([\d,—]+)</strong>(?:<a [^>]+>)?([^<]+)")

    def home() -> tuple[str, dict[str, str]] | None:
        html = seeded.explorer.get("/", params={"lang": "en"}).text
        figures = {label.strip(): value for value, label in figure.findall(html)}
        caught_up = figures.get("Credits retired (t-CO2)") == f"{registry['tonnes_retired']:,}"
        return (html, figures) if caught_up and figures.get("Methodologies") == "28" else None

    html, figures = wait_until_blocking(home, timeout=300, interval=2, transient=SERVICE_AWAY)
    assert figures["Registered projects"] == "86"
    assert figures["Credits certified (t-CO2)"] == "41,732"
    assert figures["Credits issued (t-CO2)"] == "40,240"
    assert figures["Certified offset initiatives"] == "56"
    rows = re.findall(
        r'<tr><td>FY(\d{4})</td><td class="n">([\d,]+)</td><td class="n">([\d,]+)</td></tr>', html
    )
    assert rows and all(int(fy) <= 2010 for fy, _, _ in rows), rows
    assert sum(int(i.replace(",", "")) for _, i, _ in rows) == 40_240
    assert sum(int(r.replace(",", "")) for _, _, r in rows) == registry["tonnes_retired"]


def test_certification_reproduces_initiatives_providers_and_cases(seeded: Programme) -> None:
    stats = seeded.certification.get("/v1/statistics").json()
    certified = stats["certified_initiatives"]
    assert certified["total"] == 56
    per_fy = Counter()
    for row in certified["by_fiscal_year"]:
        per_fy[row["period"]] += row["count"]
    assert per_fy == {"FY2009": 20, "FY2010": 36}
    assert {t["offset_type"] for t in certified["by_type"]} == {
        "product_service",
        "meeting_event",
        "own_activity",
        "own_activity_support",
        "closed_specific_parties",
    }
    assert stats["providers"] == {"registered": 11, "suspended": 0, "pending": 0}
    cases = stats["reported_cases"]
    assert cases["total"] == 1_000
    assert {r["period"] for r in cases["by_fiscal_year"]} == {"FY2008", "FY2009", "FY2010"}
    split = cases["own_activity_split"]
    assert split["before_2010_04"]["total"] + split["from_2010_04"]["total"] == sum(
        t["count"] for t in cases["by_type"] if t["offset_type"] == "own_activity"
    )
    assert (
        split["before_2010_04"]["market_distribution"] > 0
        and split["from_2010_04"]["market_distribution"] > 0
    )

    certs = _pages(seeded.certification, "/v1/public/certificates")
    assert len(certs) == 56
    first = sorted((c for c in certs if c["fiscal_year"] == 2009), key=lambda c: c["number"])[:6]
    assert [c["number"] for c in first] == [f"CO-2009-{n:03d}" for n in range(1, 7)]
    assert {c["valid_from"] for c in first} == {"2009-10-22"}
    assert all(c["backdated"] and c["valid_from"] <= "2011-02-28" for c in certs)


def test_every_certificate_rests_on_a_retirement_and_a_footprint(seeded: Programme) -> None:
    certs = _pages(seeded.certification, "/v1/public/certificates")
    for c in certs:
        assert c["retirements"], c["number"]
        assert c["credits_retired"] >= c["credits_required"] > 0, c["number"]
        for r in c["retirements"]:
            ret = seeded.registry.get(f"/v1/public/retirements/{r['retirement_id']}").json()
            assert ret["application_id"] == c["application_id"]
            assert ret["use"] == c["offset_type"]
            assert ret["footprint_id"] and ret["blocks"]
    # providers retired on their customers' behalf: the holder is never the beneficiary's organisation
    holders = {
        seeded.registry.get(f"/v1/public/retirements/{r['retirement_id']}").json()["holder_org"]
        for c in certs
        for r in c["retirements"]
    }
    assert holders and all(h.startswith("provider-") for h in holders)
    calc = wait_until_blocking(
        lambda: (
            (s := seeded.calculator.get("/v1/statistics").json())["credits_retired"] == s["credits_needed"]
            and s
        ),
        timeout=60,
        transient=SERVICE_AWAY,
    )
    assert calc["footprints"] == 56


def test_anshin_providers_accounts_are_marked_in_the_registry(seeded: Programme) -> None:
    headers = auth("moe-jver-registry", "registry:admin", sub="test-auditor")

    def marked() -> list[dict[str, Any]] | None:
        accounts = [
            a
            for a in _pages(seeded.registry, "/v1/accounts", headers=headers)
            if a["org"].startswith("provider-")
        ]
        return accounts if len(accounts) == 11 and all(a["anshin_provider"] for a in accounts) else None

    accounts = wait_until_blocking(marked, timeout=60, transient=SERVICE_AWAY)
    public = _pages(seeded.certification, "/v1/public/providers")
    assert {p["org"] for p in public} == {a["org"] for a in accounts}


def test_fy2010_events_and_the_expo_offsets(seeded: Programme) -> None:
    stats = seeded.catalog.get("/v1/statistics", params={"fiscal_year": 2010}).json()
    progs = {p["programme_code"]: p for p in stats["programmes"]}
    assert (progs["leader_training"]["places"], progs["leader_training"]["sessions"]) == (5, 5)
    assert (progs["jver_briefing"]["places"], progs["jver_briefing"]["sessions"]) == (10, 10)
    assert (progs["expo"]["places"], progs["expo"]["sessions"]) == (3, 4)
    assert all(0 < p["attendance"] <= p["registrations"] for p in progs.values())
    expo = seeded.catalog.get("/v1/sessions", params={"programme": "expo"}).json()["items"]
    assert len(expo) == 4

    def cards() -> list[dict[str, Any]] | None:
        got = [seeded.catalog.get(f"/v1/sessions/{s['id']}/carbon-card").json() for s in expo]
        # FY2010 certificates were valid for one year: today each card shows its certificate as expired
        return got if all(c.get("certificate_status") == "expired" for c in got) else None

    for card in wait_until_blocking(cards, timeout=60, transient=SERVICE_AWAY):
        # the calculator footprint the certificate rests on is the catalog's recorded one, to the gram
        assert card["recorded_footprint"]["basis"] == "actual"
        assert card["credits_retired"] >= card["recorded_footprint"]["credits_needed"]
        assert card["certificate_number"].startswith("CO-2010-")
        assert card["status"] != "certified"  # an expired certificate no longer certifies the session


def _feed(client: httpx.Client, limit: int) -> list[dict[str, Any]]:
    """The notifications service's public change feed, paged with ``after`` to its end."""
    items: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": limit}
    while True:
        r = client.get("/v1/public/feed", params=params)
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        if not page["more"]:
            return items
        params["after"] = page["next_cursor"]


def _of_type(items: list[dict[str, Any]], event_type: str) -> list[dict[str, Any]]:
    return [i for i in items if i["type"].rpartition(".")[0] == event_type]


def test_the_public_feed_pages_every_public_event_once_in_a_stable_order(seeded: Programme) -> None:
    registry = seeded.registry.get("/v1/statistics").json()
    feed = seeded.client("notifications")

    def caught_up() -> list[dict[str, Any]] | None:
        items = _feed(feed, 500)
        issued = sum(i["data"]["quantity"] for i in _of_type(items, "jp.sosai.registry.credits.issued"))
        retired = sum(i["data"]["quantity"] for i in _of_type(items, "jp.sosai.registry.credits.retired"))
        return items if (issued, retired) == (registry["tonnes_issued"], registry["tonnes_retired"]) else None

    items = wait_until_blocking(caught_up, timeout=180, interval=2, transient=SERVICE_AWAY)
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))  # every event once
    # small pages walk the same events in the same order, and a cursor resumes exactly after its event
    assert [i["id"] for i in _feed(feed, 37)] == ids
    middle = items[len(items) // 2]
    rest = feed.get("/v1/public/feed", params={"after": middle["cursor"], "limit": 5}).json()["items"]
    assert [i["id"] for i in rest] == ids[len(items) // 2 + 1 :][:5]

    # the counts are the registry's and the certification service's public figures
    assert len(_of_type(items, "jp.sosai.registry.project.registered")) == registry["projects_registered"]
    certified = _of_type(items, "jp.sosai.registry.credits.certified")
    assert sum(i["data"]["quantity"] for i in certified) == registry["tonnes_certified"]
    certificates = _pages(seeded.certification, "/v1/public/certificates")
    offsets = _of_type(items, "jp.sosai.certification.offset.certified")
    assert sorted(i["data"]["certificate_number"] for i in offsets) == sorted(
        c["number"] for c in certificates
    )
    providers = _pages(seeded.certification, "/v1/public/providers")
    assert len(_of_type(items, "jp.sosai.certification.provider.registered")) == len(providers) == 11
    # only public fields: a retirement's footprint and a holder's account stay with their owner
    for i in _of_type(items, "jp.sosai.registry.credits.retired"):
        assert "footprint_id" not in i["data"] and "account_id" not in i["data"]
    # per project, the feed keeps the registry's order: a project is registered before it is issued to
    registered_at = {
        i["subject"]: n
        for n, i in enumerate(items)
        if i["type"].startswith("jp.sosai.registry.project.registered")
    }
    for n, i in enumerate(items):
        if i["type"].rpartition(".")[0] in (
            "jp.sosai.registry.credits.certified",
            "jp.sosai.registry.credits.issued",
        ):
            assert registered_at[i["data"]["project_id"]] < n, i


def test_a_rerun_replays_and_changes_no_figure(seeded: Programme) -> None:
    # the calculator's coverage follows the registry's retirements through Kafka: compare settled views
    wait_until_blocking(
        lambda: (
            (s := seeded.calculator.get("/v1/statistics").json())["credits_retired"] == s["credits_needed"]
        ),
        transient=SERVICE_AWAY,
    )
    before = snapshot(seeded)
    done = run_seed(seeded)
    assert done.returncode == 0, done.stderr[-3000:]
    assert snapshot(seeded) == before
    assert "tonnes_certified: 41732" in done.stdout
