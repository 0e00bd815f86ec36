"""Tables the certification service owns (its own database; no other service reads them)."""

from __future__ import annotations

from sosai_shared.db import make_base

Base = make_base("Certification")
