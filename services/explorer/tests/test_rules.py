"""Pure rules, without I/O: serial queries, prefecture names, certificate status, charts, translations."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from sosai_explorer import charts, prefectures
from sosai_explorer.certificates import rules as cert_rules
from sosai_explorer.i18n import MESSAGES, pick
from sosai_explorer.ledger import rules as serial_rules
from sosai_explorer.models import Certificate, Footprint


def test_every_key_in_both_languages() -> None:
    assert set(MESSAGES["ja"]) == set(MESSAGES["en"])
    assert all(v.strip() for lang in MESSAGES.values() for v in lang.values())


def test_language_choice() -> None:
    assert pick("en-US,en;q=0.8", None) == "en"
    assert pick("en-US", "ja") == "ja"
    assert pick(None, "xx") == "ja"
    assert pick("de-DE,ja;q=0.5", None) == "ja"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JP-ER-NAT-P0001-2010-000001-000013", (1, 13)),
        ("jp-er-nat-p0001-2010-000005", (5, 5)),
        ("  42 ", (42, 42)),
        ("5-13", (5, 13)),
    ],
)
def test_serial_queries(text: str, expected: tuple[int, int]) -> None:
    q = serial_rules.parse(text)
    assert (q.start, q.end) == expected


@pytest.mark.parametrize("text", ["", "abc", "0", "13-5", "JP-ER-NAT-2010-1-2", "1-99999999", "1;DROP"])
def test_malformed_serial_queries(text: str) -> None:
    with pytest.raises(ValueError):
        serial_rules.parse(text)


def test_prefecture_names_normalise() -> None:
    assert len(prefectures.PREFECTURES) == 47 == len({p.key for p in prefectures.PREFECTURES})
    assert len({(p.col, p.row) for p in prefectures.PREFECTURES}) == 47  # no two tiles overlap
    for name in ("Kochi", "kochi-ken", "高知県", "高知", " KOCHI "):
        assert prefectures.normalise(name) == "kochi"
    assert prefectures.normalise("Tokyo-to") == "tokyo" and prefectures.normalise("Kyoto") == "kyoto"
    assert prefectures.normalise("Atlantis") == "atlantis"  # kept, never dropped
    assert prefectures.label("kochi", "ja") == "高知県" and prefectures.label("atlantis", "en") == "atlantis"


def _cert(**kw: object) -> Certificate:
    values: dict[str, object] = {
        "number": "CO-2010-001",
        "application_id": "a",
        "credits_retired": 13,
        "valid_from": date(2011, 1, 1),
        "valid_until": date(2011, 12, 31),
        "certified_at": datetime(2011, 1, 1, tzinfo=UTC),
        "retirement_ids": ["r"],
    }
    values.update(kw)
    return Certificate(**values)


def test_certificate_status_on_a_day() -> None:
    assert cert_rules.status(_cert(), date(2011, 6, 1)) == "valid"
    assert cert_rules.status(_cert(), date(2010, 12, 31)) == "pending"
    assert cert_rules.status(_cert(), date(2012, 1, 1)) == "expired"
    assert (
        cert_rules.status(_cert(revoked_at=datetime(2011, 2, 1, tzinfo=UTC)), date(2011, 6, 1)) == "revoked"
    )
    assert cert_rules.status(_cert(certified_at=None), date(2011, 6, 1)) == "unknown"


def test_coverage_against_the_plan() -> None:
    fp = Footprint(footprint_id="f", org="o", credits_needed=13, offset_share=1)
    assert cert_rules.coverage(_cert(), fp) == "full"
    assert cert_rules.coverage(_cert(credits_retired=5), fp) == "partial"
    assert cert_rules.coverage(_cert(credits_retired=0), fp) == "none"
    assert cert_rules.coverage(_cert(), None) is None


def test_tile_map_has_every_prefecture_and_a_title_per_tile() -> None:
    svg = str(
        charts.tile_map("Projects", {"kochi": 3, "tokyo": 1}, lambda k: k, lambda k: f"/p?prefecture={k}")
    )
    assert svg.count("<rect") == 47 and svg.count('<a href="/p?prefecture=') == 47
    assert "<title>kochi: 3</title>" in svg and "role=" not in svg and 'aria-label="kochi: 3"' in svg
    assert charts.shade(0, 3) == 0 and charts.shade(3, 3) == 4 and charts.shade(1, 100) == 1


def test_bar_chart_escapes_labels() -> None:
    svg = str(charts.bar_chart("<b>", [("a&b", [3, 1])], ["x", "y"]))
    assert "<b>" not in svg and "a&amp;b" in svg and len(re.findall(r"<rect", svg)) == 4
