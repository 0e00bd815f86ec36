"""calculator service."""
