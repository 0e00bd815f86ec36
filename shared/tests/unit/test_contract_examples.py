"""Publishing side of the event contracts, without I/O: every contract has a stored example, each
example still validates against its contract (a breaking change to a payload model fails here), and
the CloudEvents envelope round-trips. The consuming side runs in tests/contract (real databases).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sosai_shared.contracts import all_contracts
from sosai_shared.events.envelope import CloudEvent

EXAMPLES = Path(__file__).resolve().parents[1] / "contract_examples"


def stored_examples() -> list[tuple[Path, CloudEvent]]:
    return [(p, CloudEvent.model_validate_json(p.read_text())) for p in sorted(EXAMPLES.rglob("*.json"))]


def platform_contracts() -> set[str]:
    """The programme's contracts (test-only payloads registered by other test modules excluded)."""
    return {t for t, c in all_contracts().items() if c.__module__.startswith("sosai_shared.contracts.")}


def test_every_contract_has_a_stored_example() -> None:
    types = {e.type for _, e in stored_examples()}
    missing = sorted(platform_contracts() - types)
    assert not missing, f"contracts without a stored example: {missing}"


@pytest.mark.parametrize("path,event", stored_examples(), ids=lambda v: v.name if isinstance(v, Path) else "")
def test_stored_example_validates_against_its_contract(path: Path, event: CloudEvent) -> None:
    contract = all_contracts().get(event.type)
    assert contract is not None, f"{path.name}: no contract for {event.type} (a version was removed?)"
    payload = contract.model_validate(event.data)
    assert payload.subject == event.subject
    assert event.specversion == "1.0" and event.id and event.source


def test_envelope_round_trips_through_bytes() -> None:
    for _, event in stored_examples():
        assert CloudEvent.from_bytes(event.to_bytes()) == event
        assert json.loads(event.to_bytes())["specversion"] == "1.0"


def test_envelope_refuses_what_is_not_cloudevents_1_0() -> None:
    _, event = stored_examples()[0]
    raw = json.loads(event.to_bytes())
    for broken in (
        {**raw, "specversion": "0.3"},
        {k: v for k, v in raw.items() if k != "id"},
        {**raw, "source": ""},
    ):
        with pytest.raises(ValueError):
            CloudEvent.model_validate(broken)
