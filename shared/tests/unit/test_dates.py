"""Query dates are written as the OpenAPI says; a number is not a date (pydantic's lax mode thinks so)."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import TypeAdapter, ValidationError

from sosai_shared.dates import IsoDate, IsoDateTime


@pytest.mark.parametrize("value", ["0", 0, "0.5", "20101101", "2010-11-01T00:00:00", "tomorrow"])
def test_a_date_must_be_written_yyyy_mm_dd(value: object) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(IsoDate).validate_python(value)


def test_an_iso_date_is_read() -> None:
    assert TypeAdapter(IsoDate).validate_python("2010-11-01") == date(2010, 11, 1)


@pytest.mark.parametrize("value", ["0.5", "0", "2010-11-01", "2010-11-01T10:00:00", 0, 0.5, 1288573200])
def test_a_date_time_must_be_written_with_its_offset(value: object) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(IsoDateTime).validate_python(value)


def test_an_iso_date_time_is_read() -> None:
    moment = TypeAdapter(IsoDateTime).validate_python("2010-11-01T10:00:00+09:00")
    assert moment.utcoffset() is not None and moment.hour == 10
