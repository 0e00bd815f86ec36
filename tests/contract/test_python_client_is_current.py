"""The generated Python client (clients/python) is what `make client` makes from today's services.

A change to a route, a schema or the shared OpenAPI post-processing changes a service's document,
and so the client; this test regenerates both into a temporary directory with the same script and
compares them with the committed files byte for byte.
"""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "python"
GENERATED = ("openapi", "sosai_client/registry", "sosai_client/certification", "sosai_client/calculator")
GENERATED += ("sosai_client/events_catalog",)


def differences(left: Path, right: Path, here: str = "") -> list[str]:
    """Paths (relative) that are only on one side or differ in content, compared byte for byte."""
    cmp = filecmp.dircmp(left, right, ignore=["__pycache__", ".ruff_cache"])
    (_, mismatch, errors) = filecmp.cmpfiles(left, right, cmp.common_files, shallow=False)
    found = [f"{here}{name}" for name in [*cmp.left_only, *cmp.right_only, *mismatch, *errors]]
    for sub in cmp.common_dirs:
        found += differences(left / sub, right / sub, f"{here}{sub}/")
    return found


def test_the_generated_client_matches_the_services_openapi(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "client" / "generate.py"), "--out", str(tmp_path)],
        check=True,
        cwd=ROOT,
    )
    stale = []
    for part in GENERATED:
        assert (tmp_path / part).is_dir(), f"the generator made no {part}"
        stale += [f"{part}/{p}" for p in differences(CLIENT / part, tmp_path / part)]
    assert not stale, (
        f"clients/python is out of date with the services' OpenAPI ({len(stale)} files differ, e.g. "
        f"{sorted(stale)[:5]}): run make client and commit the result"
    )
