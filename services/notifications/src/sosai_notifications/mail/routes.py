"""HTTP API of e-mail: the organisation's contact, and the development mailbox."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter

from sosai_notifications.deps import AppSettings, Reader, Writer
from sosai_notifications.mail import service, sink
from sosai_notifications.mail.schemas import AttachmentOut, ContactIn, ContactOut, MailboxItem
from sosai_shared.auth import public
from sosai_shared.errors import NotFound
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1", tags=["e-mail"])


@router.put("/notifications/contact", summary="Where the organisation's e-mail goes, and in which language")
async def put_contact(body: ContactIn, uow: UoW, principal: Writer) -> ContactOut:
    c = await service.set_contact(uow.session, principal, body.email, body.language)
    return ContactOut.model_validate(c, from_attributes=True)


@router.get(
    "/notifications/contact",
    summary="The organisation's contact",
    responses={**AUTH, **problem_responses(404, types={404: "contact-not-found"})},
)
async def get_contact(uow: UoW, principal: Reader) -> ContactOut:
    c = await service.contact_for(uow.session, principal.org)
    return ContactOut.model_validate(c, from_attributes=True)


@router.get(
    "/dev/mailbox",
    dependencies=[public],
    summary="Messages the local SMTP sink received (development only)",
    responses=problem_responses(404),
)
async def dev_mailbox(settings: AppSettings) -> list[MailboxItem]:
    if settings.environment != "development":
        raise NotFound("The development mailbox exists only in development.", type="not-found")
    items = []
    for msg in sink.messages(Path(settings.mailbox_dir) if settings.mailbox_dir else sink.default_maildir()):
        body = msg.get_body(preferencelist=("plain",))
        items.append(
            MailboxItem(
                message_id=msg["Message-ID"],
                to=msg["To"],
                subject=msg["Subject"],
                date=msg["Date"],
                body=body.get_content() if body is not None else "",
                attachments=[
                    AttachmentOut(
                        filename=a.get_filename(),
                        content_type=a.get_content_type(),
                        content=a.get_payload(decode=True).decode("utf-8", "replace"),  # type: ignore[union-attr]
                    )
                    for a in msg.iter_attachments()
                ],
            )
        )
    return items
