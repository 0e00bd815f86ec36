"""``Annotated`` dependency aliases of the registry's routes, and the rule context built from a request."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from sosai_registry.api_keys.rules import KEYS_SCOPE
from sosai_registry.context import ADMIN, Ctx
from sosai_shared.auth import Principal, require
from sosai_shared.uow import UnitOfWork

#: programme staff: methodologies, projects, certification, issuance, cancellation, buffer, accounts
Admin = Annotated[Principal, Depends(require(ADMIN))]
#: an organisation acting on its own records
Writer = Annotated[Principal, Depends(require("registry:write", ADMIN, any_of=True))]
#: an organisation reading its own records
Reader = Annotated[Principal, Depends(require("registry:read", "registry:write", ADMIN, any_of=True))]

#: an organisation's admin: creates, lists and revokes the organisation's API keys
KeyAdmin = Annotated[Principal, Depends(require(KEYS_SCOPE))]


def ctx_of(uow: UnitOfWork, principal: Principal | None, request: Request) -> Ctx:
    rt = request.app.state.runtime
    return Ctx(uow.session, principal, str(rt.source), rt.settings.forest_buffer_share)
