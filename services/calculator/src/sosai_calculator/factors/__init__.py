"""Emission-factor sets: CSV parsing, versioned storage, and the rules that pick a factor."""
