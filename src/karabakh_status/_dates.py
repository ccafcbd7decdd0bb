"""Dates: how exactly an event's day is known, and which day a query means."""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from typing import Final, TypeAlias

import attrs
import pendulum

from ._errors import InvalidDateError

__all__ = [
    "COVERAGE_START",
    "DAY_PATTERN",
    "WHEN_PATTERNS",
    "DayLike",
    "When",
    "day_ordinal",
    "parse_day",
    "parse_when",
]

#: What a query accepts as a day: a :class:`datetime.date` or
#: :class:`pendulum.Date`, an ISO 8601 ``YYYY-MM-DD`` string, or a
#: timezone-aware :class:`datetime.datetime` / :class:`pendulum.DateTime`
#: (read as its calendar day in ``Asia/Baku``).  Anything else raises
#: :class:`~karabakh_status.InvalidDateError`.
DayLike: TypeAlias = _dt.date | pendulum.Date | str | _dt.datetime

#: The first day the log covers: the Nagorno-Karabakh Autonomous Oblast
#: inside the Azerbaijan SSR of the USSR.
COVERAGE_START: Final = pendulum.Date(1988, 1, 1)
COVERAGE_START_ORDINAL: Final = COVERAGE_START.toordinal()

#: The time zone whose calendar day an aware datetime is converted to.
REGION_TZ: Final = "Asia/Baku"

#: A day, ``YYYY-MM-DD``, as a regular expression (also used by the log's JSON Schema).
DAY_PATTERN: Final = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
#: The five forms of an event date, by precision, as regular expressions.
WHEN_PATTERNS: Final = {
    "day": DAY_PATTERN,
    "month": "[0-9]{4}-[0-9]{2}",
    "year": "[0-9]{4}",
    "range": f"{DAY_PATTERN}/{DAY_PATTERN}",
    "on-or-before": rf"\.\./{DAY_PATTERN}",
}
_DAY_RE: Final = re.compile(DAY_PATTERN)
_WHEN_RE: Final = re.compile(
    rf"(?P<day>{DAY_PATTERN})|(?P<month>{WHEN_PATTERNS['month']})|(?P<year>{WHEN_PATTERNS['year']})"
    rf"|(?P<start>{DAY_PATTERN})/(?P<end>{DAY_PATTERN})|\.\./(?P<before>{DAY_PATTERN})"
)

WHEN_FORMS: Final = (
    "a date such as '2020-11-10' (day), '2012-10' (month), '2017' (year), "
    "'2020-12-17/2020-12-21' (between two days) or '../2001-07-04' (on or before)"
)


@attrs.frozen
class When:
    """An event's date, with how exactly it is known.

    The event takes effect on :attr:`latest`, the first day it is certainly
    in force; on the days of its window before that it is *uncertain*.

    Attributes:
        text: The date as written in the log (see :func:`parse_when`).
        precision: ``"day"``, ``"month"``, ``"year"``, ``"range"`` or
            ``"on-or-before"``.
        earliest: The first day the event may have happened.
        latest: The last day it may have happened, the day it takes effect.

    >>> w = parse_when("2012-10")
    >>> w.precision, w.earliest, w.latest
    ('month', Date(2012, 10, 1), Date(2012, 10, 31))
    """

    text: str
    precision: str
    earliest: pendulum.Date
    latest: pendulum.Date

    def __str__(self) -> str:
        return self.text

    @property
    def exact(self) -> bool:
        """Whether the day is known exactly."""
        return self.precision == "day"


def _date(text: str) -> pendulum.Date:
    d = _dt.date.fromisoformat(text)
    return pendulum.Date(d.year, d.month, d.day)


@functools.lru_cache(maxsize=65536)
def parse_when(text: str) -> When:
    """Read an event date in one of the log's five forms.

    >>> parse_when("../2001-07-04").precision
    'on-or-before'
    >>> parse_when("2020-12-17/2020-12-21").earliest
    Date(2020, 12, 17)
    >>> parse_when("10 May 1994")
    Traceback (most recent call last):
    ...
    karabakh_status._errors.InvalidDateError: expected a date such as '2020-11-10' (day), ... got '10 May 1994'
    """
    m = _WHEN_RE.fullmatch(text) if type(text) is str else None
    if m is None:
        raise InvalidDateError(f"expected {WHEN_FORMS}; got {text!r}")
    try:
        if day := m["day"]:
            d = _date(day)
            w = When(text, "day", d, d)
        elif month := m["month"]:
            y, mo = int(month[:4]), int(month[5:])
            last = calendar.monthrange(y, mo)[1]
            w = When(text, "month", pendulum.Date(y, mo, 1), pendulum.Date(y, mo, last))
        elif year := m["year"]:
            y = int(year)
            w = When(text, "year", pendulum.Date(y, 1, 1), pendulum.Date(y, 12, 31))
        elif before := m["before"]:
            w = When(text, "on-or-before", COVERAGE_START, _date(before))
        else:
            w = When(text, "range", _date(m["start"]), _date(m["end"]))
    except (ValueError, calendar.IllegalMonthError) as exc:
        raise InvalidDateError(f"expected {WHEN_FORMS}; got {text!r} ({exc})") from None
    if w.earliest < COVERAGE_START:
        raise InvalidDateError(f"expected a date on or after {COVERAGE_START}; got {text!r}")
    if w.precision == "range" and not w.earliest < w.latest:
        raise InvalidDateError(f"expected the first day of a range before the second; got {text!r}")
    return w


