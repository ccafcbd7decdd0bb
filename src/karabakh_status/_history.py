"""History: a validated log, and the questions it answers."""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import hashlib
import json
import os
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs
import pendulum

from ._dates import DayLike, day_ordinal
from ._errors import InvalidDateError, InvalidRevisionError, LogError, LogProblem
from ._events import Event, StatusChange
from ._fold import PlaceIndex
from ._log import check_sequence, parse_log, read_log_file
from ._status import Status
from ._timeline import Timeline

if TYPE_CHECKING:
    from ._places import Place

__all__ = ["DataVersion", "History", "Revision", "Segment", "load"]

#: What ``as_of`` accepts: ``None`` (the whole log), an ``int`` N (the first
#: N events) or a day (the events recorded on or before it).
Revision = int | DayLike | None

#: Query values whose answer a History remembers: exactly these types, so
#: that no subclass with its own ``__eq__`` or ``__hash__`` can be mistaken
#: for a remembered day.  (Aware datetimes are not remembered: two with the
#: same tzinfo compare equal when only their ``fold`` differs, yet are an
#: hour apart and can fall on different days in Asia/Baku.)
_REMEMBERED_TYPES: Final = frozenset({_dt.date, pendulum.Date, str})


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

    @property
    def last_reviewed(self) -> str | None:
        """The last day the record was reviewed, which is the ``recorded`` day of its last event.

        A later day still has an answer (the state then known), but events after
        this day are not in the record.
        """
        return self.last_recorded


@attrs.frozen
class Segment:
    """A run of days on which no answer changes (see :meth:`History.segments`).

    Attributes:
        first: The first day of the run.
        last: The last day of the run.
        status: The :class:`Status` of :attr:`first`; every day of the run has
            the same answers but its :attr:`~Status.day`.
    """

    first: pendulum.Date
    last: pendulum.Date
    status: Status

    @property
    def days(self) -> int:
        """How many days the run has."""
        return self.last.toordinal() - self.first.toordinal() + 1


