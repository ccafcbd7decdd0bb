"""Date forms of the log and the days queries mean."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given

import karabakh_status as ks
from karabakh_status._dates import day_ordinal

from .strategies import any_objects, when_texts


@given(when_texts())
def test_window_contains_its_days(text: str) -> None:
    """Every date form parses into a window whose last day is its effect day."""
    w = ks.answers.parse_when(text)
    assert w.text == text
    assert w.earliest <= w.latest
    assert (w.earliest == w.latest) == (w.precision == "day")


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2020-11-10", "day", (2020, 11, 10), (2020, 11, 10)),
        ("2012-10", "month", (2012, 10, 1), (2012, 10, 31)),
        ("2016-02", "month", (2016, 2, 1), (2016, 2, 29)),
        ("2017", "year", (2017, 1, 1), (2017, 12, 31)),
        ("2020-12-17/2020-12-21", "range", (2020, 12, 17), (2020, 12, 21)),
        ("../2001-07-04", "on-or-before", (1988, 1, 1), (2001, 7, 4)),
    ],
)
def test_forms(text: str, precision: str, earliest: tuple[int, int, int], latest: tuple[int, int, int]) -> None:
    """Each form gives its precision and window."""
    w = ks.answers.parse_when(text)
    assert (w.precision, w.earliest, w.latest) == (
        precision,
        pendulum.Date(*earliest),
        pendulum.Date(*latest),
    )


@pytest.mark.parametrize(
    "text",
    ["1987-12-31", "2020-11-10/2020-11-10", "2020-11-10/2020-11-01", "2020-1-1", "../2020", "2020-13", ""],
)
def test_bad_forms(text: str) -> None:
    """Malformed, empty, reversed or pre-coverage dates are refused."""
    with pytest.raises(ValueError, match="expected"):
        ks.answers.parse_when(text)


def test_query_inputs_agree() -> None:
    """A date, a pendulum.Date, an ISO string and an aware datetime on that Baku day mean the same day."""
    expected = dt.date(2020, 11, 25).toordinal()
    assert day_ordinal(dt.date(2020, 11, 25)) == expected
    assert day_ordinal(pendulum.Date(2020, 11, 25)) == expected
    assert day_ordinal("2020-11-25") == expected
    # 21:00 UTC on the 24th is 01:00 on the 25th in Baku (UTC+4).
    assert day_ordinal(dt.datetime(2020, 11, 24, 21, 0, tzinfo=dt.UTC)) == expected
    assert day_ordinal(pendulum.datetime(2020, 11, 24, 19, 59, tz="UTC")) == expected - 1


@pytest.mark.parametrize(
    "bad",
    [
        "2020-11-25T00:00:00",
        "25 November 2020",
        "2020-02-30",
        "1987-12-31",
        dt.date(1987, 12, 31),
        dt.datetime(2020, 11, 25, 12, 0),  # naive  # noqa: DTZ001
        20201125,
        None,
        b"2020-11-25",
    ],
)
def test_invalid_days(bad: object) -> None:
    """Naive datetimes, other strings, other types and pre-coverage days raise InvalidDateError."""
    with pytest.raises(ks.InvalidDateError, match="expected"):
        day_ordinal(bad)


@given(any_objects)
def test_only_documented_errors(value: object) -> None:
    """Any object gives a day or InvalidDateError, nothing else."""
    try:
        day_ordinal(value)
    except ks.InvalidDateError:
        pass
