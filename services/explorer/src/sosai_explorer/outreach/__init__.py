"""outreach pages of the explorer."""
