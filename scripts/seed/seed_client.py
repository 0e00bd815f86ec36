"""How `make seed` talks to the services: through the generated client (clients/python, `make client`),
so every seed exercises the SDK an integrator uses.

Each service gets one keep-alive connection pool, shared by one ``AuthenticatedClient`` per caller
(the generated clients carry one token each). Every call is retried while that is safe: transport
errors (a few times, with backoff), 429 (as long as ``Retry-After`` says), 503 and a 409
``idempotency-in-flight``; every creating POST carries an ``Idempotency-Key``, so a retry happens
at most once on the server.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, Protocol, TypeVar

import httpx

from sosai_shared.auth.keys import audiences_for, mint_token

KEY = "seed-fy2010"
#: who calls: (organisation, subject, scopes)
Actor = tuple[str, str, tuple[str, ...]]
M = TypeVar("M")


class SeedError(RuntimeError):
    pass


class Answer(Protocol):
    """What the generated client's ``Response`` and an ``httpx.Response`` both have."""

    status_code: int
    content: bytes

    @property
    def headers(self) -> Mapping[str, str]: ...


def model(cls: type[M], body: dict[str, Any]) -> M:
    """The generated request model for ``body``, checked to send exactly ``body`` again: the seed's
    requests must stay what they were, or a re-run would reuse an idempotency key for another body."""
    made = cls.from_dict(body)  # type: ignore[attr-defined]
    sent = made.to_dict()
    if sent != body:
        raise SeedError(f"{cls.__name__} would send {sent}, not {body}")
    return made


def retryable(status: int, problem: Any) -> bool:
    """The same key still in flight (a retry overtook its first try), or a database briefly busy:
    both are safe to retry because the key makes the request happen at most once. A problem's
    ``type`` is a URI (``https://sosai.jp/problems/idempotency-in-flight``): compare its last segment."""
    if status == 503:
        return True
    kind = problem.get("type", "") if isinstance(problem, dict) else ""
    return status == 409 and isinstance(kind, str) and kind.rsplit("/", 1)[-1] == "idempotency-in-flight"


class Api:
    """One service through its generated subpackage (``sosai_client.registry``…)."""

    def __init__(self, base_url: str, package: ModuleType) -> None:
        self.base_url = base_url.rstrip("/")
        self.package = package
        self.transport = httpx.HTTPTransport(
            limits=httpx.Limits(max_connections=16, max_keepalive_connections=16)
        )
        self.public = self._client(package.Client)
        self._tokens: dict[Actor, tuple[str, float]] = {}
        self._clients: dict[str, Any] = {}
        self._lock = threading.Lock()

    def _client(self, cls: Any, **kw: Any) -> Any:
        client = cls(
            base_url=self.base_url, timeout=httpx.Timeout(60), httpx_args={"transport": self.transport}, **kw
        )
        client.get_httpx_client()  # made now, under the caller's lock, not lazily by two threads at once
        return client

    def client(self, actor: Actor) -> Any:
        """The caller's ``AuthenticatedClient``, with a token minted for it (renewed before it expires)."""
        with self._lock:
            tok, exp = self._tokens.get(actor, ("", 0.0))
            if time.monotonic() > exp:
                org, sub, scopes = actor
                tok = mint_token(
                    org=org, sub=sub, scopes=scopes, ttl_seconds=3600, audience=audiences_for(scopes)
                )
                self._tokens[actor] = (tok, time.monotonic() + 3000)
            if tok not in self._clients:
                self._clients[tok] = self._client(self.package.AuthenticatedClient, token=tok)
            return self._clients[tok]

    def post(self, op: ModuleType, actor: Actor, key: str, body: Any = None, **path: Any) -> Any:
        """A creating POST through the generated operation ``op``, with ``seed-fy2010/<key>`` as its key."""
        kwargs: dict[str, Any] = {**path, "idempotency_key": f"{KEY}/{key}"}
        if body is not None:
            kwargs["body"] = body
        return self.call(op, actor, **kwargs)

    def get(self, op: ModuleType, actor: Actor | None = None, **params: Any) -> Any:
        return self.call(op, actor, **params)

    def get_path(self, path: str) -> Any:
        """A document no operation describes (``/openapi.json``), on the same pool."""
        http = self.public.get_httpx_client()
        return self._retrying(lambda: http.get(path), lambda: f"GET {self.base_url}{path}")

    def call(self, op: ModuleType, actor: Actor | None, **kwargs: Any) -> Any:
        client = self.public if actor is None else self.client(actor)

        def where() -> str:
            request = op._get_kwargs(**kwargs)
            return f"{request['method'].upper()} {self.base_url}{request['url']}"

        return self._retrying(lambda: op.sync_detailed(client=client, **kwargs), where)

    def _retrying(self, send: Callable[[], Answer], where: Callable[[], str]) -> Any:
        for attempt in range(60):
            try:
                r = send()
            except httpx.TransportError as exc:
                if attempt >= 5:
                    raise SeedError(f"{where()}: {exc!r}") from exc
                time.sleep(0.5 * (attempt + 1))
                continue
            if r.status_code < 300:
                return json.loads(r.content)
            if r.status_code == 429:  # over the service's rate limit: wait as long as it asks
                time.sleep(min(float(r.headers.get("retry-after", "1")), 60.0))
                continue
            problem = json.loads(r.content) if r.headers.get("content-type", "").endswith("json") else {}
            if retryable(r.status_code, problem):
                time.sleep(0.5)
                continue
            text = r.content.decode("utf-8", "replace")
            raise SeedError(f"{where()} → {r.status_code}: {text[:800]}")
        raise SeedError(f"{where()}: still in flight after retries")

    def close(self) -> None:
        self.transport.close()
