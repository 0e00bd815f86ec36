"""``sk_`` API keys at a service that is not the registry: the key is checked by asking the
registry; an unreachable registry is a 503 (never a 401: the key may be good), and the rate
limiter budgets each key as its own client, before anyone looks at the key.

(Keys that work and keys that were revoked, across real service processes:
``tests/e2e/test_api_keys_across_services.py``.)
"""

from __future__ import annotations

from toyapp import toy_client

from sosai_shared.auth.api_keys import new_key

PROBLEM = "application/problem+json"
#: nothing listens there (the engineers' port range 41300-41399 is for what a test starts itself)
CLOSED = "http://127.0.0.1:41399"


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def test_a_key_is_a_503_while_the_registry_cannot_be_reached(
    database_url: str, bootstrap_servers: str
) -> None:
    for registry_url in (CLOSED, ""):
        async with toy_client(database_url, bootstrap_servers, registry_url=registry_url) as client:
            r = await client.get("/v1/notes/n-1", headers=bearer(new_key()))
            assert r.status_code == 503, r.text
            assert r.headers["content-type"] == PROBLEM
            assert r.json()["type"].endswith("/api-keys-unavailable")
            # a public route does not need the key: it still answers
            assert (await client.get("/v1/public/ping", headers=bearer(new_key()))).status_code == 200


async def test_each_key_spends_its_own_rate_budget(database_url: str, bootstrap_servers: str) -> None:
    async with toy_client(
        database_url, bootstrap_servers, registry_url=CLOSED, rate_limit_reads="2/minute"
    ) as client:
        first, second = new_key(), new_key()
        seen = [(await client.get("/v1/notes/n-1", headers=bearer(first))).status_code for _ in range(3)]
        assert seen == [503, 503, 429]
        r = await client.get("/v1/notes/n-1", headers=bearer(second))
        assert r.status_code == 503 and r.headers["ratelimit"].startswith('"reads";r=1;')
