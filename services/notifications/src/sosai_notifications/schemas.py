"""Models shared by every part of the API: the problem document."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class ProblemOut(BaseModel):
    """RFC 9457 problem details (extra members such as ``errors`` may follow)."""

    model_config = ConfigDict(extra="allow")
    type: str
    title: str
    status: int
    detail: str | None = None


_DESCRIPTIONS = {
    401: "missing or invalid bearer token",
    403: "insufficient scope",
    404: "no such record, or it belongs to another organisation",
    409: "the record is not in a state that allows this",
    422: "invalid request (see the problem type and errors)",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ProblemOut, "description": _DESCRIPTIONS[code]} for code in codes}
