"""The exceptions karabakh_status raises on purpose, and the kinds of log problem."""

from __future__ import annotations

import enum

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


class KarabakhStatusError(Exception):
    """Base of every error the library raises on purpose."""


class LogProblem(enum.Enum):
    """What is wrong with a log: the :attr:`LogError.kind`, for code that must tell problems apart.

    Branch on the kind, never on the wording of a message (the wording may
    improve; the kinds are stable).

    >>> LogProblem("torn-line") is LogProblem.TORN_LINE
    True
    """

    #: The file (or the chain beside it) cannot be read, or the path is not a path.
    UNREADABLE = "unreadable"
    #: A line is not UTF-8 text.
    NOT_UTF8 = "not-utf8"
    #: A line is empty.
    EMPTY_LINE = "empty-line"
    #: A complete line is not one JSON value.
    NOT_JSON = "not-json"
    #: The last line has no newline and is not complete JSON (a crash mid-write).
    TORN_LINE = "torn-line"
    #: A line is JSON but not a valid event (an unknown type; a missing, unknown or ill-typed field).
    SCHEMA = "schema"
    #: An id already used by an earlier line.
    DUPLICATE_ID = "duplicate-id"
    #: A correction names an id that is not earlier in the log.
    UNKNOWN_TARGET = "unknown-target"
    #: A status change names a place that is not in the history's gazetteer.
    UNKNOWN_PLACE = "unknown-place"
    #: An event names an actor (``actor``, ``announced_by``) that is not among the history's actors.
    UNKNOWN_ACTOR = "unknown-actor"
    #: A ``recorded`` day earlier than the line before it.
    RECORDED_ORDER = "recorded-order"
    #: There is no hash chain beside the log.
    CHAIN_MISSING = "chain-missing"
    #: A line of the chain file is not ``<n> <sha256>``, or its last line is torn.
    CHAIN_FORMAT = "chain-format"
    #: A line's bytes do not match its chain digest (edited, inserted, deleted or reordered lines).
    CHAIN_MISMATCH = "chain-mismatch"
    #: The chain covers more lines than the log has (lines deleted at the end).
    CHAIN_LONGER = "chain-longer"
    #: Complete lines the chain does not cover yet (run ``repair`` to seal them).
    NOT_SEALED = "not-sealed"


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
        kind: What is wrong, as a :class:`LogProblem`.

    >>> e = LogError("x.jsonl", 3, "$.id: expected a new id", LogProblem.DUPLICATE_ID)
    >>> str(e), e.kind.value
    ('x.jsonl:3: $.id: expected a new id', 'duplicate-id')
    """

    def __init__(self, path: str, line: int | None, problem: str, kind: LogProblem = LogProblem.SCHEMA) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        self.kind = kind
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.line, self.problem, self.kind))


class InvalidDateError(KarabakhStatusError, ValueError):
    """A day that is not a day the library can answer for, or a date the log cannot hold."""


class InvalidRevisionError(KarabakhStatusError, ValueError):
    """An ``as_of`` revision the log does not have."""


class InvalidArgumentError(KarabakhStatusError, ValueError):
    """An argument outside its documented choices (a table name, a chart kind, ...)."""


class _KeyLookupError(KarabakhStatusError, KeyError):
    def __str__(self) -> str:
        # KeyError quotes its argument; we want the plain message.
        return str(self.args[0]) if self.args else ""


class UnknownTerritoryError(_KeyLookupError):
    """A territory or place (id or name) that is not in the vocabulary or the gazetteer."""


class InvalidRecordError(KarabakhStatusError, ValueError):
    """A record (event, source, place, actor) built with a field value it cannot take.

    ``field`` names the field (``None`` for a rule about several), and
    the message starts with it.

    >>> import karabakh_status as ks
    >>> ks.records.Source(work="")
    Traceback (most recent call last):
    karabakh_status._errors.InvalidRecordError: work: expected one non-empty line of text; got ''
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        #: The field at fault, as the log writes it (``"sources"``, ``"territories[2]"``), or ``None``.
        self.field = field
        #: What was expected, without the field.
        self.message = message


class UnknownActorError(_KeyLookupError):
    """An actor id that is not among :func:`karabakh_status.actors`."""


class AmbiguousNameError(_KeyLookupError):
    """A name shared by more than one place or territory: the message lists them; ask by id."""
