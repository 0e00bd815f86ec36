"""The stored-claim rules without I/O: real Ed25519 signatures (the shared signer), invented facts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from joserfc.jwk import OKPKey

from sosai_explorer.certificates.rules import Verdict, with_claims
from sosai_explorer.claims import rules
from sosai_explorer.models import Certificate, LedgerBlock, LedgerEntry
from sosai_shared.claims import document
from sosai_shared.signing import Signer

REGISTRY = Signer(OKPKey.generate_key("Ed25519"))
CERTIFICATION = Signer(OKPKey.generate_key("Ed25519"))
KEYS = {"registry": REGISTRY.jwks(), "certification": CERTIFICATION.jwks()}
AT = datetime(2011, 2, 1, 3, tzinfo=UTC)


def retirement_claim(**kw: Any) -> dict[str, Any]:
    claim = {
        "kind": "retirement",
        "issuer": "registry",
        "id": "ret-1",
        "quantity": 13,
        "holder_org": "org-a",
        "beneficiary": "Org A",
        "blocks": [{"start": 131, "end": 143, "project_id": "p-1", "vintage": 2010}],
    }
    return {**claim, **kw}


def retirement_events() -> dict[str, Any]:
    entry = LedgerEntry(
        entry_id="ret-1", kind="retired", quantity=13, from_org="org-a", beneficiary="Org A", at=AT
    )
    block = LedgerBlock(
        entry_id="ret-1",
        start=131,
        end=143,
        kind="retired",
        serial="s",
        quantity=13,
        project_id="p-1",
        vintage=2010,
        credit_type="FM",
        programme="kochi",
        at=AT,
    )
    return rules.retirement_facts_from_events(entry, [block])


def test_a_signed_retirement_that_matches_the_events_verifies_with_the_registry_key() -> None:
    doc = document(REGISTRY, retirement_claim(), "http://registry/.well-known/jwks.json")
    c = rules.assess("retirement", "ret-1", doc, KEYS, retirement_events(), AT)
    assert c.state == rules.VERIFIED and c.ok and c.kid == REGISTRY.kid and c.issuer == "registry"


def test_not_fetched_and_no_keys_neither_pass_nor_fail() -> None:
    nothing = rules.assess("retirement", "ret-1", None, KEYS, retirement_events())
    doc = document(REGISTRY, retirement_claim(), "u")
    no_keys = rules.assess("retirement", "ret-1", doc, {"certification": KEYS["certification"]}, None, AT)
    assert (nothing.state, no_keys.state) == (rules.NOT_FETCHED, rules.NO_KEYS)
    assert not any(c.ok or c.failed for c in (nothing, no_keys))
    assert with_claims(Verdict([("x", True)]), [nothing, no_keys]).checks == [("x", True)]


def test_a_changed_byte_a_changed_claim_or_another_issuer_never_verify() -> None:
    doc = document(REGISTRY, retirement_claim(), "u")
    head, payload, sig = doc["jws"].split(".")
    flipped = {
        **doc,
        "jws": ".".join((head, payload, sig[:20] + ("A" if sig[20] != "A" else "B") + sig[21:])),
    }
    shown_other = {**doc, "claim": retirement_claim(quantity=14)}
    by_certification = document(CERTIFICATION, retirement_claim(), "u")
    states = [
        rules.assess("retirement", "ret-1", d, KEYS, retirement_events(), AT).state
        for d in (flipped, shown_other, by_certification)
    ]
    assert states == [rules.BAD_SIGNATURE, rules.BAD_SIGNATURE, rules.WRONG_ISSUER]
    garbage = rules.assess("retirement", "ret-1", {"claim": "x", "jws": "not.a.jws"}, KEYS, None, AT)
    assert garbage.failed and rules.key_id("not a jws") is None


def test_a_valid_claim_that_the_events_contradict_differs() -> None:
    doc = document(
        REGISTRY,
        retirement_claim(blocks=[{"start": 131, "end": 150, "project_id": "p-1", "vintage": 2010}]),
        "u",
    )
    c = rules.assess("retirement", "ret-1", doc, KEYS, retirement_events(), AT)
    assert c.state == rules.DIFFERS and c.differences == ("serial_ranges",) and c.failed
    other_id = rules.assess("retirement", "ret-2", doc, KEYS, None, AT)
    assert other_id.state == rules.DIFFERS and other_id.differences == ("id",)
    assert with_claims(Verdict([("x", True)]), [c]).checks == [("x", True), ("signed_claims", False)]


def test_a_certificate_claim_with_registry_evidence_verifies_against_the_events() -> None:
    evidence = document(REGISTRY, retirement_claim(), "u")
    claim = {
        "kind": "certificate",
        "issuer": "certification",
        "id": "CO-2010-001",
        "certificate": {
            "number": "CO-2010-001",
            "applicant_org": "org-a",
            "offset_type": "meeting_event",
            "subject_name": "EXPO",
            "valid_from": "2011-02-01",
            "valid_until": "2012-01-31",
        },
        "plan": {"credits_retired": 13},
        "retirements": [{"retirement_id": "ret-1", "quantity": 13}],
    }
    doc = document(CERTIFICATION, claim, "u", [evidence])
    cert = Certificate(
        number="CO-2010-001",
        application_id="app-1",
        applicant_org="org-a",
        offset_type="meeting_event",
        subject_name="EXPO",
        retirement_ids=["ret-1"],
        credits_retired=13,
        valid_from=date(2011, 2, 1),
        valid_until=date(2012, 1, 31),
        certified_at=AT,
    )
    expected = rules.certificate_facts_from_events(cert)
    ok = rules.assess("certificate", "CO-2010-001", doc, KEYS, expected, AT)
    assert ok.state == rules.VERIFIED and ok.kid == CERTIFICATION.kid
    # the registry's keys are needed for the evidence: without them, nothing is concluded yet
    assert (
        rules.assess(
            "certificate", "CO-2010-001", doc, {"certification": KEYS["certification"]}, expected
        ).state
        == rules.NO_KEYS
    )
    # evidence altered: the whole claim fails
    bad_evidence = {**doc, "evidence": [{**evidence, "claim": retirement_claim(quantity=1)}]}
    assert (
        rules.assess("certificate", "CO-2010-001", bad_evidence, KEYS, expected).state == rules.BAD_SIGNATURE
    )
    cert.credits_retired = 12
    differs = rules.assess("certificate", "CO-2010-001", doc, KEYS, rules.certificate_facts_from_events(cert))
    assert differs.differences == ("credits_retired",)
