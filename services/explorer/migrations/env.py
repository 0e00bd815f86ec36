"""Alembic environment of the explorer: its own metadata (the read model), its own history."""

from sosai_explorer.models import Base
from sosai_shared.migrations import run_env

run_env(Base.metadata)
