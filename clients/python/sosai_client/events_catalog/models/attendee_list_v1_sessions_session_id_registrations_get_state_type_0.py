from enum import Enum


class AttendeeListV1SessionsSessionIdRegistrationsGetStateType0(str, Enum):
    ATTENDED = "attended"
    CANCELLED = "cancelled"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"

    def __str__(self) -> str:
        return str(self.value)
