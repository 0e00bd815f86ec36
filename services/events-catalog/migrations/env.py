"""Alembic environment of the events-catalog service: its own metadata, its own history."""

from sosai_events_catalog.models import Base
from sosai_shared.migrations import run_env

run_env(Base.metadata)
