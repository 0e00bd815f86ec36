"""Stored footprints: versions, recalculation, offset plans, coverage by retired credits, statistics."""
