"""Alembic environment of the notifications service: its own metadata, its own history."""

from sosai_notifications.models import Base
from sosai_shared.migrations import run_env

run_env(Base.metadata)
