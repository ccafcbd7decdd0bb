"""Replay: a pure fold of events into immutable status values, and the timeline."""

from __future__ import annotations

import bisect
import datetime as _dt
from array import array
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Final

import attrs
import pendulum

from ._dates import COVERAGE_START, day_ordinal
from ._errors import UnknownTerritoryError
from ._events import Correction, Event, Recognition, Statement, StatusChange
from ._vocabulary import INITIAL_CONDITIONS, INITIAL_CONTROLLER, TERRITORIES

__all__ = ["ArtsakhState", "Snapshot", "Status", "TerritoryState", "Timeline", "apply", "initial_snapshot"]

_NEVER: Final = 2**31 - 1  # after every day (fits the arrays' C int)

#: Query values whose answer a timeline remembers: exactly these types, so
#: that no subclass with its own ``__eq__`` or ``__hash__`` can be mistaken
#: for a remembered day.  (Aware datetimes are not remembered: two of them
#: can be equal yet fall on different days in Asia/Baku.)
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


@attrs.frozen
class Snapshot:
    """The state folded so far: what a day's :class:`Status` is built from.

    Attributes:
        territories: Each territory's :class:`TerritoryState`.
        artsakh: The :class:`ArtsakhState`.
        conditions: Each condition's value.

    Statements and recognitions are not folded into snapshots: which of them
    count on a day follows from their effect days alone (see
    :class:`Timeline`), so a snapshot changes only when a status does.
    """

    territories: Mapping[str, TerritoryState]
    artsakh: ArtsakhState
    conditions: Mapping[str, str]


def initial_snapshot() -> Snapshot:
    """The state on the first day of coverage (1988-01-01).

    >>> s = initial_snapshot()
    >>> s.territories["shusha"].controller, s.artsakh.exists, s.conditions["lachin-corridor"]
    ('ussr', False, 'none')
    """
    held = TerritoryState(INITIAL_CONTROLLER, COVERAGE_START)
    return Snapshot(
        territories=MappingProxyType(dict.fromkeys(TERRITORIES, held)),
        artsakh=ArtsakhState(),
        conditions=INITIAL_CONDITIONS,
    )


