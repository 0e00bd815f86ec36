"""Composition root of the notifications service: ``uvicorn sosai_notifications.main:create_app --factory``."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI

from sosai_notifications import models
from sosai_notifications.config import Settings
from sosai_notifications.handlers import handlers
from sosai_notifications.mail import sink
from sosai_notifications.mail.sender import MailSender
from sosai_notifications.routes import routers
from sosai_notifications.webhooks.secrets import SecretBox
from sosai_notifications.webhooks.worker import DeliveryWorker
from sosai_shared.app import Runtime, create_service_app
from sosai_shared.events.consumer import EventConsumer

log = logging.getLogger("sosai.notifications")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    box = SecretBox(settings.secrets_key)

    def consumers(rt: Runtime) -> list[EventConsumer]:
        def wake() -> None:
            worker = rt.extras.get("delivery_worker")
            if worker is not None:
                worker.notify()

        return [EventConsumer(rt.settings, rt.db, "events", handlers(wake), group_id=settings.consumer_group)]

    async def start(rt: Runtime) -> None:
        rt.extras["secret_box"] = box
        if settings.run_smtp_sink:
            folder = Path(settings.mailbox_dir) if settings.mailbox_dir else sink.default_maildir()
            try:
                rt.extras["smtp_sink"], _ = await sink.start(folder, settings.smtp_host, settings.smtp_port)
            except OSError as exc:  # another process (a second `make run`) already has a sink there
                log.warning("SMTP sink not started on port %s: %r", settings.smtp_port, exc)
        if settings.run_workers:
            worker, sender = DeliveryWorker(settings, rt.db, box), MailSender(settings, rt.db)
            rt.extras["delivery_worker"], rt.extras["mail_sender"] = worker, sender
            worker.start()
            sender.start()

    async def stop(rt: Runtime) -> None:
        for name in ("delivery_worker", "mail_sender"):
            part = rt.extras.get(name)
            if part is not None:
                await part.stop()
        server = rt.extras.get("smtp_sink")
        if server is not None:
            server.close()
            await server.wait_closed()

    return create_service_app(
        settings,
        title="Sōsai notifications",
        description=(
            "Tells the outside world what happened: signed webhooks (CloudEvents, Standard Webhooks) per "
            "organisation, e-mail, a public change feed, and the AsyncAPI document of every event."
        ),
        package="sosai_notifications",
        metadata=models.Base.metadata,
        routers=routers,
        consumers=consumers,
        on_startup=start,
        on_shutdown=stop,
    )
