"""certificates pages of the explorer."""
