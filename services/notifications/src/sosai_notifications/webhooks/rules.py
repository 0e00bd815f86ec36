"""Pure rules of webhook delivery: retry schedule, what ends a delivery, which URLs are allowed.

Tested without I/O. The backoff is exponential with full jitter (AWS's "full jitter":
``uniform(0, min(cap, base * 2**n))``), floored at half the step so that a receiver is
never hammered, and the delivery is given up when its next attempt would fall outside
the retry window (about three days after the event arrived).
"""

from __future__ import annotations

import ipaddress
import random
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sosai_shared.errors import Unprocessable


def next_delay(attempts: int, *, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds to wait after the ``attempts``-th failed attempt (1-based)."""
    step: float = min(cap, base * 2 ** max(attempts - 1, 0))
    r: float = (rng or random).random()
    return step / 2 + r * step / 2


def give_up(created_at: datetime, next_at: datetime, window_seconds: float) -> bool:
    return next_at - created_at > timedelta(seconds=window_seconds)


def outcome(status_code: int | None) -> str:
    """2xx succeeded; 410 Gone disables the subscription; anything else is retried."""
    if status_code is None:
        return "error"
    if 200 <= status_code < 300:
        return "succeeded"
    if status_code == 410:
        return "gone"
    return "failed"


def check_url(url: str, *, allow_private: bool) -> tuple[str, int]:
    """Shape of a subscription URL (HTTPS outside development); returns (host, port)."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise Unprocessable("The URL must be an absolute http(s) URL.", type="invalid-url")
    if parts.scheme != "https" and not allow_private:
        raise Unprocessable("Webhook URLs must use HTTPS.", type="invalid-url")
    if parts.username or parts.password:
        raise Unprocessable("Webhook URLs may not carry credentials.", type="invalid-url")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname, port


def forbidden_address(address: str) -> bool:
    """Loopback, link-local, private, shared, multicast, reserved or unspecified (SSRF targets)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return bool(
        ip.is_loopback
        or ip.is_link_local
        or ip.is_private
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10"))
    )
