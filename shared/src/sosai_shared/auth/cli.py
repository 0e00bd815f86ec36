"""``sosai-token --org ORG --scope S [--scope S ...]``: mint a development token."""

from __future__ import annotations

import argparse
import os

from sosai_shared.auth.jwt import mint_token
from sosai_shared.settings import DEV_JWT_SECRET


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description="Mint a development bearer token for Sōsai services.")
    p.add_argument("--org", required=True, help="the caller's organisation id")
    p.add_argument("--scope", action="append", default=[], help="a scope; repeat for several")
    p.add_argument("--sub", default=None, help="subject (user id); default user@ORG")
    p.add_argument("--ttl", type=int, default=8 * 3600, help="lifetime in seconds")
    args = p.parse_args(argv)
    secret = os.environ.get("SOSAI_JWT_SECRET", DEV_JWT_SECRET)
    print(mint_token(secret=secret, org=args.org, scopes=args.scope, sub=args.sub, ttl_seconds=args.ttl))


if __name__ == "__main__":
    main()
