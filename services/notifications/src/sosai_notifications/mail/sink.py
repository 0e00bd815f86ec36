"""A local SMTP sink for development and tests (aiosmtpd): every message lands in a Maildir.

``make run`` starts it (``python -m sosai_notifications.mail.sink``); the notifications
service lists what it received at ``GET /v1/dev/mailbox`` in development only.
"""

from __future__ import annotations

import asyncio
import mailbox
import os
import socket
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope

from sosai_shared.settings import repo_var_dir


def default_maildir() -> Path:
    return repo_var_dir() / "mailbox"


class MaildirHandler:
    def __init__(self, path: Path) -> None:
        self.box = mailbox.Maildir(str(path), create=True)

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        content = envelope.content if isinstance(envelope.content, bytes) else str(envelope.content).encode()
        self.box.add(content)
        return "250 Message accepted for delivery"


async def start(path: Path, host: str = "127.0.0.1", port: int = 0) -> tuple[asyncio.Server, int]:
    """Serve SMTP on ``host:port`` (0: any free port); returns the server and its port."""
    handler = MaildirHandler(path)
    sock = socket.create_server((host, port))
    server = await asyncio.get_running_loop().create_server(lambda: SMTP(handler), sock=sock)
    return server, int(sock.getsockname()[1])


def messages(path: Path) -> list[EmailMessage]:
    """Received messages, oldest first."""
    if not path.exists():
        return []
    box = mailbox.Maildir(str(path), create=False)
    # Maildir keys start with the delivery time, so their order is the arrival order
    return [message_from_bytes(box.get_bytes(k), policy=policy.default) for k in sorted(box.keys())]


def main() -> None:
    port = int(os.environ.get("NOTIFICATIONS_SMTP_PORT", "8025"))

    async def run() -> None:
        server, bound = await start(default_maildir(), port=port)
        print(f"SMTP sink on 127.0.0.1:{bound}, mailbox {default_maildir()}", flush=True)
        async with server:
            await server.serve_forever()

    asyncio.run(run())


if __name__ == "__main__":
    main()
