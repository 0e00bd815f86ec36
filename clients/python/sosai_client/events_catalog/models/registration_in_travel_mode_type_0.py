from enum import Enum


class RegistrationInTravelModeType0(str, Enum):
    AIR = "air"
    BUS = "bus"
    CAR = "car"
    RAIL = "rail"

    def __str__(self) -> str:
        return str(self.value)
