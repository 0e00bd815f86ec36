"""Dependency aliases of the calculator's routes: who may call what."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from sosai_shared.auth import Principal, require

Writer = Annotated[Principal, Depends(require("calculator:write"))]
Reader = Annotated[Principal, Depends(require("calculator:read", "calculator:write", any_of=True))]
Admin = Annotated[Principal, Depends(require("calculator:admin"))]
Estimator = Annotated[Principal, Depends(require("calculator:estimate"))]


def event_source(request: Request) -> str:
    return str(request.app.state.runtime.source)


Source = Annotated[str, Depends(event_source)]
