"""Verify a claim document offline against published keys (each issuer's ``/.well-known/jwks.json``).

Used by ``python -m sosai_shared.claims verify FILE|URL [--jwks FILE|URL ...]``: with ``--jwks``
given, nothing is fetched but the document itself (a file needs no network at all).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from sosai_shared.signing import InvalidSignature, verify


@dataclass
class Report:
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    def fail(self, line: str) -> None:
        self.ok = False
        self.lines.append("FAIL " + line)


def load(source: str) -> Any:
    if source.startswith(("http://", "https://")):
        r = httpx.get(source, timeout=30)
        r.raise_for_status()
        return r.json()
    return json.loads(Path(source).read_text())


def _keys(jwks_sources: list[str], doc: dict[str, Any], given: dict[str, Any] | None) -> dict[str, Any]:
    if given is not None:
        return given
    sources = jwks_sources or [str(doc.get("jwks_url", ""))]
    keys: list[Any] = []
    for s in sources:
        keys.extend(load(s).get("keys", []))
    return {"keys": keys}


def check(
    doc: Any,
    jwks_sources: list[str],
    report: Report | None = None,
    depth: int = 0,
    *,
    keys: dict[str, Any] | None = None,
) -> Report:
    """Verify ``doc``'s signature, that the signed claim is the claim shown, and every piece of evidence.

    ``keys`` (a JWKS already in hand, e.g. one a site stored) replaces ``jwks_sources``: nothing is read.
    """
    report = report or Report()
    pad = "  " * depth
    if not isinstance(doc, dict) or "jws" not in doc or "claim" not in doc:
        report.fail(pad + "not a claim document (needs 'claim' and 'jws')")
        return report
    try:
        signed = verify(str(doc["jws"]), _keys(jwks_sources, doc, keys))
    except (InvalidSignature, httpx.HTTPError, OSError, ValueError) as exc:
        report.fail(f"{pad}{doc['claim'].get('kind', 'claim')}: {exc}")
        return report
    if signed != doc["claim"]:
        report.fail(f"{pad}{signed.get('kind', 'claim')}: the claim shown differs from the signed claim")
        return report
    report.lines.append(
        f"{pad}OK   {signed.get('kind', 'claim')} {signed.get('id', '')} signed by {signed.get('issuer', '?')}"
    )
    for item in doc.get("evidence", []):
        check(item, jwks_sources, report, depth + 1, keys=keys)
    return report
