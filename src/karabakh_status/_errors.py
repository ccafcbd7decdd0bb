"""The exceptions karabakh_status raises on purpose."""

from __future__ import annotations

__all__ = [
    "InvalidDateError",
    "InvalidRevisionError",
    "KarabakhStatusError",
    "LogError",
    "UnknownTerritoryError",
]


class KarabakhStatusError(Exception):
    """Base of every error the library raises on purpose."""


class LogError(KarabakhStatusError):
    """A log that cannot be trusted: unreadable, ill-formed, torn or tampered.

    The message names the file, the line number and the field path, and says
    what was expected, for example::

        events.jsonl:3: $.date: expected a date such as '2020-11-10', ... got '10/11/2020'

    Attributes:
        path: The file the problem is in (``"<memory>"`` for in-memory logs).
        line: The 1-based line number of the problem, or ``None`` when the
            problem concerns the whole file.
        problem: The message without the ``file:line:`` prefix.
    """

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class InvalidDateError(KarabakhStatusError, ValueError):
    """A query day that is not a day the library can answer for."""


class UnknownTerritoryError(KarabakhStatusError, KeyError):
    """A territory id that is not in the vocabulary."""

    def __str__(self) -> str:
        # KeyError quotes its argument; we want the plain message.
        return str(self.args[0]) if self.args else ""


class InvalidRevisionError(KarabakhStatusError, ValueError):
    """An ``as_of`` revision the log does not have."""
