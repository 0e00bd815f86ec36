"""Dependency aliases of the events catalog: who may do what."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from sosai_events_catalog.config import Settings
from sosai_shared.app import Runtime
from sosai_shared.auth import Principal, require

ORGANISE = "catalog:organise"
REGISTER = "catalog:register"

#: Programme staff and organisers: programmes, sessions, attendee lists, attendance, cancellations.
Organiser = Annotated[Principal, Depends(require(ORGANISE))]
#: A person or company registering itself; organisers may register people too (walk-ins, history).
Registrant = Annotated[Principal, Depends(require(REGISTER, ORGANISE, any_of=True))]


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def settings_of(runtime: Runtime) -> Settings:
    assert isinstance(runtime.settings, Settings)
    return runtime.settings
