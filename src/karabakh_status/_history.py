"""History: a validated log, and the questions it answers."""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import threading
from array import array
from collections.abc import Iterable
from typing import Final

import attrs

from ._convert import event_to_dict
from ._dates import day_ordinal
from ._errors import InvalidDateError, InvalidRevisionError, LogError
from ._events import Event
from ._log import check_sequence, parse_log, parse_stream
from ._replay import Status, Timeline

__all__ = ["DataVersion", "History", "load"]


@attrs.frozen
class DataVersion:
    """Exactly which data an answer came from, for a citation.

    Attributes:
        revision: The number of events in the log (``as_of`` this pins it).
        digest: The SHA-256 of the log's bytes (``sha256:...``).
        last_recorded: The ``recorded`` day of the last event.
        source: Where the log was read from.
    """

    revision: int
    digest: str
    last_recorded: str | None
    source: str


class History:
    """A validated event log and the timeline of every revision asked about.

    Build one with :func:`load` (or :func:`karabakh_status.load`); the
    bundled log's History answers the module-level functions.

    >>> import karabakh_status as ks
    >>> h = ks.load(ks.bundled_log_path())
    >>> h.status_at("1995-01-01").controller("shusha")
    'artsakh'
    """

    __slots__ = ("_digest", "_events", "_latest", "_lock", "_name", "_recorded", "_timelines")

    def __init__(self, events: Iterable[Event], *, name: str = "<memory>", digest: str | None = None) -> None:
        """Validate ``events`` as a whole log (ids, corrections, order) and keep them."""
        self._events: Final = tuple(events)
        check_sequence(self._events, name)
        self._name = name
        self._digest = digest
        self._recorded = array("i", [e.recorded.toordinal() for e in self._events])
        self._timelines: dict[int, Timeline] = {}
        self._latest: Timeline | None = None  # the whole log's timeline, once built
        self._lock = threading.Lock()

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "<memory>") -> History:
        """Parse a log from its bytes; :class:`LogError` names ``name`` and the line."""
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        return cls(parse_log(data, name), name=name, digest=digest)

    @property
    def name(self) -> str:
        """Where the log came from."""
        return self._name

    def __len__(self) -> int:
        return len(self._events)

    def __repr__(self) -> str:
        return f"<History {self._name!r} with {len(self._events)} events>"

    def events(self, *, as_of: object = None) -> tuple[Event, ...]:
        """All events, corrections included, in log order."""
        return self._events[: self.revision(as_of)]

    def revision(self, as_of: object = None) -> int:
        """The number of events a query pinned ``as_of`` sees.

        ``None`` is the whole log; an ``int`` N the first N events; a day
        (anything :meth:`status_at` accepts) the events recorded on or
        before it.
        """
        if as_of is None:
            return len(self._events)
        if type(as_of) is int:
            if not 0 <= as_of <= len(self._events):
                raise InvalidRevisionError(
                    f"expected a revision from 0 to {len(self._events)} (the events in {self._name}); got {as_of}"
                )
            return as_of
        if isinstance(as_of, bool | int | float):
            raise InvalidRevisionError(f"expected an int revision or a day for as_of; got {as_of!r}")
        try:
            ordinal = day_ordinal(as_of)
        except InvalidDateError as exc:
            raise InvalidDateError(f"as_of: {exc}") from None
        return bisect.bisect_right(self._recorded, ordinal)

    def timeline(self, as_of: object = None) -> Timeline:
        """The folded timeline of a revision, computed once and kept."""
        n = self.revision(as_of)
        timeline = self._timelines.get(n)
        if timeline is None:
            with self._lock:
                timeline = self._timelines.get(n)
                if timeline is None:
                    timeline = Timeline(self._events[:n])
                    self._timelines[n] = timeline
                    if n == len(self._events):
                        self._latest = timeline
        return timeline

    def status_at(self, when: object, *, as_of: object = None) -> Status:
        """The :class:`Status` in force on the calendar day ``when``.

        ``when``: a :class:`datetime.date` / :class:`pendulum.Date`, an ISO
        ``YYYY-MM-DD`` string, or a timezone-aware datetime (read as its day
        in ``Asia/Baku``).  ``as_of``: pin to a revision (see
        :meth:`revision`).  Raises :class:`~karabakh_status.InvalidDateError`
        for anything else or a day before 1988-01-01.

        The answer for a date or an ISO string is remembered: asking again
        returns the same (immutable) :class:`Status` object in about a
        quarter of a microsecond (see :doc:`/performance`).
        """
        timeline = self._latest if as_of is None else None
        if timeline is None:
            timeline = self.timeline(as_of)
        return timeline.status_for(when)

    def status_range(self, start: object, end: object, *, as_of: object = None) -> list[Status]:
        """The :class:`Status` of every day from ``start`` to ``end`` inclusive, in order.

        The same answers as calling :meth:`status_at` for each day, built in
        one walk over the change days (a daily panel of the whole coverage
        takes a few milliseconds).
        """
        lo, hi = day_ordinal(start), day_ordinal(end)
        if lo > hi:
            raise InvalidDateError(f"expected start on or before end; got {start!r} after {end!r}")
        return self.timeline(as_of).statuses(lo, hi)

    def changes_between(self, start: object, end: object, *, as_of: object = None) -> tuple[Event, ...]:
        """Events taking effect after ``start`` and up to and including ``end``, in effect order."""
        lo, hi = day_ordinal(start), day_ordinal(end)
        if lo > hi:
            raise InvalidDateError(f"expected start on or before end; got {start!r} after {end!r}")
        return self.timeline(as_of).effective_between(lo, hi)

    def data_version(self) -> DataVersion:
        """The revision and digest of this log, to cite the data used."""
        digest = self._digest
        if digest is None:
            h = hashlib.sha256()
            for e in self._events:
                h.update(json.dumps(event_to_dict(e), ensure_ascii=False).encode() + b"\n")
            digest = "sha256:" + h.hexdigest()
        last = self._events[-1].recorded.isoformat() if self._events else None
        return DataVersion(len(self._events), digest, last, self._name)


def load(path: str | os.PathLike[str], *, verify: bool = False) -> History:
    """Read, validate and return the log at ``path``.

    Any problem raises :class:`~karabakh_status.LogError` naming the file,
    the line and the field, and saying what was expected.  With
    ``verify=True`` the log must also match its hash chain (``PATH.chain``):
    an edited, deleted, inserted or reordered line is reported at the first
    bad line.
    """
    try:
        name = os.fspath(path)
    except TypeError:
        raise LogError(repr(path)[:200], None, "expected a path to a log file") from None
    try:
        with open(name, "rb") as f:
            events, digest = parse_stream(f, name)
    except OSError as exc:
        raise LogError(name, None, f"cannot read the log: {exc.strerror or exc}") from None
    history = History(events, name=name, digest=digest)
    if verify:
        from ._integrity import chain_problems

        for problem in chain_problems(name):
            raise problem
    return history
