"""Bearer-JWT authentication and scope checks, deny by default."""

from sosai_shared.auth.jwt import (
    Principal,
    TokenVerifier,
    guard_routes,
    public,
    require,
)
from sosai_shared.auth.keys import mint_token

__all__ = ["Principal", "TokenVerifier", "guard_routes", "mint_token", "public", "require"]
