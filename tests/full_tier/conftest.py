"""Fixtures the full tier's restart tests share with tests/reliability."""

from webhook_restart_support import notifications_db, receiver  # noqa: F401
