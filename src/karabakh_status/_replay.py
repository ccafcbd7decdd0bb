"""Replay: a pure fold of events into immutable status values, and the timeline."""

from __future__ import annotations

import bisect
import datetime as _dt
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import compress, repeat
from typing import Any, ClassVar, Final

import attrs
import pendulum

from ._dates import COVERAGE_START, day_ordinal
from ._errors import UnknownTerritoryError
from ._events import Correction, Event, Recognition, Statement, StatusChange
from ._gc import paused_gc
from ._vocabulary import CONDITIONS, INITIAL_CONDITIONS, INITIAL_CONTROLLER, TERRITORIES

__all__ = [
    "ArtsakhState",
    "Conditions",
    "Snapshot",
    "Status",
    "TerritoryMap",
    "TerritoryState",
    "Timeline",
    "apply",
    "initial_snapshot",
]

_NEVER: Final = 2**31 - 1  # after every day (fits the arrays' C int)

#: Query values whose answer a timeline remembers: exactly these types, so
#: that no subclass with its own ``__eq__`` or ``__hash__`` can be mistaken
#: for a remembered day.  (Aware datetimes are not remembered: two with the
#: same tzinfo compare equal when only their ``fold`` differs, yet are an
#: hour apart and can fall on different days in Asia/Baku.)
MEMO_KEY_TYPES: Final = frozenset({_dt.date, pendulum.Date, str})

#: How many query values a timeline remembers before it starts afresh: two
#: for every day from 1988 to the 2030s (a date and its ISO string).
MEMO_SIZE: Final = 32768


@attrs.frozen
class TerritoryState:
    """Who holds a territory.

    Attributes:
        controller: The controller's id (``"azerbaijan"``, ``"artsakh"``, ...).
        since: The day this control began (coverage start for the initial state).
        partial: Whether the controller holds only part of the territory.
        other_holder: Who holds the rest, when ``partial``.
        event: The status change that set this control (``None`` initially).
    """

    controller: str
    since: pendulum.Date
    partial: bool = False
    other_holder: str | None = None
    event: StatusChange | None = None


@attrs.frozen
class ArtsakhState:
    """The de facto Nagorno-Karabakh Republic / Republic of Artsakh.

    Attributes:
        exists: Whether the de facto state exists on the ground.
        name: Its name while it exists, else ``None``.
        stage: The last step of its life recorded (``"proclaimed"``,
            ``"independence-declared"``, ``"dissolved"``, ...), or ``None``.
        since: The day of that step (coverage start initially).
        event: The status change of that step (``None`` initially).
    """

    exists: bool = False
    name: str | None = None
    stage: str | None = None
    since: pendulum.Date = COVERAGE_START
    event: StatusChange | None = None


_INITIAL_HELD: Final = TerritoryState(INITIAL_CONTROLLER, COVERAGE_START)


class _FixedMapping(Mapping[str, Any]):
    """An immutable mapping over a fixed, ordered set of keys: one tuple of values per instance.

    A snapshot is kept for every day on which the status changed, so its
    mappings are made as small as they can be: a tuple, not a dict.
    """

    __slots__ = ("_values",)
    _KEYS: ClassVar[tuple[str, ...]] = ()
    _INDEX: ClassVar[Mapping[str, int]] = {}

    def __init__(self, values: tuple[Any, ...]) -> None:
        if len(values) != len(self._KEYS):
            raise ValueError(f"expected {len(self._KEYS)} values, one for each of {', '.join(self._KEYS)}")
        self._values = values

    def __iter__(self) -> Iterator[str]:
        return iter(self._KEYS)

    def __len__(self) -> int:
        return len(self._KEYS)

    def __contains__(self, key: object) -> bool:
        return key in self._INDEX

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return self._values == other._values
        return Mapping.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self.items())!r})"


