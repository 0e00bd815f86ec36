"""Sends the mail outbox over SMTP (aiosmtplib), and queues the certificate reminders and the approvals digests."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import aiosmtplib

from sosai_notifications.approvals import service as approvals
from sosai_notifications.config import Settings
from sosai_notifications.mail import repository as repo
from sosai_notifications.mail import service
from sosai_notifications.metrics import MAILS_SENT
from sosai_notifications.models import Mail
from sosai_shared.db import Database, utcnow

log = logging.getLogger("sosai.notifications.mail")


def message(mail: Mail, sender: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, mail.to_address, mail.subject
    msg["Message-ID"] = f"<{mail.id}@sosai.local>"
    msg["Content-Language"] = mail.language
    msg.set_content(mail.body_text)
    for a in mail.attachments:
        maintype, _, subtype = a["content_type"].partition("/")
        msg.add_attachment(a["content"].encode(), maintype=maintype, subtype=subtype, filename=a["filename"])
    return msg


class MailSender:
    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings, self.db = settings, db
        self.wakeup = asyncio.Event()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        # the first digest one interval after start: a digest gathers what arrived during an interval
        self._next_digest = time.monotonic() + settings.approvals_digest_seconds

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="mail-sender")

    async def stop(self) -> None:
        self._stop.set()
        self.wakeup.set()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        while not self._stop.is_set():
            try:
                await self.remind()
                await self.digest_if_due()
                await self.send_pending()
            except Exception as exc:
                log.warning("mail tick failed: %r", exc)
            try:
                await asyncio.wait_for(
                    self.wakeup.wait(), timeout=max(self.settings.worker_poll_seconds, 1.0)
                )
            except TimeoutError:
                pass
            self.wakeup.clear()

    async def remind(self) -> int:
        today = datetime.now(ZoneInfo("Asia/Tokyo")).date()
        async with self.db.sessionmaker() as session, session.begin():
            return await service.remind_expiring(session, self.settings, today)

    async def digest_if_due(self) -> int:
        if time.monotonic() < self._next_digest:
            return 0
        self._next_digest = time.monotonic() + self.settings.approvals_digest_seconds
        return await self.digest()

    async def digest(self) -> int:
        """Queue the approvals digests now (one per organisation with news); the number queued."""
        async with self.db.sessionmaker() as session, session.begin():
            return await approvals.send_digests(session, utcnow())

    async def send_pending(self) -> int:
        async with self.db.sessionmaker() as session:
            pending = await repo.pending_mail(session, 50)
        sent = 0
        for mail in pending:
            error: str | None = None
            try:
                await aiosmtplib.send(
                    message(mail, self.settings.mail_from),
                    hostname=self.settings.smtp_host,
                    port=self.settings.smtp_port,
                    timeout=10,
                )
            except Exception as exc:  # relay away: the mail stays pending and is tried again
                error = f"{type(exc).__name__}: {exc}"[:1000]
            async with self.db.sessionmaker() as session, session.begin():
                row = await session.get(Mail, mail.id, with_for_update=True)
                if row is None:
                    continue
                row.attempts += 1
                if error is None:
                    row.status, row.sent_at, row.last_error = "sent", utcnow(), None
                    sent += 1
                else:
                    row.last_error = error
            if error is None:
                MAILS_SENT.labels(mail.kind).inc()
        return sent
