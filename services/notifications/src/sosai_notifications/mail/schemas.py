"""Request and response models of the e-mail API."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ContactIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")
    language: Literal["ja", "en"] = "ja"


class ContactOut(BaseModel):
    org: str
    email: str
    language: str
    updated_at: datetime


class AttachmentOut(BaseModel):
    filename: str | None
    content_type: str
    content: str


class MailboxItem(BaseModel):
    message_id: str | None
    to: str | None
    subject: str | None
    date: str | None
    body: str
    attachments: list[AttachmentOut]
