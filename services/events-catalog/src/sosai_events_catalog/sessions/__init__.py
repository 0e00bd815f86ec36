"""Dated sessions of a programme, their venues, status and iCalendar feeds."""
