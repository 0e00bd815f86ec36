"""Only an Anshin provider's account may retire for another organisation (``beneficiary_org``)."""

from __future__ import annotations

import httpx
from registry_helpers import funded_account, ok, org_headers, outbox_types, ptype, snapshot

from sosai_registry.handlers import on_provider_registered
from sosai_shared.contracts import CreditsRetiredV1, ProviderRegisteredV1
from sosai_shared.db import utcnow


def _retire(account_id: str, **extra: object) -> dict[str, object]:
    return {
        "account_id": account_id,
        "quantity": 3,
        "use": "meeting_event",
        "purpose": "EXPO offset",
        "beneficiary": "Customer KK",
        **extra,
    }


async def test_non_provider_cannot_name_another_org_provider_can(client: httpx.AsyncClient) -> None:
    acc, _, _ = await funded_account(client, "org-plain", 10)
    before = await snapshot(client)
    r = await client.post(
        "/v1/retirements", json=_retire(acc, beneficiary_org="org-cust"), headers=org_headers("org-plain")
    )
    assert r.status_code == 403 and ptype(r) == "beneficiary-org-not-allowed"
    assert "Anshin provider" in r.json()["detail"]
    assert await snapshot(client) == before
    own = await ok(
        client.post(
            "/v1/retirements",
            json=_retire(acc, beneficiary_org="org-plain"),
            headers=org_headers("org-plain"),
        ),
        201,
    )
    assert own["beneficiary_org"] == "org-plain"

    prov, _, _ = await funded_account(client, "org-prov", 10)
    async with client.app.state.runtime.db.sessionmaker.begin() as s:  # type: ignore[attr-defined]
        payload = ProviderRegisteredV1(
            provider_id="p1", org="org-prov", name="Green KK", registered_at=utcnow()
        )
        await on_provider_registered(s, payload, None)  # type: ignore[arg-type]
    done = await ok(
        client.post(
            "/v1/retirements", json=_retire(prov, beneficiary_org="org-cust"), headers=org_headers("org-prov")
        ),
        201,
    )
    assert done["beneficiary_org"] == "org-cust" and done["holder_org"] == "org-prov"
    public = await ok(client.get(f"/v1/public/retirements/{done['id']}"))
    assert public["beneficiary_org"] == "org-cust"
    assert CreditsRetiredV1.event_type in await outbox_types(client)
    async with client.app.state.runtime.db.sessionmaker() as s:  # type: ignore[attr-defined]
        outbox = client.app.state.runtime.db.outbox  # type: ignore[attr-defined]
        rows = (await s.execute(outbox.select().where(outbox.c.type == CreditsRetiredV1.event_type))).all()
    data = [CreditsRetiredV1.model_validate(dict(row._mapping)["envelope"]["data"]) for row in rows]
    assert {(d.holder_org, d.beneficiary_org) for d in data} == {
        ("org-plain", "org-plain"),
        ("org-prov", "org-cust"),
    }
