"""events-catalog service."""
