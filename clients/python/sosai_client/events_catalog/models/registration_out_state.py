from enum import Enum


class RegistrationOutState(str, Enum):
    ATTENDED = "attended"
    CANCELLED = "cancelled"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"

    def __str__(self) -> str:
        return str(self.value)
