"""Stateless estimates: one activity, a batch, an event; and the line arithmetic footprints reuse."""