class History:
    """A validated event log and the timeline of every revision asked about.

    Build one with :func:`load` (or :func:`karabakh_status.load`); the
    bundled log's History answers the module-level functions.

    >>> import karabakh_status as ks
    >>> h = ks.load(ks.bundled_log_path())
    >>> h.status_at("1995-01-01").controller("shusha")
    'artsakh'

    A History remembers the :class:`Status` it gave for each date and ISO
    string asked of the whole log (up to :attr:`cache_size` of them, then it
    starts afresh): asking again returns the same immutable object.

    >>> h.status_at("1995-01-01") is h.status_at("1995-01-01")
    True
    """

    #: How many answers (query values) a History remembers before it starts afresh:
    #: two for every day from 1988 to the 2030s (a date and its ISO string).
    cache_size: ClassVar[int] = 32768

    __slots__ = (
        "_answers",
        "_digest",
        "_events",
        "_index",
        "_latest",
        "_lock",
        "_name",
        "_pickle_revision",
        "_recorded",
        "_timelines",
    )

    def __init__(
        self,
        events: Iterable[Event],
        *,
        name: str = "<memory>",
        digest: str | None = None,
        places: PlaceIndex | Iterable[Place] | None = None,
        pickle_revision: Callable[[int], tuple[Any, ...]] | None = None,
    ) -> None:
        """Validate ``events`` as a whole log (ids, corrections, order, place ids) and keep them.

        ``places``: the gazetteer its answers use, as places (or their
        :class:`~karabakh_status._fold.PlaceIndex`); ``None`` for the bundled
        one.  Every place an event names must be there.

        ``pickle_revision(n)``, if given, says how a timeline of the first
        ``n`` events (and so a :class:`Status` read from it) pickles: a
        ``__reduce__`` value.  By default it pickles as its events.
        """
        self._pickle_revision = pickle_revision
        self._events: Final = tuple(events)
        check_sequence(self._events, name)
        if places is None:
            from ._data import bundled_index

            places = bundled_index()
        if not isinstance(places, PlaceIndex):
            from ._places import index_of

            places = index_of(places)
        self._index: Final = places
        _check_places(self._events, self._index, name)
        self._name = name
        self._digest = digest
        self._recorded = array("i", [e.recorded.toordinal() for e in self._events])
        self._timelines: dict[int, Timeline] = {}
        self._latest: Timeline | None = None  # the whole log's timeline, once built
        self._answers: dict[object, Status] = {}  # the one answer cache: whole-log status_at by query value
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

    @property
    def places(self) -> PlaceIndex:
        """The places this history answers about (its gazetteer's index; ``.gazetteer()`` for names)."""
        return self._index

    def __len__(self) -> int:
        return len(self._events)

    def __repr__(self) -> str:
        return f"<History {self._name!r} with {len(self._events)} events>"

    def events(self, *, as_of: Revision = None) -> tuple[Event, ...]:
        """All events, corrections included, in log order.

        Args:
            as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its
                first N events) or a day (the events recorded by then).
        """
        return self._events[: self.revision(as_of)]

    def revision(self, as_of: Revision = None) -> int:
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

    def timeline(self, as_of: Revision = None) -> Timeline:
        """The folded timeline of a revision, computed once and kept.

        Args:
            as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its
                first N events) or a day (the events recorded by then).
        """
        n = self.revision(as_of)
        timeline = self._timelines.get(n)
        if timeline is None:
            with self._lock:
                timeline = self._timelines.get(n)
                if timeline is None:
                    pickled_as = None if self._pickle_revision is None else functools.partial(self._pickle_revision, n)
                    timeline = Timeline(self._events[:n], self._index, pickled_as=pickled_as)
                    self._timelines[n] = timeline
                    if n == len(self._events):
                        self._latest = timeline
        return timeline

    def status_at(self, when: DayLike, *, as_of: Revision = None) -> Status:
        """The :class:`Status` in force on the calendar day ``when``.

        ``when``: a :class:`datetime.date` / :class:`pendulum.Date`, an ISO
        ``YYYY-MM-DD`` string, or a timezone-aware datetime (read as its day
        in ``Asia/Baku``).  ``as_of``: pin to a revision (see
        :meth:`revision`).  Raises :class:`~karabakh_status.InvalidDateError`
        for anything else or a day before 1988-01-01.

        The answer for a date or an ISO string asked of the whole log is
        remembered: asking again returns the same (immutable) :class:`Status`
        object in a fraction of a microsecond (see :doc:`/performance`).
        """
        if as_of is None and type(when) in _REMEMBERED_TYPES:
            found = self._answers.get(when)
            return self._remember(when) if found is None else found
        return self.timeline(as_of).status(day_ordinal(when))

    def _remember(self, when: DayLike) -> Status:
        """Answer a whole-log query not remembered yet, and remember it."""
        timeline = self._latest or self.timeline()
        status = timeline.status(day_ordinal(when))
        answers = self._answers
        if len(answers) >= self.cache_size:
            answers.clear()
        answers[when] = status
        return status

    def status_range(self, start: DayLike, end: DayLike, *, as_of: Revision = None) -> list[Status]:
        """The :class:`Status` of every day from ``start`` to ``end`` inclusive, in order.

        Args:
            start: The first day (anything :func:`~karabakh_status.status_at` accepts).
            end: The last day, inclusive.
            as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its
                first N events) or a day (the events recorded by then).

        The same answers as calling :meth:`status_at` for each day, built in
        one walk over the change days (a daily panel of the whole coverage
        takes a few milliseconds).
        """
        lo, hi = _span(start, end)
        return self.timeline(as_of).statuses(lo, hi)

    def segments(self, start: DayLike, end: DayLike, *, as_of: Revision = None) -> Iterator[Segment]:
        """The days from ``start`` to ``end`` inclusive, as runs on which no answer changes.

        Args:
            start: The first day (anything :func:`~karabakh_status.status_at` accepts).
            end: The last day, inclusive.
            as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its
                first N events) or a day (the events recorded by then).

        A new :class:`Segment` begins on every day an event takes effect and
        on every day an imprecise event's window opens, so each segment's
        status answers for every day in it (but its ``day``).  Tables and
        figures are built from these instead of day by day.

        >>> import karabakh_status as ks
        >>> for g in ks.default_history().segments("2020-11-24", "2020-11-30", as_of=251):
        ...     print(g.first, g.last, g.days, g.status.controller("kalbajar"), len(g.status.statements))
        2020-11-24 2020-11-24 1 artsakh 84
        2020-11-25 2020-11-25 1 azerbaijan 84
        2020-11-26 2020-11-26 1 azerbaijan 85
        2020-11-27 2020-11-30 4 azerbaijan 85
        """
        lo, hi = _span(start, end)
        timeline = self.timeline(as_of)
        for first, last in timeline.segments(lo, hi):
            yield Segment(pendulum.Date.fromordinal(first), pendulum.Date.fromordinal(last), timeline.status(first))

    def changes_between(self, start: DayLike, end: DayLike, *, as_of: Revision = None) -> tuple[Event, ...]:
        """Events taking effect after ``start`` and up to and including ``end``, in effect order.

        Args:
            start: The day after which events are listed (exclusive).
            end: The last day whose events are listed (inclusive).
            as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its
                first N events) or a day (the events recorded by then).
        """
        lo, hi = _span(start, end)
        return self.timeline(as_of).effective_between(lo, hi)

    def data_version(self) -> DataVersion:
        """The revision and digest of this log, to cite the data used."""
        digest = self._digest
        if digest is None:
            from ._convert import event_to_dict  # only for a log built in memory

            h = hashlib.sha256()
            for e in self._events:
                h.update(json.dumps(event_to_dict(e), ensure_ascii=False).encode() + b"\n")
            digest = "sha256:" + h.hexdigest()
        last = self._events[-1].recorded.isoformat() if self._events else None
        return DataVersion(len(self._events), digest, last, self._name)


