"""Registrations for sessions: capacity, the waiting list and its automatic promotion, attendance."""
