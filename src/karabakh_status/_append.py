"""Appending to a log: validated against the whole log, one locked, synced write."""

from __future__ import annotations

import json
import os
from typing import Any

from ._convert import event_from_dict, event_to_dict
from ._errors import LogError
from ._events import Event
from ._log import parse_log, sequence_problems

__all__ = ["append", "event_line"]


def event_line(event: Event) -> bytes:
    """The exact bytes of an event's log line, newline included.

    >>> import karabakh_status as ks
    >>> ks.events()[0].id in event_line(ks.events()[0]).decode()
    True
    """
    return json.dumps(event_to_dict(event), ensure_ascii=False, separators=(", ", ": ")).encode() + b"\n"


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: msvcrt locks the first byte
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
    else:
        fcntl.flock(fd, fcntl.LOCK_EX)


def append(path: str | os.PathLike[str], event: Event | dict[str, Any]) -> Event:
    """Append one event to the log at ``path`` (created if missing) and return it.

    The event is validated on its own and against the whole log (unique id,
    corrections only of earlier ids, ``recorded`` not going back).  The line
    is written with one ``write`` under an exclusive lock across processes,
    then flushed and fsynced; no existing byte is rewritten.  A log whose
    last line is torn is refused (run ``karabakh-status repair`` first).
    """
    name = os.fspath(path)
    if isinstance(event, dict):
        try:
            event = event_from_dict(event)
        except Exception as exc:
            from ._convert import transform_problem

            raise LogError(name, None, f"the new event: {transform_problem(exc)}") from None
    line = event_line(event)
    fd = os.open(name, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        _lock(fd)  # released when fd is closed
        data = b""
        while chunk := os.read(fd, 1 << 20):
            data += chunk
        if data and not data.endswith(b"\n"):
            raise LogError(name, data.count(b"\n") + 1, "torn last line: repair the log before appending")
        existing = parse_log(data, name)
        n = len(existing) + 1
        for problem in sequence_problems(enumerate([*existing, event], 1), name):
            if problem.line == n:
                raise problem
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)
    return event
