"""opendata pages of the explorer."""
