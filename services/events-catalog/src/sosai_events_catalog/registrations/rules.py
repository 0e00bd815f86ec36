"""Pure rules of capacity and the waiting list, tested without a database.

``confirmed`` counts places taken (confirmed + attended). Nobody overtakes the waiting list:
a newcomer gets a place only if a place is free *and* nobody is waiting; a freed place (a
cancellation, more capacity) goes at once to the lowest ticket (automatic promotion, no offer
to accept); a cancelled session promotes nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sosai_events_catalog.sessions.schemas import SessionStatus
from sosai_shared.errors import Conflict

Admission = Literal["confirmed", "waitlisted"]


@dataclass
class Places:
    """The capacity counters of one session, as stored on its (locked) row."""

    capacity: int
    confirmed: int
    waitlisted: int
    waitlist_seq: int = 0
    cancelled: bool = False

    def admit(self) -> tuple[Admission, int | None]:
        """A new registration: confirmed, or waitlisted with the next ticket."""
        if self.confirmed < self.capacity and self.waitlisted == 0:
            self.confirmed += 1
            return "confirmed", None
        self.waitlist_seq += 1
        self.waitlisted += 1
        return "waitlisted", self.waitlist_seq

    def leave(self, state: str) -> None:
        """A registration cancelled from ``state`` frees its place or its ticket."""
        if state == "confirmed":
            self.confirmed -= 1
        else:
            self.waitlisted -= 1

    def promotions(self) -> int:
        """How many of the waiting list move up now (they are then counted as confirmed)."""
        if self.cancelled:
            return 0
        n = max(0, min(self.capacity - self.confirmed, self.waitlisted))
        self.confirmed += n
        self.waitlisted -= n
        return n


def check_open(status: SessionStatus, *, organiser: bool) -> None:
    """Registrants register while registration is open (or the session full: the waiting list);
    organisers also register walk-ins and record past sessions' attendees."""
    if status == "cancelled":
        raise Conflict("The session is cancelled.", type="session-cancelled")
    if organiser:
        return
    if status == "scheduled":
        raise Conflict("Registration for this session is not open yet.", type="registration-not-open")
    if status in ("closed", "held"):
        raise Conflict("Registration for this session is closed.", type="registration-closed")


def check_cancellable(state: str) -> None:
    if state == "cancelled":
        raise Conflict("The registration is already cancelled; nothing was freed.", type="already-cancelled")
    if state == "attended":
        raise Conflict("An attended registration cannot be cancelled.", type="already-attended")


def check_attendable(state: str, *, session_cancelled: bool, started: bool) -> None:
    if session_cancelled:
        raise Conflict("The session is cancelled.", type="session-cancelled")
    if not started:
        raise Conflict("Attendance can be marked once the session has started.", type="session-not-started")
    if state == "attended":
        raise Conflict("Attendance is already recorded.", type="already-attended")
    if state != "confirmed":
        raise Conflict(
            f"Only confirmed registrations can attend (this one is {state}).", type="not-confirmed"
        )
