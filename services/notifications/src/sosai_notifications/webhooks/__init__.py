"""Webhook subscriptions, the durable delivery queue and the worker that signs and sends it."""
