"""Fixtures of the platform tests: the toy service (defined with it in toyapp)."""

from toyapp import toy

__all__ = ["toy"]
