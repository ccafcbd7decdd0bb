"""The index over a log's change days: every day's state folded once, found by bisection."""

from __future__ import annotations

import bisect
import functools
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress, repeat
from typing import TYPE_CHECKING, Any, Final

import pendulum

from ._events import Correction, Event, Recognition, Statement, StatusChange
from ._fold import NO_PLACES, PlaceIndex, apply, effect_rank, initial_snapshot
from ._gc import paused_gc
from ._state import PlaceHolds, Snapshot
from ._status import Status, _status_of

if TYPE_CHECKING:
    from ._placemap import ClaimBook

__all__ = ["Timeline"]

_NEVER: Final = 2**31 - 1  # after every day (fits the arrays' C int)
_CLAIMS_MADE: Final = threading.Lock()  # held while a timeline makes its claims book, the first time it is asked


class Timeline:
    """Every change day of one revision of a log, folded once.

    :meth:`status` bisects over the change days; nothing is replayed per
    query.  One timeline is built per revision of a log that is asked about
    (:meth:`History.timeline <karabakh_status.History.timeline>`); it pickles
    as its events and is folded again when loaded.
    """

    __slots__ = (
        "_call_days",
        "_calls",
        "_change_counts",
        "_change_ordinals",
        "_claims",
        "_claims_from",
        "_days",
        "_events",
        "_index",
        "_initial",
        "_order",
        "_pickled_as",
        "_recognition_ends",
        "_recognition_starts",
        "_recognitions",
        "_snapshots",
        "_statement_counts",
        "_statements",
        "_uncertain",
        "_uncertain_hi",
        "_uncertain_lo",
    )

    def __init__(
        self,
        events: Sequence[Event],
        index: PlaceIndex = NO_PLACES,
        *,
        pickled_as: Callable[[], tuple[Any, ...]] | None = None,
    ) -> None:
        """Fold the events of one revision (corrections included, in log order) over the places of ``index``.

        What it keeps grows with the number of change days, plus a few bytes
        per event: the events' positions in effect order as a C array, the
        statements, recognitions and imprecise events as tuples, and, per
        change day, counts rather than per-event days.

        ``pickled_as``: how to pickle this timeline instead of as its events
        (it returns a ``__reduce__`` value; the bundled log's timelines
        pickle as a reference to their revision, see :mod:`._bundled`).
        """
        self._pickled_as = pickled_as
        self._index = index
        self._claims: ClaimBook | None = None
        with paused_gc():
            self._fold(events if type(events) is tuple else tuple(events))

    def _fold(self, events: tuple[Event, ...]) -> None:
        self._events = events
        dropped = {e.target for e in events if isinstance(e, Correction)}
        index = self._index
        # On one day, changes of whole territories come first, so that the day's named exceptions apply after them.
        keyed = sorted(
            (e.date.latest.toordinal(), effect_rank(e), i)
            for i, e in enumerate(events)
            if not isinstance(e, Correction) and e.id not in dropped
        )
        self._order = array("i", [i for _, _, i in keyed])
        change_ordinals, change_counts, statement_counts = array("i"), array("i"), array("i")
        statements: list[Statement] = []
        uncertain: list[Event] = []
        days: list[int] = []
        snapshots: list[Snapshot] = []
        changes: list[tuple[StatusChange, PlaceHolds]] = []
        state = self._initial = initial_snapshot(index)
        for k, (ordinal, _, i) in enumerate(keyed, 1):
            event = events[i]
            if isinstance(event, Statement):
                statements.append(event)
            elif isinstance(event, StatusChange):
                changes.append((event, state.places))
                state = apply(state, event, index)
                if days and days[-1] == ordinal:
                    snapshots[-1] = state
                else:
                    days.append(ordinal)
                    snapshots.append(state)
            if not event.date.exact:
                uncertain.append(event)
            if not change_ordinals or change_ordinals[-1] != ordinal:
                change_ordinals.append(ordinal)
                change_counts.append(k)
                statement_counts.append(len(statements))
            else:
                change_counts[-1] = k
                statement_counts[-1] = len(statements)
        self._change_ordinals = change_ordinals
        self._change_counts = change_counts
        self._statement_counts = statement_counts
        self._statements = tuple(statements)
        from ._placemap import ClaimBook  # only when claims are first asked for, not for a compiled timeline

        self._claims_from: Callable[[], ClaimBook] | None = functools.partial(ClaimBook, changes, self._index)
        self._calls = tuple(e for _, _, i in keyed if isinstance(e := events[i], Recognition) and e.action == "call")
        self._call_days = array("i", [c.effective.toordinal() for c in self._calls])
        recognitions, ends = _recognitions_in_effect(events[i] for _, _, i in keyed)
        self._recognitions = recognitions
        self._recognition_starts = array("i", [r.date.latest.toordinal() for r in recognitions])
        self._recognition_ends = array("i", ends)
        self._uncertain = tuple(uncertain)
        self._uncertain_lo = array("i", [e.date.earliest.toordinal() for e in uncertain])
        self._uncertain_hi = array("i", [e.date.latest.toordinal() for e in uncertain])
        self._days = days
        self._snapshots = snapshots

    def __reduce__(self) -> tuple[Any, ...]:
        return (Timeline, (self._events, self._index)) if self._pickled_as is None else self._pickled_as()

    def reduce_status(self, status: Status) -> tuple[Any, ...]:
        """How ``status`` (one of this timeline's) pickles: with this timeline when it pickles as a reference to
        its revision (the bundled log's), else as that day's answers only (not a whole log)."""
        if self._pickled_as is not None:
            return (_status_of, (self, status._ordinal))
        from ._day import DayAnswers, day_status

        return (day_status, (DayAnswers(status), status._ordinal))

    @property
    def index(self) -> PlaceIndex:
        """The places this timeline was folded over."""
        return self._index

    @property
    def claims(self) -> ClaimBook:
        """Every claim about a place in this revision, with the days each is open (built on first use)."""
        book: ClaimBook | None = self._claims
        if book is None:
            with _CLAIMS_MADE:  # made once, whichever thread asks first
                book = self._claims
                if book is None:
                    make = self._claims_from
                    assert make is not None  # set until the book is made
                    book = self._claims = make()
                    self._claims_from = None  # what it was made from is let go
        return book

    def parts(self) -> dict[str, Any]:
        """What this timeline holds, by slot (its claims built): what ``_compiled_fold`` compiles."""
        self.claims  # noqa: B018 - built, so that the parts include them
        return {name: getattr(self, name) for name in self.__slots__}

    @classmethod
    def from_parts(cls, parts: dict[str, Any]) -> Timeline:
        """A timeline holding ``parts`` (as :meth:`parts` gives them, or lazy stand-ins for them), not folded again."""
        timeline = cls.__new__(cls)
        for name in cls.__slots__:
            setattr(timeline, name, parts[name])
        return timeline

    def __len__(self) -> int:
        """The number of events this timeline was folded from (corrections included)."""
        return len(self._events)

    @property
    def change_ordinals(self) -> tuple[int, ...]:
        """The ordinals of the days on which any event took effect, in order."""
        return tuple(self._change_ordinals)

    @property
    def change_days(self) -> tuple[pendulum.Date, ...]:
        """The days on which any event took effect, in order."""
        return tuple(pendulum.Date.fromordinal(o) for o in self._change_ordinals)

    def snapshot_at(self, ordinal: int) -> Snapshot:
        """The folded state in force on the day with this ordinal."""
        i = bisect.bisect_right(self._days, ordinal)
        return self._snapshots[i - 1] if i else self._initial

    def status(self, ordinal: int) -> Status:
        """The :class:`~karabakh_status.Status` on the day with this ordinal."""
        i = bisect.bisect_right(self._days, ordinal)
        return Status(ordinal, self._snapshots[i - 1] if i else self._initial, self)

    def statuses(self, first: int, last: int) -> list[Status]:
        """The :class:`~karabakh_status.Status` of every day from ``first`` to ``last`` (ordinals, inclusive).

        Walks the change days once instead of bisecting for every day.
        """
        out: list[Status] = []
        days, snapshots = self._days, self._snapshots
        i = bisect.bisect_right(days, first)
        ordinal = first
        while ordinal <= last:
            snapshot = snapshots[i - 1] if i else self._initial
            stop = min(days[i] - 1, last) if i < len(days) else last
            out.extend(map(Status, range(ordinal, stop + 1), repeat(snapshot), repeat(self)))
            ordinal = stop + 1
            i += 1
        return out

    def segments(self, first: int, last: int) -> Iterator[tuple[int, int]]:
        """Runs of days from ``first`` to ``last`` (ordinals, inclusive) on which no answer changes.

        Each run is ``(first day, last day)``; a new run starts on every day
        an event takes effect and on every day an imprecise event's window
        opens, so that everything a :class:`~karabakh_status.Status` holds but its day is the
        same on every day of a run.
        """
        starts = sorted({*self._change_ordinals, *self._uncertain_lo})
        i = bisect.bisect_right(starts, first)
        begin = first
        for cut in starts[i:]:
            if cut > last:
                break
            yield begin, cut - 1
            begin = cut
        yield begin, last

    def _upto(self, counts: array[int], ordinal: int) -> int:
        """``counts`` (one per change day) as it stands on the day with this ordinal."""
        i = bisect.bisect_right(self._change_ordinals, ordinal)
        return counts[i - 1] if i else 0

    def effective_between(self, start: int, end: int) -> tuple[Event, ...]:
        """Events taking effect after day ``start`` and up to day ``end``, in effect order."""
        lo = self._upto(self._change_counts, start)
        hi = self._upto(self._change_counts, end)
        return tuple(map(self._events.__getitem__, self._order[lo:hi]))

    def recognitions_in_force(self, ordinal: int) -> tuple[Recognition, ...]:
        """Recognitions made by the day and not ended (withdrawn, or the state dissolved) by it."""
        count = bisect.bisect_right(self._recognition_starts, ordinal)
        still = [end > ordinal for end in self._recognition_ends[:count]]
        return tuple(compress(self._recognitions[:count], still))

    def calls_made(self, ordinal: int) -> tuple[Recognition, ...]:
        """Recognition events with the action ``call`` taking effect on or before the day, in effect order."""
        calls = self._calls
        return calls[: bisect.bisect_right(self._call_days, ordinal)]

    def statements_made(self, ordinal: int) -> tuple[Statement, ...]:
        """Statements taking effect on or before the day, in effect order."""
        return self._statements[: self._upto(self._statement_counts, ordinal)]

    def uncertain_on(self, ordinal: int) -> tuple[Event, ...]:
        """Events whose date window contains the day but which are not yet certain."""
        # In effect order the windows' last days ascend: only those after the
        # day can contain it, and of those, the ones that have begun.
        start = bisect.bisect_right(self._uncertain_hi, ordinal)
        begun = [lo <= ordinal for lo in self._uncertain_lo[start:]]
        return tuple(compress(self._uncertain[start:], begun))


def _recognitions_in_effect(effective: Iterable[Event]) -> tuple[tuple[Recognition, ...], list[int]]:
    """``recognize`` events in effect order, and the ordinal each stops being in force.

    A recognition ends when its actor withdraws, or when the de facto state
    it recognises is dissolved (a recognition of a state that no longer
    exists is not in force).
    """
    made: list[Recognition] = []
    ends: list[int] = []
    open_by_actor: dict[str, list[int]] = {}
    for e in effective:
        if isinstance(e, StatusChange) and e.state == "dissolved":
            day = e.effective.toordinal()
            for indices in open_by_actor.values():
                for k in indices:
                    ends[k] = day
            open_by_actor.clear()
        if not isinstance(e, Recognition):
            continue
        if e.action == "recognize":
            open_by_actor.setdefault(e.actor, []).append(len(made))
            made.append(e)
            ends.append(_NEVER)
        elif e.action == "withdraw":
            for k in open_by_actor.pop(e.actor, []):
                ends[k] = e.effective.toordinal()
    return tuple(made), ends
