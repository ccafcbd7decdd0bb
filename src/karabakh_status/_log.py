"""Reading a log: bytes to validated events, with errors that say where."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import NoReturn

from ._convert import event_from_dict, transform_problem
from ._errors import LogError
from ._events import Correction, Event

__all__ = ["check_sequence", "log_problems", "parse_line", "parse_log", "sequence_problems"]


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not allowed in the log")


def _lines(data: bytes) -> Iterator[tuple[int, bytes, bool]]:
    """Each line with its number and whether it is an unterminated last line."""
    lines = data.split(b"\n")
    terminated = lines[-1] == b""
    if terminated:
        lines.pop()
    last = len(lines)
    for n, raw in enumerate(lines, 1):
        yield n, raw, (n == last and not terminated)


def parse_log(data: bytes, name: str) -> list[Event]:
    """Parse and validate every line; raise :class:`LogError` at the first bad one.

    The whole-log checks are :func:`check_sequence`'s.

    >>> parse_log(b'{"type": "statement"}\\n', "x.jsonl")
    Traceback (most recent call last):
    ...
    karabakh_status._errors.LogError: x.jsonl:1: $.id: required field missing; ...
    """
    events: list[Event] = []
    for n, raw, torn in _lines(data):
        events.append(parse_line(raw, name, n, torn))
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
        obj = json.loads(text, parse_constant=_reject_constant)
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


def sequence_problems(numbered: Iterable[tuple[int, Event]], name: str) -> Iterator[LogError]:
    """Unique ids, corrections of earlier ids only, ``recorded`` never going back."""
    seen: set[str] = set()
    last_recorded = None
    for n, event in numbered:
        if event.id in seen:
            yield LogError(name, n, f"$.id: expected a new id; {event.id!r} is already in the log")
            continue
        if isinstance(event, Correction):
            for field in ("target", "replacement"):
                ref = getattr(event, field)
                if ref is not None and ref not in seen:
                    yield LogError(
                        name, n, f"$.{field}: expected the id of an earlier event; {ref!r} is not in the log before"
                    )
        if last_recorded is not None and event.recorded < last_recorded:
            yield LogError(
                name,
                n,
                f"$.recorded: expected {last_recorded} or later (the log is append-only); got {event.recorded}",
            )
        seen.add(event.id)
        last_recorded = event.recorded if last_recorded is None else max(last_recorded, event.recorded)


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
