"""Alembic environment of the certification service: its own metadata, its own history."""

import sosai_certification.claims.models  # noqa: F401  (its table joins Base.metadata)
from sosai_certification.models import Base
from sosai_shared.migrations import run_env

run_env(Base.metadata)
