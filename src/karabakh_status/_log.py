"""Reading a log: bytes to validated events, with errors that say where."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import NoReturn

import pendulum

from ._convert import event_from_dict, transform_problem
from ._errors import LogError
from ._events import Correction, Event
from ._gc import paused_gc

__all__ = ["Ledger", "check_sequence", "log_problems", "parse_line", "parse_log", "parse_stream", "sequence_problems"]


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not allowed in the log")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def _lines(data: bytes) -> Iterator[tuple[int, bytes, bool]]:
    """Each line (without its newline), its number, and whether it is an unterminated last line."""
    start, n, size = 0, 0, len(data)
    while start < size:
        n += 1
        end = data.find(b"\n", start)
        if end == -1:
            yield n, data[start:], True
            return
        yield n, data[start:end], False
        start = end + 1


def parse_stream(lines: Iterable[bytes], name: str) -> tuple[list[Event], str]:
    """Parse lines as a binary file yields them (newlines kept), and the SHA-256 of all their bytes.

    Reading a file this way never holds more than one raw line besides the
    events, however large the log.
    """
    digest = hashlib.sha256()
    events: list[Event] = []
    with paused_gc():
        for n, raw in enumerate(lines, 1):
            digest.update(raw)
            if raw.endswith(b"\n"):
                events.append(parse_line(raw[:-1], name, n))
            else:
                events.append(parse_line(raw, name, n, torn=True))
    return events, "sha256:" + digest.hexdigest()


def parse_log(data: bytes, name: str, first_line: int = 1) -> list[Event]:
    """Parse and validate every line; raise :class:`LogError` at the first bad one.

    The whole-log checks are :func:`check_sequence`'s.

    >>> parse_log(b'{"type": "statement"}\\n', "x.jsonl")
    Traceback (most recent call last):
    ...
    karabakh_status._errors.LogError: x.jsonl:1: $.id: required field missing; ...
    """
    events: list[Event] = []
    with paused_gc():
        for n, raw, torn in _lines(data):
            events.append(parse_line(raw, name, n + first_line - 1, torn))
    return events


def parse_line(raw: bytes, name: str, n: int, torn: bool = False) -> Event:
    """Parse one line (without its newline) into an event."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LogError(name, n, f"expected UTF-8 text; invalid byte at column {exc.start + 1}") from None
    if not text.strip():
        raise LogError(name, n, "expected a JSON object; got an empty line")
    try:
        obj = _DECODER.decode(text)
    except (ValueError, RecursionError) as exc:
        if torn:
            raise LogError(name, n, "torn last line: it has no newline and is not complete JSON") from None
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc) or type(exc).__name__
        raise LogError(name, n, f"expected one JSON object; not valid JSON ({reason})"[:300]) from None
    try:
        return event_from_dict(obj)
    except Exception as exc:  # every validation failure becomes a LogError
        raise LogError(name, n, transform_problem(exc)[:1000]) from None


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
            yield LogError(self.name, n, f"$.id: expected a new id; {event.id!r} is already in the log")
        if isinstance(event, Correction):
            for field in ("target", "replacement"):
                ref = getattr(event, field)
                if ref is not None and ref not in self.seen:
                    yield LogError(
                        self.name,
                        n,
                        f"$.{field}: expected the id of an earlier event; {ref!r} is not in the log before",
                    )
        if self.last_recorded is not None and event.recorded < self.last_recorded:
            yield LogError(
                self.name,
                n,
                f"$.recorded: expected {self.last_recorded} or later (the log is append-only); got {event.recorded}",
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
        if not any("$.id:" in p.problem for p in found):
            ledger.add(event)


def log_problems(data: bytes, name: str) -> list[LogError]:
    """Every problem of a log, not just the first: each bad line, then the whole-log checks."""
    problems: list[LogError] = []
    good: list[tuple[int, Event]] = []
    for n, raw, torn in _lines(data):
        try:
            good.append((n, parse_line(raw, name, n, torn)))
        except LogError as exc:
            problems.append(exc)
    problems.extend(sequence_problems(good, name))
    problems.sort(key=lambda p: p.line or 0)
    return problems