@functools.lru_cache(maxsize=65536)
def parse_day(text: str) -> pendulum.Date:
    """Read a ``YYYY-MM-DD`` day strictly, as a :class:`pendulum.Date`.

    >>> parse_day("2020-11-10")
    Date(2020, 11, 10)
    """
    if type(text) is not str or _DAY_RE.fullmatch(text) is None:
        raise InvalidDateError(f"expected a day as 'YYYY-MM-DD'; got {text!r}")
    try:
        return _date(text)
    except ValueError as exc:
        raise InvalidDateError(f"expected a real day as 'YYYY-MM-DD'; got {text!r} ({exc})") from None


@functools.lru_cache(maxsize=32768)
def _iso_ordinal(text: str) -> int:
    if _DAY_RE.fullmatch(text) is None:
        raise InvalidDateError(f"expected a day as 'YYYY-MM-DD', a date, or a timezone-aware datetime; got {text!r}")
    try:
        return _dt.date.fromisoformat(text).toordinal()
    except ValueError as exc:
        raise InvalidDateError(f"expected a real day as 'YYYY-MM-DD'; got {text!r} ({exc})") from None


@functools.cache
def _region_tz() -> _dt.tzinfo:
    return pendulum.timezone(REGION_TZ)


_PLAIN_DATE_TYPES: Final = frozenset({_dt.date, pendulum.Date})


def day_ordinal(when: object) -> int:
    """The proleptic ordinal of the calendar day a query means.

    Accepts a :class:`datetime.date` (so a :class:`pendulum.Date`), an ISO
    8601 ``YYYY-MM-DD`` string, or a timezone-aware :class:`datetime.datetime`
    (so a :class:`pendulum.DateTime`), which is read as its calendar day in
    ``Asia/Baku``.  Anything else, or a day before coverage starts, raises
    :class:`~karabakh_status.InvalidDateError`.

    >>> day_ordinal("2020-11-10") == pendulum.Date(2020, 11, 10).toordinal()
    True
    """
    t = type(when)
    if t in _PLAIN_DATE_TYPES:
        ordinal: int = when.toordinal()  # type: ignore[attr-defined]
    elif t is str:
        ordinal = _iso_ordinal(when)
    elif isinstance(when, _dt.datetime):
        ordinal = _aware_ordinal(when)
    elif isinstance(when, _dt.date):
        ordinal = when.toordinal()
    elif isinstance(when, str):
        ordinal = _iso_ordinal(str.__str__(when))
    else:
        raise InvalidDateError(
            f"expected a day as 'YYYY-MM-DD', a date, or a timezone-aware datetime; got {type(when).__name__}"
        )
    if ordinal < COVERAGE_START_ORDINAL:
        raise InvalidDateError(
            f"expected a day on or after {COVERAGE_START}, when coverage starts; got {_dt.date.fromordinal(ordinal)}"
        )
    return ordinal


def _aware_ordinal(when: _dt.datetime) -> int:
    try:
        offset = when.utcoffset()
    except Exception as exc:  # a broken tzinfo is the caller's input problem
        raise InvalidDateError(f"expected a timezone-aware datetime; its tzinfo failed: {exc}") from None
    if offset is None:
        raise InvalidDateError(f"expected a timezone-aware datetime (or a date); got the naive datetime {when!r}")
    try:
        return when.astimezone(_region_tz()).toordinal()
    except (OverflowError, ValueError) as exc:
        raise InvalidDateError(f"expected a datetime within the calendar; got {when!r} ({exc})") from None


def day_span(start: DayLike, end: DayLike) -> tuple[int, int]:
    """The ordinals of ``start`` and ``end``, which must not come after it: the one check of a span of days.

    >>> lo, hi = day_span("2020-11-09", "2020-11-10")
    >>> hi - lo
    1
    >>> day_span("2020-11-10", "2020-11-09")
    Traceback (most recent call last):
    karabakh_status._errors.InvalidDateError: expected start on or before end; got '2020-11-10' after '2020-11-09'
    """
    lo, hi = day_ordinal(start), day_ordinal(end)
    if lo > hi:
        raise InvalidDateError(f"expected start on or before end; got {start!r} after {end!r}")
    return lo, hi


#: What ``as_of`` accepts: ``None`` (the whole log), an ``int`` N (the first
#: N events) or a day (the events recorded on or before it).
Revision = int | DayLike | None
