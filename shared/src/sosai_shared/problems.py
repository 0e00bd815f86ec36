"""The problem responses a route documents in OpenAPI: one spelling for every service.

Why: clients generate code from ``/openapi.json``, so each operation should list the
statuses it can answer with and the problem ``type``s behind them. Routes write
``responses=problem_responses(404, 409, types={404: "application-not-found"})``;
401 and 403 are included for routes with security (:data:`AUTH`). The platform adds the
statuses every operation can return (``sosai_shared.errors.document_problems``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict


class Problem(BaseModel):
    """RFC 9457 problem details (extra members such as ``errors`` or ``failed`` may follow)."""

    model_config = ConfigDict(extra="allow")
    type: str
    title: str
    status: int
    detail: str | None = None
    request_id: str | None = None


#: What each status means on this platform, unless a route says more.
DESCRIPTIONS: dict[int, str] = {
    400: "malformed request body",
    401: "missing, expired or invalid bearer token",
    403: "the token lacks the scope, or the caller may not decide on this record",
    404: "no such record, or it belongs to another organisation",
    409: "illegal transition or a rule not met (see the problem type)",
    413: "request body too large",
    415: "the body is not of a media type the operation takes",
    422: "the request does not match the schema, or a rule refused it (see the problem type)",
    503: "a dependency (the database) is unavailable; retry shortly",
}

Responses = dict[int | str, dict[str, Any]]


def problem_responses(*statuses: int, types: Mapping[int, str] | None = None) -> Responses:
    """The ``responses=`` of a route: each status with the problem model and a description
    (``types[status]`` names the problem types a client can expect, when given)."""
    types = types or {}
    out: Responses = {}
    for status in sorted({*statuses, *types}):
        described = DESCRIPTIONS.get(status, "error")
        response: dict[str, Any] = {"model": Problem}
        if status in types:
            described = f"{described}: {types[status]}"
            # sosai_shared.apidocs turns these into one problem+json example per type
            response["x-problem-types"] = [t.strip() for t in types[status].split(",") if t.strip()]
        # the media type (application/problem+json) is set for every 4xx/5xx by document_problems
        out[status] = {**response, "description": described}
    return out


#: Routes with security: who the caller is, and what it may do.
AUTH = problem_responses(401, 403)