def _check_places(events: tuple[Event, ...], index: PlaceIndex, name: str) -> None:
    """Raise :class:`LogError` for the first status change in force naming a place that ``index`` lacks.

    An event a later correction supersedes or retracts is not checked: that
    correction is how such a mistake is fixed in an append-only log (the
    fold skips the unknown id in the revisions before it).
    """
    from ._events import Correction

    known = index.position
    dropped = {e.target for e in events if isinstance(e, Correction)}
    for n, e in enumerate(events, 1):
        if isinstance(e, StatusChange) and e.places and e.id not in dropped:
            for k, p in enumerate(e.places):
                if p not in known:
                    import difflib

                    close = difflib.get_close_matches(p, list(known), n=3, cutoff=0.7)
                    hint = f"; did you mean {', '.join(close)}?" if close else " (add it to the places)"
                    raise LogError(
                        name,
                        n,
                        f"$.places[{k}]: expected a place of the gazetteer; got {p!r}{hint}",
                        LogProblem.UNKNOWN_PLACE,
                    )


def _span(start: DayLike, end: DayLike) -> tuple[int, int]:
    """The ordinals of ``start`` and ``end``, which must not come after it."""
    lo, hi = day_ordinal(start), day_ordinal(end)
    if lo > hi:
        raise InvalidDateError(f"expected start on or before end; got {start!r} after {end!r}")
    return lo, hi


def load(path: str | os.PathLike[str], *, verify: bool = False) -> History:
    """Read, validate and return the log at ``path``.

    Args:
        path: The path of the log file.
        verify: Also check the log against its hash chain (``PATH.chain``).

    Any problem raises :class:`~karabakh_status.LogError` naming the file,
    the line and the field, and saying what was expected.  With
    ``verify=True`` the log must also match its hash chain (``PATH.chain``):
    an edited, deleted, inserted or reordered line is reported at the first
    bad line.
    """
    try:
        name = os.fspath(path)
    except TypeError:
        raise LogError(repr(path)[:200], None, "expected a path to a log file", LogProblem.UNREADABLE) from None
    events, digest = read_log_file(name)
    history = History(events, name=name, digest=digest)
    if verify:
        from ._chain import chain_problems

        for problem in chain_problems(name):
            raise problem
    return history
