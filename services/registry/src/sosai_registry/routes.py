"""HTTP API of the registry service under /v1."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/v1")
