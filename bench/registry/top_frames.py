"""Top frames of a py-spy recording in raw (collapsed-stack) form: where the registry spends its CPU.

    py-spy record --pid <uvicorn pid> --format raw --output registry.txt --nonblocking
    .venv/bin/python bench/registry/top_frames.py registry.txt --top 10 --within sosai_shared/metrics.py

Prints the frames with the most samples on top of the stack (self) and anywhere in it (total), and the
share of samples per package (the first frame of the stack that belongs to a known package, from the top).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

PACKAGES = (
    "sosai_registry",
    "sosai_shared",
    "sqlalchemy",
    "sqlmodel",
    "asyncpg",
    "pydantic",
    "fastapi",
    "starlette",
    "uvicorn",
    "jwt",
    "httptools",
    "h11",
    "json",
    "aiokafka",
    "asyncio",
)


def package_of(frame: str) -> str:
    for p in PACKAGES:
        if re.search(rf"[/(]{p}[/.]", frame) or f"({p}/" in frame:
            return p
    return "other"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("raw", type=Path)
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument(
        "--within",
        default="",
        help="keep only stacks with a frame containing this text (e.g. the HTTP middleware, to leave out start-up)",
    )
    args = ap.parse_args()
    own: Counter[str] = Counter()
    total: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    samples = 0
    for line in args.raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        n = int(count)
        frames = stack.split(";")
        if args.within and not any(args.within in f for f in frames):
            continue
        samples += n
        own[frames[-1]] += n
        for f in set(frames):
            total[f] += n
        top_pkg = next((package_of(f) for f in reversed(frames) if package_of(f) != "other"), "other")
        packages[top_pkg] += n
    print(f"{samples} samples")
    print(f"\ntop {args.top} frames by own samples (on top of the stack):")
    for f, n in own.most_common(args.top):
        print(f"  {100 * n / samples:5.1f} %  {f}")
    print(
        f"\ntop {args.top} frames of the registry and the shared package by total samples (anywhere in the stack):"
    )
    ours = [(f, n) for f, n in total.most_common() if "sosai_" in f]
    for f, n in ours[: args.top]:
        print(f"  {100 * n / samples:5.1f} %  {f}")
    print("\nsamples by package of the innermost known frame:")
    for p, n in packages.most_common():
        print(f"  {100 * n / samples:5.1f} %  {p}")


if __name__ == "__main__":
    main()
