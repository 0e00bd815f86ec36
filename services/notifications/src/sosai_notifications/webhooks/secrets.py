"""Signing secrets: made in the Standard Webhooks format, kept encrypted at rest (Fernet).

The key comes from the environment (``NOTIFICATIONS_SECRETS_KEY``), so a database dump
alone does not reveal any secret; a development default exists and production refuses it.
"""

from __future__ import annotations

import base64
import secrets

from cryptography.fernet import Fernet


class SecretBox:
    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode())

    def seal(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode()).decode()

    def open(self, token: str) -> str:
        return self._fernet.decrypt(token.encode()).decode()


def new_secret() -> str:
    """``whsec_`` + base64 of 32 random bytes, as the Standard Webhooks libraries expect."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
