"""explorer: the public, read-only site built from the other services' events."""
