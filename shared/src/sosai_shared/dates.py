"""Dates and date-times in query strings and request bodies, written the way the OpenAPI document says.

Pydantic's lax mode reads ``to_date=0`` or ``from=0.5`` as seconds since 1970; the documents say
``format: date`` / ``format: date-time``, so a number is refused with 422, the same on both tiers.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import AwareDatetime, BeforeValidator

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _iso_date(value: object) -> object:
    if not isinstance(value, date) and not (isinstance(value, str) and _ISO_DATE.match(value)):
        raise ValueError("expected an ISO 8601 date, e.g. 2010-11-01")
    return value


def _iso_date_time(value: object) -> object:
    # a number would be read as seconds since 1970: only text (or a datetime already) is a date-time
    if not isinstance(value, datetime) and not (isinstance(value, str) and _ISO_DATE_TIME.match(value)):
        raise ValueError("expected an ISO 8601 date-time, e.g. 2010-11-01T10:00:00+09:00")
    return value


#: a calendar date written ``YYYY-MM-DD``
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
#: a date-time with its offset, written ``YYYY-MM-DDTHH:MM…±HH:MM``
IsoDateTime = Annotated[AwareDatetime, BeforeValidator(_iso_date_time)]
