"""Dependency aliases: who may call what (scopes) and the runtime's parts."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from sosai_notifications.config import Settings
from sosai_notifications.webhooks.secrets import SecretBox
from sosai_shared.auth import Principal, require

WRITE = "notifications:write"
READ = "notifications:read"

Writer = Annotated[Principal, Depends(require(WRITE))]
Reader = Annotated[Principal, Depends(require(READ, WRITE, any_of=True))]


def _settings(request: Request) -> Settings:
    settings = request.app.state.runtime.settings
    assert isinstance(settings, Settings)
    return settings


def _box(request: Request) -> SecretBox:
    box = request.app.state.runtime.extras["secret_box"]
    assert isinstance(box, SecretBox)
    return box


AppSettings = Annotated[Settings, Depends(_settings)]
Box = Annotated[SecretBox, Depends(_box)]
