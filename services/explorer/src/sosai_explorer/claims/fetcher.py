"""The claim fetcher: a background task that copies signed claims and issuers' keys into the store.

Pages never call the registry or certification; this task does, on its own clock. Each round it
asks the read model which retirements and certificates have no stored claim yet (or a failed one
whose retry time has come, or a certificate revoked since its claim was fetched), fetches their
claim documents, and refreshes each issuer's published keys when they are missing, old, or when a
new claim names a key id they lack (a rotation). An issuer that is down only delays the next
round: every failure is recorded on its row with a growing retry delay, and pages keep rendering
from what is stored. The documents are stored as served; they are verified when shown.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sosai_explorer.claims import repository as repo
from sosai_explorer.claims.rules import key_id
from sosai_explorer.config import Settings
from sosai_explorer.models import ClaimDocument, IssuerKeys
from sosai_shared.outbound import tls_context

log = logging.getLogger(__name__)
MAX_RETRY = timedelta(hours=1)


@dataclass(frozen=True)
class Source:
    issuer: str
    kind: str
    base_url: str
    path: str
    due: Callable[[AsyncSession, datetime, int], Awaitable[list[str]]]


def sources(settings: Settings) -> list[Source]:
    out = []
    if settings.registry_url:
        out.append(
            Source(
                "registry",
                "retirement",
                settings.registry_url,
                "/v1/public/retirements/{}/claim",
                repo.due_retirements,
            )
        )
    if settings.certification_url:
        out.append(
            Source(
                "certification",
                "certificate",
                settings.certification_url,
                "/v1/public/claims/{}",
                repo.due_certificates,
            )
        )
    return out


class ClaimFetcher:
    def __init__(
        self,
        settings: Settings,
        sessionmaker: async_sessionmaker[AsyncSession],
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.sessionmaker = sessionmaker
        self.transport = transport
        self.sources = sources(settings)
        self._task: asyncio.Task[None] | None = None

    def start(self, stopping: asyncio.Event) -> None:
        if self.sources:
            self._task = asyncio.create_task(self._loop(stopping))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _loop(self, stopping: asyncio.Event) -> None:
        while not stopping.is_set():
            try:
                await self.run_once()
            except Exception:  # a bad round must not end the task: the next one retries
                log.exception("claim fetch round failed")
            try:
                await asyncio.wait_for(stopping.wait(), self.settings.claim_fetch_seconds)
            except TimeoutError:
                pass

    async def run_once(self) -> int:
        """One round over every configured issuer; the number of claims stored."""
        stored = 0
        for source in self.sources:
            async with httpx.AsyncClient(
                base_url=source.base_url.rstrip("/"),
                transport=self.transport,
                timeout=self.settings.http_timeout_seconds,
                verify=tls_context(),  # a context of its own per round loaded the CA bundle each time
            ) as client:
                stored += await self._round(source, client)
        return stored

    async def _round(self, source: Source, client: httpx.AsyncClient) -> int:
        now = datetime.now(UTC)
        async with self.sessionmaker() as session:
            refs = await source.due(session, now, self.settings.claim_fetch_batch)
            keys = await repo.issuer_keys(session, source.issuer)
        stored, kids = 0, set()
        for ref in refs:
            doc, error = await _get(client, source.path.format(ref))
            await self._record(source, ref, doc, error)
            if doc is not None:
                stored += 1
                kids.add(key_id(str(doc.get("jws", ""))))
        known = {k.get("kid") for k in keys.jwks.get("keys", [])} if keys else set()
        old = keys is None or now - keys.fetched_at > timedelta(seconds=self.settings.keys_refresh_seconds)
        if old or not kids <= known:
            jwks, error = await _get(client, "/.well-known/jwks.json")
            if jwks is not None and isinstance(jwks.get("keys"), list):
                await self._record_keys(source, jwks)
            else:
                log.warning("keys of %s not fetched: %s", source.issuer, error)
        return stored

    async def _record(self, source: Source, ref: str, doc: dict[str, Any] | None, error: str | None) -> None:
        now = datetime.now(UTC)
        async with self.sessionmaker() as session:
            row = await repo.claim(session, source.kind, ref)
            if row is None:
                row = ClaimDocument(
                    kind=source.kind,
                    ref=ref,
                    issuer=source.issuer,
                    url=source.base_url.rstrip("/") + source.path.format(ref),
                )
                session.add(row)
            if doc is not None and isinstance(doc.get("jws"), str):
                row.document, row.fetched_at = doc, now
                row.attempts, row.last_error, row.next_attempt_at = 0, None, None
            else:
                # a failed refetch keeps the document already stored
                row.attempts += 1
                row.last_error = (error or "not a claim document")[:2000]
                delay = timedelta(seconds=self.settings.claim_retry_seconds) * 2 ** min(row.attempts - 1, 10)
                row.next_attempt_at = now + min(delay, MAX_RETRY)
            await session.commit()

    async def _record_keys(self, source: Source, jwks: dict[str, Any]) -> None:
        async with self.sessionmaker() as session:
            row = await repo.issuer_keys(session, source.issuer)
            if row is None:
                row = IssuerKeys(issuer=source.issuer, url="", fetched_at=datetime.now(UTC))
                session.add(row)
            row.url = source.base_url.rstrip("/") + "/.well-known/jwks.json"
            row.jwks, row.fetched_at = jwks, datetime.now(UTC)
            await session.commit()


async def _get(client: httpx.AsyncClient, path: str) -> tuple[dict[str, Any] | None, str | None]:
    try:
        r = await client.get(path)
        r.raise_for_status()
        body = r.json()
    except (httpx.HTTPError, ValueError) as exc:
        return None, f"{type(exc).__name__}: {exc}"
    return (body, None) if isinstance(body, dict) else (None, "not a JSON object")
