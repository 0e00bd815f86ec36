"""Alembic environment of the events-catalog service: its own metadata, its own history."""

import sosai_events_catalog.certificates.models  # noqa: F401  (its table joins Base.metadata)
from sosai_events_catalog.models import Base
from sosai_shared.migrations import run_env

run_env(Base.metadata)
