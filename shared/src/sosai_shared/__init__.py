"""Sōsai shared platform package."""
