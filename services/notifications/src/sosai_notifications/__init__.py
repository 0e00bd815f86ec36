"""Sōsai notifications: tells the outside world what happened (signed webhooks, e-mail, a public feed)."""
