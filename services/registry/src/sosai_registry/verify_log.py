"""``python -m sosai_registry.verify_log URL``: recompute the registry's public hash chain.

Reads the signed head, pages ``/v1/public/log`` from the start, recomputes every entry's hash and
link, checks that the chain ends at the signed head, and that the tonnes the moves imply equal
the public statistics. Exit status 0 only if all of it holds. Needs nothing but the public API.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

import httpx

from sosai_registry.audit_log.chain import check_chain, implied_totals
from sosai_shared.signing import InvalidSignature, verify


async def verify_registry(client: httpx.AsyncClient) -> tuple[bool, list[str]]:
    lines: list[str] = []
    ok = True

    def fail(msg: str) -> None:
        nonlocal ok
        ok = False
        lines.append("FAIL " + msg)

    head_doc = (await client.get("/v1/public/log/head")).json()
    jwks = (await client.get("/.well-known/jwks.json")).json()
    try:
        head = verify(head_doc["jws"], jwks)
        lines.append(f"OK   signed head: sequence {head['seq']}, hash {head['hash'][:16]}…")
    except (InvalidSignature, KeyError) as exc:
        fail(f"head signature: {exc}")
        return ok, lines
    stats = (await client.get("/v1/statistics")).json()
    entries: list[dict[str, Any]] = []
    after, genesis = 0, "0" * 64
    while after < head["seq"]:
        page = (await client.get("/v1/public/log", params={"after": after, "limit": 1000})).json()
        genesis = page["genesis"]
        entries.extend(e for e in page["entries"] if e["seq"] <= head["seq"])
        if not page["entries"]:
            break
        after = page["entries"][-1]["seq"]
    problems, seq, last = check_chain(entries, genesis)
    for p in problems:
        fail(p)
    if (seq, last) != (head["seq"], head["hash"]):
        fail(f"the chain ends at {seq} {last[:16]}…, not at the signed head")
    elif not problems:
        lines.append(f"OK   {len(entries)} entries chain from genesis to the signed head")
    implied = implied_totals(entries)
    for name, value in implied.items():
        if stats.get(name) != value:
            fail(f"{name}: the log implies {value}, the statistics say {stats.get(name)}")
    if all(stats.get(k) == v for k, v in implied.items()):
        lines.append(
            "OK   implied totals equal the public statistics: "
            + ", ".join(f"{k} {v}" for k, v in implied.items())
        )
    return ok, lines


async def _main(url: str) -> int:
    async with httpx.AsyncClient(base_url=url.rstrip("/"), timeout=60) as client:
        try:
            ok, lines = await verify_registry(client)
        except (httpx.HTTPError, ValueError) as exc:
            print(f"FAIL cannot read the registry at {url}: {exc}")
            return 2
    print("\n".join(lines))
    print("VERIFIED" if ok else "NOT VERIFIED")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sosai_registry.verify_log")
    parser.add_argument("url", help="the registry's base URL, e.g. http://127.0.0.1:8001")
    return asyncio.run(_main(parser.parse_args(argv).url))


if __name__ == "__main__":
    sys.exit(main())
