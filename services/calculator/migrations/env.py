"""Alembic environment of the calculator service: its own metadata, its own history."""

from sosai_calculator.models import Base
from sosai_shared.migrations import run_env

run_env(Base.metadata)
