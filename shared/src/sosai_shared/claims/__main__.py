"""``python -m sosai_shared.claims verify FILE|URL [--jwks FILE|URL ...]``: exit 0 only if it verifies."""

from __future__ import annotations

import argparse
import json
import sys

import httpx

from sosai_shared.claims.verify import check, load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sosai_shared.claims")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("verify", help="verify a claim document against the issuers' published keys")
    v.add_argument("source", help="a claim document: a file or a URL")
    v.add_argument("--jwks", action="append", default=[], help="published keys (file or URL); repeatable")
    v.add_argument("--show", action="store_true", help="print the verified claim")
    args = parser.parse_args(argv)
    try:
        doc = load(args.source)
    except (OSError, ValueError, httpx.HTTPError) as exc:
        print(f"FAIL cannot read {args.source}: {exc}")
        return 2
    report = check(doc, args.jwks)
    print("\n".join(report.lines))
    if report.ok and args.show:
        print(json.dumps(doc["claim"], indent=2, ensure_ascii=False))
    print("VERIFIED" if report.ok else "NOT VERIFIED")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
