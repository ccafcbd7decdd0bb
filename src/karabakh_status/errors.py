"""Every error the library raises on purpose, and the kinds of problem a log can have.

Catch :class:`KarabakhStatusError` for all of them; the query errors are also
the built-in errors they resemble (``InvalidDateError`` is a ``ValueError``,
``UnknownTerritoryError`` a ``KeyError``).  The error classes are also at the
top level (``ks.LogError``).

>>> import karabakh_status as ks
>>> try:
...     ks.status_at("26 Feb 1992")
... except ks.errors.InvalidDateError as exc:
...     print(type(exc).__name__, isinstance(exc, ValueError))
InvalidDateError True
"""

from ._errors import (
    AmbiguousNameError,
    InvalidArgumentError,
    InvalidDateError,
    InvalidRecordError,
    InvalidRevisionError,
    KarabakhStatusError,
    LogError,
    LogProblem,
    UnknownActorError,
    UnknownTerritoryError,
)

__all__ = [
    "AmbiguousNameError",
    "InvalidArgumentError",
    "InvalidDateError",
    "InvalidRecordError",
    "InvalidRevisionError",
    "KarabakhStatusError",
    "LogError",
    "LogProblem",
    "UnknownActorError",
    "UnknownTerritoryError",
]
