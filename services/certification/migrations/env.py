"""Alembic environment of the certification service: its own metadata, its own history."""

from sosai_certification.models import Base
from sosai_shared.migrations import run_env

run_env(Base.metadata)
