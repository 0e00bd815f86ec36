"""``Annotated`` dependency aliases of the registry's routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from sosai_shared.auth import Principal, require

#: programme staff: methodologies, projects, certification, issuance, cancellation, buffer, accounts
Admin = Annotated[Principal, Depends(require("registry:admin"))]
#: an organisation acting on its own records
Writer = Annotated[Principal, Depends(require("registry:write", "registry:admin", any_of=True))]
#: an organisation reading its own records
Reader = Annotated[
    Principal, Depends(require("registry:read", "registry:write", "registry:admin", any_of=True))
]
