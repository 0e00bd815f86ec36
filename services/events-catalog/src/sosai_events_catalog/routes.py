"""HTTP API of the events-catalog service under /v1."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/v1")
