"""Reading a log: bytes to validated events, with errors that say where."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from typing import NoReturn

import pendulum

from ._errors import LogError, LogProblem
from ._events import Correction, Event
from ._gc import paused_gc

__all__ = [
    "Ledger",
    "check_sequence",
    "log_problems",
    "parse_line",
    "parse_log",
    "parse_stream",
    "read_log_file",
    "sequence_problems",
    "split_lines",
    "unreadable",
]


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not allowed in the log")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def split_lines(data: bytes) -> Iterator[bytes]:
    """Each line of a log's bytes, its newline kept (a last line without one is torn).

    Only ``\\n`` ends a line (``bytes.splitlines`` would also split on
    ``\\r`` and other characters that may appear inside a JSON string).

    >>> list(split_lines(b'{"a": 1}\\n{"b"'))
    [b'{"a": 1}\\n', b'{"b"']
    """
    start, size = 0, len(data)
    while start < size:
        end = data.find(b"\n", start)
        if end == -1:
            yield data[start:]
            return
        yield data[start : end + 1]
        start = end + 1


def unreadable(name: str, exc: OSError, what: str = "the log") -> LogError:
    """The :class:`LogError` for a file that cannot be read."""
    return LogError(name, None, f"cannot read {what}: {exc.strerror or exc}", LogProblem.UNREADABLE)


def parse_stream(lines: Iterable[bytes], name: str, first_line: int = 1) -> tuple[list[Event], str]:
    """Parse lines as a binary file yields them (newlines kept), and the SHA-256 of all their bytes.

    Raises :class:`LogError` at the first bad line.  Reading a file this way
    never holds more than one raw line besides the events, however large
    the log.  (The whole-log checks are :func:`check_sequence`'s.)
    """
    digest = hashlib.sha256()
    events: list[Event] = []
    with paused_gc():
        for n, raw in enumerate(lines, first_line):
            digest.update(raw)
            events.append(_parse_raw(raw, name, n))
    return events, "sha256:" + digest.hexdigest()


def parse_log(data: bytes, name: str, first_line: int = 1) -> list[Event]:
    """Parse and validate every line of a log's bytes: :func:`parse_stream`, collected.

    >>> parse_log(b'{"type": "statement"}\\n', "x.jsonl")
    Traceback (most recent call last):
    ...
    karabakh_status._errors.LogError: x.jsonl:1: $.id: required field missing; ...
    """
    return parse_stream(split_lines(data), name, first_line)[0]


def read_log_file(name: str) -> tuple[list[Event], str]:
    """Parse the log file at ``name`` as it streams in: its events and its digest."""
    try:
        with open(name, "rb") as f:
            return parse_stream(f, name)
    except OSError as exc:
        raise unreadable(name, exc) from None


def _parse_raw(raw: bytes, name: str, n: int) -> Event:
    """Parse one line as read, newline kept; a line without one is the torn last line."""
    if raw.endswith(b"\n"):
        return parse_line(raw[:-1], name, n)
    return parse_line(raw, name, n, torn=True)


def parse_line(raw: bytes, name: str, n: int, torn: bool = False) -> Event:
    """Parse one line (without its newline) into an event."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LogError(
            name, n, f"expected UTF-8 text; invalid byte at column {exc.start + 1}", LogProblem.NOT_UTF8
        ) from None
    if not text.strip():
        raise LogError(name, n, "expected a JSON object; got an empty line", LogProblem.EMPTY_LINE)
    try:
        obj = _DECODER.decode(text)
    except (ValueError, RecursionError) as exc:
        if torn:
            raise LogError(
                name,
                n,
                "torn last line: it has no newline and is not complete JSON (run 'karabakh-status repair')",
                LogProblem.TORN_LINE,
            ) from None
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc) or type(exc).__name__
        raise LogError(
            name, n, f"expected one JSON object; not valid JSON ({reason})"[:300], LogProblem.NOT_JSON
        ) from None
    read = _read or _reader()
    try:
        return read(obj)
    except Exception as exc:  # every validation failure becomes a LogError
        from ._convert import transform_problem

        raise LogError(name, n, transform_problem(exc)[:1000], LogProblem.SCHEMA) from None


_read: Callable[[object], Event] | None = None


def _reader() -> Callable[[object], Event]:
    """The converter's reader, imported on first use (the bundled log's fast path never needs cattrs)."""
    global _read
    from ._convert import reader

    _read = reader().read
    return _read


def check_sequence(events: Iterable[Event], name: str) -> None:
    """Check what only the whole log can tell; raise the first problem as :class:`LogError`."""
    for problem in sequence_problems(enumerate(events, 1), name):
        raise problem


class Ledger:
    """What the whole-log checks remember of the lines read so far.

    >>> led = Ledger("x.jsonl")
    >>> led.count
    0
    """

    __slots__ = ("count", "last_recorded", "name", "seen")

    def __init__(self, name: str) -> None:
        self.name = name
        self.seen: set[str] = set()
        self.last_recorded: pendulum.Date | None = None
        self.count = 0

    def problems(self, n: int, event: Event) -> Iterator[LogError]:
        """Why ``event`` cannot be line ``n`` after the lines seen (nothing if it can)."""
        if event.id in self.seen:
            yield LogError(
                self.name, n, f"$.id: expected a new id; {event.id!r} is already in the log", LogProblem.DUPLICATE_ID
            )
        if isinstance(event, Correction):
            for field in ("target", "replacement"):
                ref = getattr(event, field)
                if ref is not None and ref not in self.seen:
                    yield LogError(
                        self.name,
                        n,
                        f"$.{field}: expected the id of an earlier event; {ref!r} is not in the log before",
                        LogProblem.UNKNOWN_TARGET,
                    )
        if self.last_recorded is not None and event.recorded < self.last_recorded:
            yield LogError(
                self.name,
                n,
                f"$.recorded: expected {self.last_recorded} or later (the log is append-only); got {event.recorded}",
                LogProblem.RECORDED_ORDER,
            )

    def add(self, event: Event) -> None:
        """Remember an accepted line."""
        self.seen.add(event.id)
        if self.last_recorded is None or event.recorded > self.last_recorded:
            self.last_recorded = event.recorded
        self.count += 1


def sequence_problems(numbered: Iterable[tuple[int, Event]], name: str) -> Iterator[LogError]:
    """Unique ids, corrections of earlier ids only, ``recorded`` never going back."""
    ledger = Ledger(name)
    for n, event in numbered:
        found = list(ledger.problems(n, event))
        yield from found
        if not any(p.kind is LogProblem.DUPLICATE_ID for p in found):
            ledger.add(event)


def log_problems(data: bytes, name: str) -> list[LogError]:
    """Every problem of a log, not just the first: each bad line, then the whole-log checks."""
    problems: list[LogError] = []
    good: list[tuple[int, Event]] = []
    for n, raw in enumerate(split_lines(data), 1):
        try:
            good.append((n, _parse_raw(raw, name, n)))
        except LogError as exc:
            problems.append(exc)
    problems.extend(sequence_problems(good, name))
    problems.sort(key=lambda p: p.line or 0)
    return problems
