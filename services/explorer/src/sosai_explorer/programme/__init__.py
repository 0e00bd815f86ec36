"""programme pages of the explorer."""