class TerritoryMap(_FixedMapping):
    """Each territory's :class:`TerritoryState`, by territory id, in ``TERRITORIES`` order.

    Read-only.  It holds, for each territory, the status change that set its
    control (nothing for the initial state); a :class:`TerritoryState` is
    made the first time it is read, and kept for every map of the same fold.

    >>> m = initial_snapshot().territories
    >>> m["shusha"].controller, len(m), "shusha" in m
    ('ussr', 15, True)
    """

    __slots__ = ("_states",)
    _KEYS: ClassVar[tuple[str, ...]] = tuple(TERRITORIES)
    _INDEX: ClassVar[Mapping[str, int]] = {k: i for i, k in enumerate(TERRITORIES)}

    def __init__(
        self, values: tuple[StatusChange | None, ...], states: dict[int, TerritoryState] | None = None
    ) -> None:
        """``values``: the status change holding each territory; ``states``: the :class:`TerritoryState`
        already made for a status change, by its ``id()``, shared with the maps folded from this one."""
        super().__init__(values)
        # Keyed by id(): each value holds its event, so no id is reused while it is here.
        self._states = {} if states is None else states

    def __getitem__(self, territory: str) -> TerritoryState:
        event: StatusChange | None = self._values[self._INDEX[territory]]
        if event is None:
            return _INITIAL_HELD
        state = self._states.get(id(event))
        if state is None:
            assert event.controller is not None  # checked by StatusChange
            state = TerritoryState(event.controller, event.effective, event.partial, event.other_holder, event)
            self._states[id(event)] = state
        return state

    def controller(self, territory: str) -> str:
        """Who holds ``territory`` (``KeyError`` if unknown): ``self[territory].controller``, made faster."""
        event: StatusChange | None = self._values[self._INDEX[territory]]
        return INITIAL_CONTROLLER if event is None else event.controller  # type: ignore[return-value]

    def controllers(self) -> tuple[str, ...]:
        """Every territory's controller, in ``TERRITORIES`` order."""
        return tuple(INITIAL_CONTROLLER if e is None else e.controller for e in self._values)

    def changed(self, event: StatusChange) -> TerritoryMap:
        """The map after ``event`` passes its territories to its controller."""
        held = list(self._values)
        index = self._INDEX
        for t in event.territories:
            held[index[t]] = event
        return TerritoryMap(tuple(held), self._states)


class Conditions(_FixedMapping):
    """Each condition's value, by condition id, in ``CONDITIONS`` order.  Read-only.

    >>> c = initial_snapshot().conditions
    >>> c["lachin-corridor"], dict(c) == dict(INITIAL_CONDITIONS)
    ('none', True)
    """

    __slots__ = ()
    _KEYS: ClassVar[tuple[str, ...]] = tuple(CONDITIONS)
    _INDEX: ClassVar[Mapping[str, int]] = {k: i for i, k in enumerate(CONDITIONS)}

    def __getitem__(self, condition: str) -> str:
        return self._values[self._INDEX[condition]]  # type: ignore[no-any-return]

    def changed(self, condition: str, value: str) -> Conditions:
        """The conditions with ``condition`` set to ``value``."""
        values = list(self._values)
        values[self._INDEX[condition]] = value
        return Conditions(tuple(values))


@attrs.frozen
class Snapshot:
    """The state folded so far: what a day's :class:`Status` is built from.

    Attributes:
        territories: Each territory's :class:`TerritoryState` (a :class:`TerritoryMap`).
        artsakh: The :class:`ArtsakhState`.
        conditions: Each condition's value (a :class:`Conditions`).

    Statements and recognitions are not folded into snapshots: which of them
    count on a day follows from their effect days alone (see
    :class:`Timeline`), so a snapshot changes only when a status does.
    """

    territories: TerritoryMap
    artsakh: ArtsakhState
    conditions: Conditions


def initial_snapshot() -> Snapshot:
    """The state on the first day of coverage (1988-01-01).

    >>> s = initial_snapshot()
    >>> s.territories["shusha"].controller, s.artsakh.exists, s.conditions["lachin-corridor"]
    ('ussr', False, 'none')
    """
    return Snapshot(
        territories=TerritoryMap((None,) * len(TERRITORIES)),
        artsakh=ArtsakhState(),
        conditions=Conditions(tuple(INITIAL_CONDITIONS.values())),
    )


