"""The toy platform service, reused by the full-tier fault tests (the fixture lives in toyapp)."""

from toyapp import toy

__all__ = ["toy"]
