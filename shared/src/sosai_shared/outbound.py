"""Outbound HTTP between services: the TLS context every httpx client of a process shares.

httpx builds a fresh SSL context, loading the whole CA bundle, for every client created with the
default ``verify=True``: on the two-core benchmark machine that cost 1.5 s of CPU per client under
load (4 ms with a context built once), and the catalog creates a client for every carbon card it
renders. The context is httpx's own default (same trust, same environment variables), built once.
"""

from __future__ import annotations

import ssl
from functools import cache

import httpx


@cache
def tls_context() -> ssl.SSLContext:
    """The process's one client TLS context (pass as ``verify=`` to httpx clients)."""
    return httpx.create_ssl_context()
