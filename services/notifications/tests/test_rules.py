"""Pure rules without I/O: who sees an event, the retry schedule, the URL rules."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from sosai_notifications.audience import audience, matches
from sosai_notifications.webhooks import rules
from sosai_shared.contracts import all_contracts
from sosai_shared.errors import Unprocessable


def test_every_contract_has_a_decided_audience() -> None:
    for event_type, contract in all_contracts().items():
        a = audience(event_type, dict.fromkeys(contract.model_fields, "x"))
        assert a.public or a.owners, f"{event_type} would reach nobody"
    retired = audience(
        "jp.sosai.registry.credits.retired.v1",
        {"holder_org": "org-a", "account_id": "acc-1", "quantity": 3, "footprint_id": "fp"},
    )
    assert retired.owners == ("org-a",) and retired.public
    assert retired.public_data == {"holder_org": "org-a", "quantity": 3}
    # a methodology is public and owned by no organisation: the feed and "*" subscriptions get it whole
    methodology = audience(
        "jp.sosai.registry.methodology.registered.v1", {"code": "E001", "status": "active"}
    )
    assert methodology.owners == () and methodology.public
    assert methodology.public_data == {"code": "E001", "status": "active"}
    moved = audience("jp.sosai.registry.credits.transferred.v1", {"from_org": "a", "to_org": "b"})
    assert moved.owners == ("a", "b") and not moved.public and moved.public_data is None
    footprint = audience("jp.sosai.calculator.footprint.calculated.v1", {"org": "a"})
    assert footprint.owners == ("a",) and not footprint.public
    session = audience("jp.sosai.catalog.session.scheduled.v1", {"session_id": "s", "title": "EXPO"})
    assert session.public and session.public_data == {"session_id": "s", "title": "EXPO"}
    # a place given from the waiting list is the registrant's business, not the public calendar's
    place = audience("jp.sosai.catalog.registration.promoted.v1", {"registrant_org": "a", "session_id": "s"})
    assert place.owners == ("a",) and not place.public and place.public_data is None


def test_patterns() -> None:
    t = "jp.sosai.registry.credits.retired.v1"
    assert matches(["*"], t)
    assert matches(["jp.sosai.registry.*"], t)
    assert matches([t], t)
    assert not matches(["jp.sosai.certification.*"], t)
    assert not matches(["jp.sosai.registry.credits.retired.v2"], t)


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    rng = random.Random(7)
    delays = [rules.next_delay(n, base=5, cap=3600, rng=rng) for n in range(1, 16)]
    for n, d in enumerate(delays, start=1):
        step = min(3600, 5 * 2 ** (n - 1))
        assert step / 2 <= d <= step
    assert max(delays) <= 3600
    assert len({round(d, 6) for d in delays}) == len(delays)  # jitter: no two alike


def test_a_delivery_is_given_up_after_the_window() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    window = 3 * 24 * 3600
    assert not rules.give_up(start, start + timedelta(days=2, hours=23), window)
    assert rules.give_up(start, start + timedelta(days=3, seconds=1), window)
    # with the default schedule the attempts span about three days
    t, n = start, 0
    while not rules.give_up(start, t, window):
        n += 1
        t += timedelta(seconds=rules.next_delay(n, base=5, cap=6 * 3600, rng=random.Random(n)))
    assert 15 <= n <= 40


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (200, "succeeded"),
        (204, "succeeded"),
        (410, "gone"),
        (500, "failed"),
        (301, "failed"),
        (None, "error"),
    ],
)
def test_outcomes(status: int | None, outcome: str) -> None:
    assert rules.outcome(status) == outcome


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "::1",
        "10.1.2.3",
        "192.168.1.1",
        "172.16.0.1",
        "169.254.169.254",
        "fe80::1",
        "0.0.0.0",
        "100.64.0.1",
        "::ffff:127.0.0.1",
    ],
)
def test_private_destinations_are_forbidden(address: str) -> None:
    assert rules.forbidden_address(address)


def test_public_destinations_are_allowed() -> None:
    assert not rules.forbidden_address("93.184.216.34")
    assert not rules.forbidden_address("2606:4700::1111")


def test_url_shape_in_production_and_in_development() -> None:
    assert rules.check_url("https://hooks.example.org/x", allow_private=False) == ("hooks.example.org", 443)
    with pytest.raises(Unprocessable):
        rules.check_url("http://hooks.example.org/x", allow_private=False)
    assert rules.check_url("http://127.0.0.1:9/x", allow_private=True) == ("127.0.0.1", 9)
    with pytest.raises(Unprocessable):
        rules.check_url("https://user:pw@hooks.example.org/", allow_private=False)
    with pytest.raises(Unprocessable):
        rules.check_url("file:///etc/passwd", allow_private=True)


async def test_production_refuses_loopback_and_private_hosts() -> None:
    from sosai_notifications.webhooks.destination import ensure_public

    for url in (
        "https://127.0.0.1/h",
        "https://localhost/h",
        "https://10.0.0.8/h",
        "https://169.254.169.254/latest",
    ):
        with pytest.raises(Unprocessable):
            await ensure_public(url)


def test_production_refuses_the_development_secrets_key() -> None:
    from sosai_notifications.config import Settings

    with pytest.raises(ValueError, match="secrets key"):
        Settings(
            environment="production",
            oidc_issuer_url="https://sso.example.jp/realms/sosai",
            database_url="sqlite+aiosqlite:///x.db",
        )
    s = Settings(
        environment="production",
        oidc_issuer_url="https://sso.example.jp/realms/sosai",
        database_url="sqlite+aiosqlite:///x.db",
        secrets_key="MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    )
    assert s.allow_private_urls is False
