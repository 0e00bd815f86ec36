from enum import Enum


class EventFootprintInOffsetTypeType0(str, Enum):
    CLOSED_SPECIFIC_PARTIES = "closed_specific_parties"
    MEETING_EVENT = "meeting_event"
    OWN_ACTIVITY = "own_activity"
    OWN_ACTIVITY_SUPPORT = "own_activity_support"
    PRODUCT_SERVICE = "product_service"

    def __str__(self) -> str:
        return str(self.value)