def apply(state: Snapshot, event: Event) -> Snapshot:
    """One step of the fold: the state after ``event`` takes effect.

    Pure: ``state`` is not changed; a new :class:`Snapshot` is returned
    (sharing what did not change).  Only status changes change a snapshot;
    corrections decide which events are folded at all.
    """
    if not isinstance(event, StatusChange):
        return state
    day = event.effective
    if event.territories:
        assert event.controller is not None  # checked by StatusChange
        held = TerritoryState(event.controller, day, event.partial, event.other_holder, event)
        territories = state.territories.copy()  # type: ignore[attr-defined]
        territories.update(dict.fromkeys(event.territories, held))
        return Snapshot(MappingProxyType(territories), state.artsakh, state.conditions)
    if event.condition is not None:
        assert event.value is not None  # checked by StatusChange
        conditions = {**state.conditions, event.condition: event.value}
        return Snapshot(state.territories, state.artsakh, MappingProxyType(conditions))
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
        "_change_ordinals",
        "_days",
        "_effect_ordinals",
        "_effective",
        "_initial",
        "_memo",
        "_recognition_ends",
        "_recognition_starts",
        "_recognitions",
        "_snapshots",
        "_statement_ordinals",
        "_statements",
        "_uncertain",
        "_uncertain_hi",
        "_uncertain_lo",
    )

    def __init__(self, events: Sequence[Event]) -> None:
        """Fold the events of one revision (corrections included, in log order)."""
        dropped = {e.target for e in events if isinstance(e, Correction)}
        order = sorted(
            (e.date.latest.toordinal(), i)
            for i, e in enumerate(events)
            if not isinstance(e, Correction) and e.id not in dropped
        )
        effective = tuple(events[i] for _, i in order)
        self._effective = effective
        self._effect_ordinals = array("i", [o for o, _ in order])
        self._change_ordinals = sorted(set(self._effect_ordinals))
        statements = [(o, e) for (o, _), e in zip(order, effective, strict=True) if isinstance(e, Statement)]
        self._statements = tuple(e for _, e in statements)
        self._statement_ordinals = array("i", [o for o, _ in statements])
        recognitions, ends = _recognitions_in_effect(effective)
        self._recognitions = recognitions
        self._recognition_starts = array("i", [r.date.latest.toordinal() for r in recognitions])
        self._recognition_ends = array("i", ends)
        uncertain = [e for e in effective if not e.date.exact]
        self._uncertain = tuple(uncertain)
        self._uncertain_lo = array("i", [e.date.earliest.toordinal() for e in uncertain])
        self._uncertain_hi = array("i", [e.date.latest.toordinal() for e in uncertain])
        self._initial = initial_snapshot()
        days: list[int] = []
        snapshots: list[Snapshot] = []
        state = self._initial
        for (ordinal, _), event in zip(order, effective, strict=True):
            if not isinstance(event, StatusChange):
                continue
            state = apply(state, event)
            if days and days[-1] == ordinal:
                snapshots[-1] = state
            else:
                days.append(ordinal)
                snapshots.append(state)
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
        """The :class:`Status` on the day a query value means (see :func:`~karabakh_status._dates.day_ordinal`).

        The answer for a :class:`datetime.date`, :class:`pendulum.Date` or
        ``str`` (exactly those types) is remembered, up to
        :data:`MEMO_SIZE` values; asking again returns the same object.

        >>> import karabakh_status as ks
        >>> t = ks.default_history().timeline()
        >>> t.status_for("2020-11-25") is t.status_for("2020-11-25")
        True
        """
        if type(when) not in MEMO_KEY_TYPES:
            return self.status(day_ordinal(when))
        memo = self._memo
        found = memo.get(when)
        if found is None:
            found = self.status(day_ordinal(when))
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[when] = found
        return found

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
            out.extend([_new_status(Status, (o, snapshot, self)) for o in range(ordinal, stop + 1)])
            ordinal = stop + 1
            i += 1
        return out

    def effective_between(self, start: int, end: int) -> tuple[Event, ...]:
        """Events taking effect after day ``start`` and up to day ``end``, in effect order."""
        lo = bisect.bisect_right(self._effect_ordinals, start)
        hi = bisect.bisect_right(self._effect_ordinals, end)
        return self._effective[lo:hi]

    def recognitions_in_force(self, ordinal: int) -> tuple[Recognition, ...]:
        """Recognitions made by the day and not ended (withdrawn, or the state dissolved) by it."""
        count = bisect.bisect_right(self._recognition_starts, ordinal)
        ends = self._recognition_ends
        return tuple(r for k, r in enumerate(self._recognitions[:count]) if ends[k] > ordinal)

    def statements_made(self, ordinal: int) -> tuple[Statement, ...]:
        """Statements taking effect on or before the day, in effect order."""
        return self._statements[: bisect.bisect_right(self._statement_ordinals, ordinal)]

    def uncertain_on(self, ordinal: int) -> tuple[Event, ...]:
        """Events whose date window contains the day but which are not yet certain."""
        lo, hi = self._uncertain_lo, self._uncertain_hi
        return tuple(e for k, e in enumerate(self._uncertain) if lo[k] <= ordinal < hi[k])


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
    def territories(self) -> Mapping[str, TerritoryState]:
        """Each territory's :class:`TerritoryState`, by territory id."""
        return self._snapshot.territories

    @property
    def artsakh(self) -> ArtsakhState:
        """Whether the de facto state exists, and under what name."""
        return self._snapshot.artsakh

    @property
    def conditions(self) -> Mapping[str, str]:
        """Each condition's value, e.g. ``{'lachin-corridor': 'open', ...}``."""
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
            return self._snapshot.territories[territory].controller
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
        return hash((self._ordinal, tuple(t.controller for t in self.territories.values())))

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("a Status is tied to its timeline; pickle the History and the day instead")

    def __copy__(self) -> Status:
        return self  # immutable

    def __deepcopy__(self, memo: object) -> Status:
        return self

    def __repr__(self) -> str:
        held = ", ".join(f"{k}={v.controller}{'~' if v.partial else ''}" for k, v in self.territories.items())
        return f"<Status {self.day} artsakh={self.artsakh.exists} {held}>"
