"""Bearer-JWT authentication and scope checks, deny by default.

The names below load on first use (PEP 562): ``sosai_shared.auth.keys`` is imported by the process
supervisor of ``make run``, which must not pay for FastAPI and SQLAlchemy (pulled in by ``jwt``)
before it starts the services.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sosai_shared.auth.jwt import Principal, TokenVerifier, guard_routes, public, require
    from sosai_shared.auth.keys import mint_token

__all__ = ["Principal", "TokenVerifier", "guard_routes", "mint_token", "public", "require"]

_HOME = {name: "sosai_shared.auth.jwt" for name in __all__} | {"mint_token": "sosai_shared.auth.keys"}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOME[name]), name)