def apply(state: Snapshot, event: Event) -> Snapshot:
    """One step of the fold: the state after ``event`` takes effect.

    Pure: ``state`` is not changed; a new :class:`Snapshot` is returned
    (sharing what did not change).  Only status changes change a snapshot;
    corrections decide which events are folded at all.
    """
    if not isinstance(event, StatusChange):
        return state
    if event.territories:
        return Snapshot(state.territories.changed(event), state.artsakh, state.conditions)
    if event.condition is not None:
        assert event.value is not None  # checked by StatusChange
        return Snapshot(state.territories, state.artsakh, state.conditions.changed(event.condition, event.value))
    day = event.effective
    a = state.artsakh
    if event.state == "proclaimed":
        artsakh = ArtsakhState(True, event.name, event.state, day, event)
    elif event.state == "dissolved":
        artsakh = ArtsakhState(False, None, event.state, day, event)
    else:
        name = event.name if event.state == "renamed" and a.exists else a.name
        artsakh = ArtsakhState(a.exists, name, event.state, day, event)
    return Snapshot(state.territories, artsakh, state.conditions)


class Timeline:
    """Every change day of one revision of a log, folded once.

    ``status_at`` bisects over the change days; nothing is replayed per query.
    :meth:`status_for` also remembers the answer for each plain date or ISO
    string asked (a :class:`Status` is immutable, so the same value can be
    handed out again): a repeated query is one dictionary lookup.
    """

    __slots__ = (
        "_change_counts",
        "_change_ordinals",
        "_days",
        "_events",
        "_initial",
        "_memo",
        "_order",
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

    def __init__(self, events: Sequence[Event]) -> None:
        """Fold the events of one revision (corrections included, in log order).

        What it keeps grows with the number of change days, plus a few bytes
        per event: the events' positions in effect order as a C array, the
        statements, recognitions and imprecise events as tuples, and, per
        change day, counts rather than per-event days.
        """
        with paused_gc():
            self._fold(events if type(events) is tuple else tuple(events))

    def _fold(self, events: tuple[Event, ...]) -> None:
        self._events = events
        dropped = {e.target for e in events if isinstance(e, Correction)}
        keyed = sorted(
            (e.date.latest.toordinal(), i)
            for i, e in enumerate(events)
            if not isinstance(e, Correction) and e.id not in dropped
        )
        self._order = array("i", [i for _, i in keyed])
        change_ordinals, change_counts, statement_counts = array("i"), array("i"), array("i")
        statements: list[Statement] = []
        uncertain: list[Event] = []
        days: list[int] = []
        snapshots: list[Snapshot] = []
        state = self._initial = initial_snapshot()
        for k, (ordinal, i) in enumerate(keyed, 1):
            event = events[i]
            if isinstance(event, Statement):
                statements.append(event)
            elif isinstance(event, StatusChange):
                state = apply(state, event)
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
        recognitions, ends = _recognitions_in_effect(events[i] for _, i in keyed)
        self._recognitions = recognitions
        self._recognition_starts = array("i", [r.date.latest.toordinal() for r in recognitions])
        self._recognition_ends = array("i", ends)
        self._uncertain = tuple(uncertain)
        self._uncertain_lo = array("i", [e.date.earliest.toordinal() for e in uncertain])
        self._uncertain_hi = array("i", [e.date.latest.toordinal() for e in uncertain])
        self._days = days
        self._snapshots = snapshots
        self._memo: dict[object, Status] = {}

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
        """The :class:`Status` on the day with this ordinal."""
        i = bisect.bisect_right(self._days, ordinal)
        return _new_status(Status, (ordinal, self._snapshots[i - 1] if i else self._initial, self))

    def status_for(self, when: object) -> Status:
        """The :class:`Status` on the day a query value means (any value ``status_at`` accepts).

        The answer for a :class:`datetime.date`, :class:`pendulum.Date` or
        ``str`` (exactly those types) is remembered, up to
        ``MEMO_SIZE`` values; asking again returns the same object.

        >>> import karabakh_status as ks
        >>> t = ks.default_history().timeline()
        >>> t.status_for("2020-11-25") is t.status_for("2020-11-25")
        True
        """
        if type(when) not in MEMO_KEY_TYPES:
            return self.status(day_ordinal(when))
        found = self._memo.get(when)
        return self.remember(when) if found is None else found

    def remember(self, when: object) -> Status:
        """:meth:`status_for` a query value not remembered yet, of one of ``MEMO_KEY_TYPES``: answer and remember it."""
        status = self.status(day_ordinal(when))
        memo = self._memo
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[when] = status
        return status

    def statuses(self, first: int, last: int) -> list[Status]:
        """The :class:`Status` of every day from ``first`` to ``last`` (ordinals, inclusive).

        Walks the change days once instead of bisecting for every day.
        """
        out: list[Status] = []
        days, snapshots = self._days, self._snapshots
        i = bisect.bisect_right(days, first)
        ordinal = first
        while ordinal <= last:
            snapshot = snapshots[i - 1] if i else self._initial
            stop = min(days[i] - 1, last) if i < len(days) else last
            out.extend(map(_new_status, repeat(Status), zip(range(ordinal, stop + 1), repeat(snapshot), repeat(self))))
            ordinal = stop + 1
            i += 1
        return out

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


_new_status = tuple.__new__


class Status(tuple[int, Snapshot, "Timeline"]):
    """The situation in force on one calendar day: an immutable value.

    Every event dated on or before :attr:`day` has been applied; an event
    known only within a window takes effect on the window's last day and is
    listed in :attr:`uncertain` on the days before.  (Built by
    :meth:`History.status_at <karabakh_status.History.status_at>`; it is a
    tuple underneath only so that making one costs next to nothing.)

    >>> import karabakh_status as ks
    >>> s = ks.status_at("2020-11-25")
    >>> s.controller("kalbajar")
    'azerbaijan'
    >>> s.artsakh.exists, s.artsakh.name
    (True, 'Republic of Artsakh')
    """

    __slots__ = ()

    @property
    def _ordinal(self) -> int:
        return tuple.__getitem__(self, 0)  # type: ignore[return-value]

    @property
    def _snapshot(self) -> Snapshot:
        return tuple.__getitem__(self, 1)  # type: ignore[return-value]

    @property
    def _timeline(self) -> Timeline:
        return tuple.__getitem__(self, 2)  # type: ignore[return-value]

    @property
    def day(self) -> pendulum.Date:
        """The calendar day this status is for."""
        return pendulum.Date.fromordinal(self._ordinal)

    @property
    def territories(self) -> TerritoryMap:
        """Each territory's :class:`TerritoryState`, by territory id (a read-only :class:`TerritoryMap`)."""
        return self._snapshot.territories

    @property
    def artsakh(self) -> ArtsakhState:
        """Whether the de facto state exists, and under what name."""
        return self._snapshot.artsakh

    @property
    def conditions(self) -> Conditions:
        """Each condition's value, e.g. ``{'lachin-corridor': 'open', ...}`` (a read-only :class:`Conditions`)."""
        return self._snapshot.conditions

    @property
    def recognitions(self) -> tuple[Recognition, ...]:
        """Recognitions in force (made, not withdrawn, and the state not dissolved) on this day.

        Calls for recognition, rejected motions and support for
        self-determination are never recognitions.
        """
        return self._timeline.recognitions_in_force(self._ordinal)

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Statements made on or before this day, in effect order."""
        return self._timeline.statements_made(self._ordinal)

    @property
    def uncertain(self) -> tuple[Event, ...]:
        """Events whose date window contains this day but that have not surely happened yet."""
        return self._timeline.uncertain_on(self._ordinal)

    def controller(self, territory: str) -> str:
        """The id of who controls ``territory`` on this day.

        Raises :class:`~karabakh_status.UnknownTerritoryError` for an id not
        in the vocabulary.
        """
        try:
            return self._snapshot.territories.controller(territory)
        except (KeyError, TypeError):
            known = ", ".join(TERRITORIES)
            raise UnknownTerritoryError(f"unknown territory {territory!r}; expected one of {known}"[:500]) from None

    def _view(self) -> tuple[object, ...]:
        return (
            self._ordinal,
            self.territories,
            self.artsakh,
            self.conditions,
            self.recognitions,
            self.statements,
            self.uncertain,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self._view() == other._view()

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        return hash((self._ordinal, self._snapshot.territories.controllers()))

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("a Status is tied to its timeline; pickle the History and the day instead")

    def __copy__(self) -> Status:
        return self  # immutable

    def __deepcopy__(self, memo: object) -> Status:
        return self

    def __repr__(self) -> str:
        held = ", ".join(f"{k}={v.controller}{'~' if v.partial else ''}" for k, v in self.territories.items())
        return f"<Status {self.day} artsakh={self.artsakh.exists} {held}>"
