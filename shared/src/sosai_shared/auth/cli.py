"""``make token ORG=… SUB=… SCOPES=…``: a development access token.

Asks the development issuer (``make run`` starts it) with the client-credentials grant when one of
its development clients matches ORG (and SUB) and may have the scopes; otherwise, or when the
issuer is not running, signs the token locally with the development key (``keys.py``). Both name
the same issuer and use the same key, so development services take either. It says on stderr
which of the two happened.
"""

from __future__ import annotations

import argparse
import os
import sys

import httpx

from sosai_shared.auth.dev_issuer import dev_clients
from sosai_shared.auth.keys import DEV_ISSUER, DEV_ISSUER_URL, audiences_for, mint_token


def _dev_client(org: str, sub: str | None, scopes: list[str]) -> tuple[str, str] | None:
    for client_id, c in dev_clients().items():
        if c["org"] == org and (sub is None or c["sub"] == sub) and set(scopes) <= set(c["scopes"]):
            return client_id, str(c["secret"])
    return None


def from_issuer(issuer_url: str, org: str, sub: str | None, scopes: list[str]) -> str | None:
    """A token from the running development issuer, or None (no matching client, issuer down)."""
    found = _dev_client(org, sub, scopes)
    if found is None:
        return None
    form = {"grant_type": "client_credentials", **({"scope": " ".join(scopes)} if scopes else {})}
    try:
        r = httpx.post(issuer_url.rstrip("/") + "/token", data=form, auth=found, timeout=3)
        return str(r.json()["access_token"]) if r.status_code == 200 else None
    except (httpx.TransportError, ValueError, KeyError):  # not running, or something else on its port
        return None


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description="A development bearer token for Sōsai services.")
    p.add_argument("--org", required=True, help="the caller's organisation id")
    p.add_argument("--scope", action="append", default=[], help="a scope; repeat for several")
    p.add_argument("--sub", default=None, help="subject (user id); default user@ORG")
    p.add_argument("--ttl", type=int, default=8 * 3600, help="lifetime in seconds (local signing only)")
    p.add_argument("--issuer-url", default=os.environ.get("SOSAI_OIDC_ISSUER_URL", DEV_ISSUER_URL))
    p.add_argument("--local", action="store_true", help="never ask the issuer; sign with the development key")
    args = p.parse_args(argv)
    scopes = [s for s in args.scope if s]
    tok = None if args.local else from_issuer(args.issuer_url, args.org, args.sub, scopes)
    if tok is not None:
        print(f"token from the development issuer at {args.issuer_url}", file=sys.stderr)
    else:
        print(f"token signed locally with the development key (iss {DEV_ISSUER})", file=sys.stderr)
        tok = mint_token(
            org=args.org, scopes=scopes, sub=args.sub, ttl_seconds=args.ttl, audience=audiences_for(scopes)
        )
    print(tok)


if __name__ == "__main__":
    main()
