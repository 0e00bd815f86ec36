"""projects pages of the explorer."""
