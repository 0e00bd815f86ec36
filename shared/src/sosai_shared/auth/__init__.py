"""Bearer-JWT authentication and scope checks, deny by default."""

from sosai_shared.auth.jwt import (
    Principal,
    TokenVerifier,
    guard_routes,
    mint_token,
    public,
    require,
)

__all__ = ["Principal", "TokenVerifier", "guard_routes", "mint_token", "public", "require"]
