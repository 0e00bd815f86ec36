"""Dependency aliases: who may call what (scopes) and the service's settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from sosai_certification.config import Settings
from sosai_shared.auth import Principal, require

APPLY = "certification:apply"
REVIEW = "certification:review"
ADMIN = "certification:admin"

Applicant = Annotated[Principal, Depends(require(APPLY))]
Reviewer = Annotated[Principal, Depends(require(REVIEW))]
Admin = Annotated[Principal, Depends(require(ADMIN))]
ReviewerOrAdmin = Annotated[Principal, Depends(require(REVIEW, ADMIN, any_of=True))]
AnyCaller = Annotated[Principal, Depends(require(APPLY, REVIEW, ADMIN, any_of=True))]


def _settings(request: Request) -> Settings:
    settings = request.app.state.runtime.settings
    assert isinstance(settings, Settings)
    return settings


AppSettings = Annotated[Settings, Depends(_settings)]
