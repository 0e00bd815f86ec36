"""The SSRF rule outside development: a webhook URL must resolve only to public addresses."""

from __future__ import annotations

import asyncio

from sosai_notifications.webhooks import rules
from sosai_shared.errors import Unprocessable


async def ensure_public(url: str) -> None:
    host, port = rules.check_url(url, allow_private=False)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port)
    except OSError as exc:
        raise Unprocessable(f"The host {host} does not resolve.", type="invalid-url") from exc
    for info in infos:
        if rules.forbidden_address(str(info[4][0])):
            raise Unprocessable(
                f"The host {host} resolves to a loopback, link-local or private address.",
                type="forbidden-url",
            )
