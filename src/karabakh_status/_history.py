"""History: a validated log, and the questions it answers."""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Final

import pendulum

from ._dates import COVERAGE_START_ORDINAL, DayLike, Revision, day_ordinal, day_span
from ._errors import InvalidDateError, InvalidRevisionError
from ._events import Event
from ._fold import PlaceIndex
from ._status import Status
from ._timeline import Timeline

if TYPE_CHECKING:
    from ._actorbook import ActorBook
    from ._actors import Actor
    from ._lazy import LazyEvents
    from ._places import Place
    from ._revisions import DataVersion, Segment

__all__ = ["History"]

PickleAs = Callable[[int], tuple[Any, ...]] | None  # how a revision's timeline pickles (see History)

#: Query values whose answer a History remembers: exactly these types, so
#: that no subclass with its own ``__eq__`` or ``__hash__`` can be mistaken
#: for a remembered day.  (Aware datetimes are not remembered: two with the
#: same tzinfo compare equal when only their ``fold`` differs, yet are an
#: hour apart and can fall on different days in Asia/Baku.)
_REMEMBERED_TYPES: Final = frozenset({_dt.date, pendulum.Date, str})


class History:
    """A validated event log and the timeline of every revision asked about.

    Build one with :func:`load` (or :func:`karabakh_status.load`); the
    bundled log's History answers the module-level functions.

    >>> import karabakh_status as ks
    >>> h = ks.load(ks.records.bundled_log_path())
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

    #: How many earlier revisions (``as_of``) a History keeps folded, the least recently used dropped
    #: first; the whole log's timeline is always kept.
    revisions_kept: ClassVar[int] = 8

    __slots__ = (
        "_actors",
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
        actors: ActorBook | Iterable[Actor] | None = None,
        pickle_revision: Callable[[int], tuple[Any, ...]] | None = None,
        check_ids: bool = True,
    ) -> None:
        """Validate ``events`` as a whole log (ids, corrections, order, place and actor ids) and keep them.

        ``places``: the gazetteer its answers use, as places (or their
        :class:`~karabakh_status._fold.PlaceIndex`); ``None`` for the bundled
        one.  Every place an event names must be there.  ``actors``: the
        actors its events may name (``actor``, ``announced_by``); ``None``
        for the bundled ones.  :func:`load` reads both from files beside a
        log, extending the bundled ones.

        ``check_ids``: check every place and actor id an event names (see
        :meth:`pinned` for when not to).

        ``pickle_revision(n)``, if given, says how a timeline of the first
        ``n`` events (and so a :class:`Status` read from it) pickles: a
        ``__reduce__`` value.  By default it pickles as its events.
        """
        from ._checks import check_actors, check_places  # not needed by a compiled log's History
        from ._log import check_sequence

        kept = tuple(events)
        check_sequence(kept, name)
        if places is None:
            from ._data import bundled_index

            places = bundled_index()
        if not isinstance(places, PlaceIndex):
            from ._fold import index_of

            places = index_of(places)
        if check_ids:
            check_places(kept, places, name)
        from ._actorbook import ActorBook

        if actors is not None and not isinstance(actors, ActorBook):
            actors = ActorBook(actors)
        recorded = array("i", [e.recorded.toordinal() for e in kept])
        self._set(kept, places, actors, name, digest, recorded, None, pickle_revision)
        if check_ids:
            check_actors(kept, self.actors.ids, name)

    def _set(  # noqa: PLR0917 - two call sites (__init__, _bundled for a compiled log), values in slot order
        self,
        events: tuple[Event, ...] | LazyEvents,
        places: PlaceIndex,
        actors: ActorBook | None,
        name: str,
        digest: str | None,
        recorded: array[int],
        latest: Timeline | None,
        pickle_revision: PickleAs,
    ) -> None:
        self._events = events
        self._index = places
        self._actors: ActorBook | None = actors  # None: the bundled actors, looked up when first needed
        self._name = name
        self._digest = digest
        self._recorded = recorded  # each event's recorded day (ordinal), for as_of days
        self._latest: Timeline | None = latest  # the whole log's timeline, once built
        self._timelines: dict[int, Timeline] = {}
        self._answers: dict[object, Status] = {}  # the one answer cache: whole-log status_at by query value
        self._lock = threading.Lock()
        self._pickle_revision = pickle_revision

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "<memory>") -> History:
        """Parse a log from its bytes; :class:`LogError` names ``name`` and the line."""
        import hashlib

        from ._log import parse_log

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

    @property
    def actors(self) -> ActorBook:
        """The actors this history's events may name, as a mapping by id that also finds them by name (``.find``)."""
        if self._actors is None:
            from ._data import bundled_actors

            self._actors = bundled_actors()
        return self._actors

    def actor(self, name: str) -> Actor:
        """The :class:`~karabakh_status.records.Actor` with this id or name (see :meth:`ActorBook.find`).

        Args:
            name: An id or display name, ignoring case, diacritics, hyphens and spaces.
        """
        return self.actors.find(name)

    def place(self, name: str) -> Place:
        """The :class:`~karabakh_status.records.Place` with this id or any of its names, in this history's gazetteer.

        Args:
            name: An id or any listed name, ignoring case, diacritics, hyphens and spaces.

        Raises :class:`~karabakh_status.AmbiguousNameError` for a name of
        more than one place (``"Jafarabad, Jabrayil"`` picks one),
        :class:`~karabakh_status.UnknownTerritoryError` with the closest
        names for a name of none.
        """
        gazetteer = self._index.gazetteer()
        _, found = gazetteer.resolve(name, territories=False)
        return gazetteer.by_id[found]

    def pinned(self, as_of: Revision) -> History:
        """This history as it stood at a revision: a :class:`History` of its first events, with its places and actors.

        Its ids are not checked again: the whole log passed, and an event of
        an early revision may name an id that only a later correction fixes
        (the fold skips such an id until then).

        Args:
            as_of: The revision (as ``as_of`` accepts everywhere).

        >>> import karabakh_status as ks
        >>> h = ks.default_history().pinned(500)
        >>> len(h), h.status_at("2020-11-25") == ks.status_at("2020-11-25", as_of=500)
        (500, True)
        """
        n = self.revision(as_of)
        if n == len(self._events):
            return self
        return History(
            self._events[:n],
            name=f"{self._name} (revision {n})",
            places=self._index,
            actors=self.actors,
            check_ids=False,
        )

    def __len__(self) -> int:
        return len(self._events)

    def __repr__(self) -> str:
        return f"<History {self._name!r} with {len(self._events)} events>"

    def events(self, *, as_of: Revision = None) -> tuple[Event, ...]:
        """All events, corrections included, in log order.

        Args:
            as_of: Pin the answer to a revision of the log (see :meth:`revision`: ``None``, an ``int`` or a day).
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
            as_of: Pin the answer to a revision of the log (see :meth:`revision`: ``None``, an ``int`` or a day).
        """
        n = self.revision(as_of)
        if n == len(self._events) and self._latest is not None:
            return self._latest
        with self._lock:
            timeline = self._timelines.pop(n, None)
            if timeline is None:
                pickled_as = None if self._pickle_revision is None else functools.partial(self._pickle_revision, n)
                timeline = Timeline(self._events[:n], self._index, pickled_as=pickled_as)
            if n == len(self._events):
                self._latest = timeline  # the whole log's: kept for good, outside the bound
            else:
                self._timelines[n] = timeline  # most recently used last
                while len(self._timelines) > self.revisions_kept:
                    del self._timelines[next(iter(self._timelines))]
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
            as_of: Pin the answer to a revision of the log (see :meth:`revision`: ``None``, an ``int`` or a day).

        The same answers as calling :meth:`status_at` for each day, built in
        one walk over the change days (a daily panel of the whole coverage
        takes a few milliseconds).
        """
        lo, hi = day_span(start, end)
        return self.timeline(as_of).statuses(lo, hi)

    def segments(self, start: DayLike, end: DayLike, *, as_of: Revision = None) -> Iterator[Segment]:
        """The days from ``start`` to ``end`` inclusive, as runs on which no answer changes.

        Args:
            start: The first day (anything :func:`~karabakh_status.status_at` accepts).
            end: The last day, inclusive.
            as_of: Pin the answer to a revision of the log (see :meth:`revision`: ``None``, an ``int`` or a day).

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
        lo, hi = day_span(start, end)
        from ._revisions import Segment  # attrs classes not needed for a first answer: made when first asked for

        timeline = self.timeline(as_of)
        for first, last in timeline.segments(lo, hi):
            yield Segment(pendulum.Date.fromordinal(first), pendulum.Date.fromordinal(last), timeline.status(first))

    def changes_between(self, start: DayLike, end: DayLike, *, as_of: Revision = None) -> tuple[Event, ...]:
        """Events taking effect after ``start`` and up to and including ``end``, in effect order.

        Args:
            start: The day after which events are listed (exclusive).
            end: The last day whose events are listed (inclusive).
            as_of: Pin the answer to a revision of the log (see :meth:`revision`: ``None``, an ``int`` or a day).
        """
        lo, hi = day_span(start, end)
        return self.timeline(as_of).effective_between(lo, hi)

    def last_day(self, as_of: Revision = None) -> pendulum.Date:
        """The last day a revision answers for by default (tables, figures, diff): its last ``recorded`` day,
        or its last day of change if that is later.

        Args:
            as_of: The revision (as everywhere).

        >>> import karabakh_status as ks
        >>> ks.default_history().last_day(as_of=1) >= pendulum.Date(2020, 1, 1)
        True
        """
        events = self.events(as_of=as_of)
        days = [COVERAGE_START_ORDINAL, *self.timeline(as_of).change_ordinals[-1:]]
        days += [events[-1].recorded.toordinal()] if events else []
        return pendulum.Date.fromordinal(max(days))

    def data_version(self) -> DataVersion:
        """The revision and digest of this log, to cite the data used."""
        from ._revisions import DataVersion, log_digest

        digest = log_digest(self._events) if self._digest is None else self._digest
        last = self._events[-1].recorded.isoformat() if self._events else None
        return DataVersion(len(self._events), digest, last, self._name)
