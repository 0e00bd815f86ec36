from enum import Enum


class AccountActionV1AccountsAccountIdActionPostAction(str, Enum):
    CLOSE = "close"
    REOPEN = "reopen"
    SUSPEND = "suspend"

    def __str__(self) -> str:
        return str(self.value)
