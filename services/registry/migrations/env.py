"""Alembic environment of the registry service: its own metadata, its own history."""

from sosai_registry.models import Base
from sosai_shared.migrations import run_env

run_env(Base.metadata)
