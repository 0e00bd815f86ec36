"""A session's carbon: the footprint (asked of the calculator), retired credits, certificate, offset state."""
