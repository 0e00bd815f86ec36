"""content pages of the explorer."""
