"""Alembic environment of the registry service: its own metadata, its own history."""

import sosai_registry.api_keys.models
import sosai_registry.audit_log.models  # noqa: F401  (its tables join Base.metadata)
from sosai_registry.models import Base
from sosai_shared.migrations import run_env

run_env(Base.metadata)
