"""A folded timeline in a compact, compiled form, read back lazily: the first answer does not fold the log.

The compiled log (:mod:`._compiled`) keeps every event as its own pickle
(:mod:`._lazy`) and the bundled log's folded
:class:`~karabakh_status._timeline.Timeline` as plain numbers, strings and
tuples, events named by their position in the log: a small part read at once
(arrays of day ordinals and event positions) and one blob per change day.
Read back, nothing is built before it is asked for: a day's snapshot is
decoded the first time a status of one of its days is read, each place's
hold the first time a place is asked about, and each event the first time an
answer reaches it.  So ``status_at`` and a district's holder cost about the
same whatever the length of the log.

>>> import karabakh_status as ks
>>> history = ks.default_history()
>>> events = history.events(as_of=400)
>>> folded = Timeline(events, history.places)
>>> small, blobs = compile_timeline(folded)
>>> restored = restore_timeline(LazyEvents.pickled(events), history.places, small, Region.of(blobs), None)
>>> day = pendulum.Date(1993, 8, 25).toordinal()
>>> restored.status(day) == folded.status(day), restored.status(day).controller("fuzuli")
(True, 'artsakh')
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, overload

import pendulum

from ._events import Event
from ._fold import PlaceIndex, initial_snapshot
from ._lazy import EventsAt, LazyEvents, LazySequence, Region
from ._state import ArtsakhState, Conditions, Hold, PlaceHolds, Snapshot, TerritoryMap, TerritoryState
from ._timeline import Timeline

if TYPE_CHECKING:
    from ._placemap import ClaimBook

__all__ = ["compile_timeline", "restore_timeline"]

_NONE: Final = -1  # "no event" where an event's position is kept
_ARRAYS: Final = (
    "_order",
    "_change_ordinals",
    "_change_counts",
    "_statement_counts",
    "_call_days",
    "_recognition_starts",
    "_recognition_ends",
    "_uncertain_lo",
    "_uncertain_hi",
)
_EVENT_TUPLES: Final = ("_statements", "_calls", "_recognitions", "_uncertain")


class _Numbers:
    """A number for each value met, by identity (the first met is 0)."""

    def __init__(self) -> None:
        self._numbers: dict[int, int] = {}
        self._keep: list[Any] = []  # so that no id is reused while numbering

    def __call__(self, value: Any) -> tuple[int, bool]:
        """The value's number, and whether it is met for the first time."""
        number = self._numbers.get(id(value))
        if number is not None:
            return number, False
        self._keep.append(value)
        number = self._numbers[id(value)] = len(self._keep) - 1
        return number, True


def compile_timeline(timeline: Timeline) -> tuple[tuple[Any, ...], list[bytes]]:
    """``timeline`` as what :mod:`marshal` writes, events named by position: a small part read at once, and blobs
    read when asked for (its claims, then one per change day: that day's snapshot).

    A territory's, the de facto state's and a place's state are numbered, so
    that states shared between days are shared again when read back.  A day's
    territories and de facto state are written in full with it, so that any
    day reads alone; a place's state is written in full on the first day it is
    met, and by number after, since places are read by replaying the days in
    order.
    """
    import marshal

    parts = timeline.parts()
    events: Sequence[Event] = parts["_events"]
    position = {id(e): i for i, e in enumerate(events)}

    def at(event: Event | None) -> int:
        return _NONE if event is None else position[id(event)]

    def territory(t: TerritoryState) -> tuple[Any, ...]:
        number, _ = territories(t)
        return (number, t.controller, t.since.toordinal(), t.partial, t.other_holder, at(t.event), t.holders)

    def hold(i: int, h: Hold | None) -> tuple[Any, ...]:
        if h is None:
            return (i, _NONE)
        number, first = holds(h)
        return (i, number, h.controller, h.since, at(h.event), h.named) if first else (i, number)

    territories, artsakhs, holds = _Numbers(), _Numbers(), _Numbers()
    snapshots = []
    before: tuple[Hold | None, ...] = parts["_initial"].places._holds
    for s in parts["_snapshots"]:
        now: tuple[Hold | None, ...] = s.places._holds
        pairs = enumerate(zip(now, before, strict=True))
        a = s.artsakh
        number, _ = artsakhs(a)
        state = (number, a.exists, a.name, a.stage, a.since.toordinal(), at(a.event))
        snapshot = (
            tuple(map(territory, s.territories._values)),
            state,
            s.conditions._values,
            tuple(hold(i, h) for i, (h, was) in pairs if h is not was),
            tuple(tuple(c.items()) for c in s.places._counts),
        )
        snapshots.append(marshal.dumps(snapshot))
        before = now
    claims = tuple(
        (i, tuple((made, settled, c.place, at(c.event), at(c.settled_by)) for made, settled, c in found))
        for i, found in parts["_claims"].by_place.items()
    )
    small = (
        tuple(parts[name].tobytes() for name in _ARRAYS),
        tuple(array("i", map(at, parts[name])).tobytes() for name in _EVENT_TUPLES),
        array("i", parts["_days"]).tobytes(),
    )
    return small, [marshal.dumps(claims), *snapshots]


class _Decoder:
    """Turns a compiled timeline's blobs back into states, each once, when first asked for."""

    def __init__(self, events: LazyEvents, index: PlaceIndex, blobs: Region) -> None:
        self.events = events
        self.index = index
        self._blobs = blobs
        # The states decoded so far, by number (dictionaries: only what is read is ever held).
        self._territories: dict[int, TerritoryState] = {}
        self._artsakhs: dict[int, ArtsakhState] = {}
        self._holds: dict[int, Hold] = {}
        self._hold_entries: dict[int, tuple[Any, ...]] = {}  # a place state's fields, kept from the day it is met
        # The last snapshot replayed: its number, its place states' numbers, and those states (changed in place,
        # so replayed by one thread at a time).
        self._replayed: tuple[int, list[int], list[Hold | None] | None] = (-1, [], None)
        self._replaying = threading.Lock()

    def event(self, position: int) -> Any:
        return None if position == _NONE else self.events[position]

    def _snapshot_data(self, k: int) -> tuple[Any, ...]:
        import marshal

        data: tuple[Any, ...] = marshal.loads(self._blobs[k + 1])  # noqa: S302 - blob 0 is the claims
        return data

    def territory(self, entry: tuple[Any, ...]) -> TerritoryState:
        state = self._territories.get(entry[0])
        if state is None:
            _, controller, since, partial, other, event, holders = entry
            state = TerritoryState(controller, _day(since), partial, other, self.event(event), holders)
            self._territories[entry[0]] = state
        return state

    def _number(self, entry: tuple[Any, ...]) -> int:
        """The number of the place state a day's change gives its place (keeping its fields where written in full)."""
        number: int = entry[1]
        if len(entry) > 2:
            self._hold_entries.setdefault(number, entry[2:])
        return number

    def _hold(self, number: int) -> Hold | None:
        """Place state ``number`` (decoded the first time: only the states of the days asked for ever are)."""
        if number == _NONE:
            return None
        found = self._holds.get(number)
        if found is None:
            controller, since, event, named = self._hold_entries[number]
            found = self._holds[number] = Hold(controller, since, self.events[event], named)
        return found

    def holds_at(self, k: int) -> tuple[Hold | None, ...]:
        """The holds of snapshot ``k``: the changes of snapshots 0 to ``k`` replayed, from the last one replayed when
        that is not after ``k``.  The day after the last one costs only its changes (a panel walks the days in
        order); any other day decodes the states of that day alone."""
        with self._replaying:
            return self._replay(k)

    def _replay(self, k: int) -> tuple[Hold | None, ...]:
        done, numbers, holds = self._replayed
        if done == k - 1 and holds is not None:
            for entry in self._snapshot_data(k)[3]:
                holds[entry[0]] = self._hold(self._number(entry))
                numbers[entry[0]] = entry[1]
            self._replayed = (k, numbers, holds)
            return tuple(holds)
        if done > k or done < 0:
            done, numbers = -1, [_NONE] * len(self.index)
        for j in range(done + 1, k + 1):
            for entry in self._snapshot_data(j)[3]:
                numbers[entry[0]] = self._number(entry)
        holds = list(map(self._hold, numbers))
        self._replayed = (k, numbers, holds)
        return tuple(holds)

    def snapshot(self, k: int) -> Snapshot:
        territories, artsakh, conditions, _, counts = self._snapshot_data(k)
        state = self._artsakhs.get(artsakh[0])
        if state is None:
            _, exists, name, stage, since, event = artsakh
            state = self._artsakhs[artsakh[0]] = ArtsakhState(exists, name, stage, _day(since), self.event(event))
        return Snapshot(
            TerritoryMap(tuple(map(self.territory, territories))),
            state,
            Conditions(conditions),
            _LazyHolds(self, k, tuple(map(dict, counts))),
        )

    def claims(self) -> ClaimBook:
        import marshal

        from ._placemap import Claim, ClaimBook  # claims are read only when asked for

        return ClaimBook.restored(
            {
                i: tuple(
                    (made, settled, Claim(place, self.events[event], self.event(settled_by)))
                    for made, settled, place, event, settled_by in found
                )
                for i, found in marshal.loads(self._blobs[0])  # noqa: S302 - the package's own build output
            }
        )


def _day(ordinal: int) -> pendulum.Date:
    return pendulum.Date.fromordinal(ordinal)


class _LazyHolds(PlaceHolds):
    """A compiled snapshot's :class:`~karabakh_status._state.PlaceHolds`, decoded when first read."""

    __slots__ = ("_decoded", "_decoder", "_k")

    def __init__(self, decoder: _Decoder, k: int, counts: tuple[dict[str, int], ...]) -> None:
        self._decoder = decoder
        self._k = k
        self._decoded: tuple[Hold | None, ...] | None = None
        self._counts = counts

    @property
    def _holds(self) -> tuple[Hold | None, ...]:
        decoded = self._decoded
        if decoded is None:
            decoded = self._decoded = self._decoder.holds_at(self._k)
        return decoded

    @_holds.setter
    def _holds(self, value: tuple[Hold | None, ...]) -> None:
        raise AttributeError("a compiled snapshot's holds are read-only")

    def __getitem__(self, position: int) -> Hold | None:
        decoded = self._decoded  # the property's work, inline: the daily panels read every place of every day
        if decoded is None:
            decoded = self._decoded = self._decoder.holds_at(self._k)
        return decoded[position]

    def __reduce__(self) -> tuple[object, ...]:
        return (PlaceHolds, (self._holds, self._counts))


class _Snapshots(LazySequence[Snapshot]):
    """A compiled timeline's snapshots, one per change day, each decoded when first read."""

    __slots__ = ("_decoded", "_decoder")

    def __init__(self, decoder: _Decoder, count: int) -> None:
        self._decoder = decoder
        self._decoded: list[Snapshot | None] = [None] * count

    def __len__(self) -> int:
        return len(self._decoded)

    def _item(self, k: int) -> Snapshot:
        found = self._decoded[k]
        if found is None:
            found = self._decoded[k] = self._decoder.snapshot(k)
        return found

    @overload
    def __getitem__(self, k: int) -> Snapshot: ...
    @overload
    def __getitem__(self, k: slice) -> tuple[Snapshot, ...]: ...
    def __getitem__(self, k: int | slice) -> Snapshot | tuple[Snapshot, ...]:
        if type(k) is int:  # every status_at not remembered comes here: one list lookup once the day is decoded
            found = self._decoded[k]
            if found is not None:
                return found
        return super().__getitem__(k)


def restore_timeline(
    events: LazyEvents,
    index: PlaceIndex,
    small: tuple[Any, ...],
    blobs: Region,
    pickled_as: Callable[[], tuple[Any, ...]] | None,
) -> Timeline:
    """The timeline :func:`compile_timeline` compiled into ``small`` and ``blobs``, over ``events`` and the places
    of ``index``: nothing in the blobs is read until an answer needs it."""
    arrays, event_arrays, days = small
    decoder = _Decoder(events, index, blobs)
    parts: dict[str, Any] = {name: array("i", raw) for name, raw in zip(_ARRAYS, arrays, strict=True)}
    parts.update(
        (name, EventsAt(events, array("i", raw))) for name, raw in zip(_EVENT_TUPLES, event_arrays, strict=True)
    )
    ordinals = array("i", days).tolist()
    parts.update(
        _events=events,
        _index=index,
        _pickled_as=pickled_as,
        _initial=initial_snapshot(index),
        _days=ordinals,
        _snapshots=_Snapshots(decoder, len(ordinals)),
        _claims=None,
        _claims_from=decoder.claims,
    )
    return Timeline.from_parts(parts)
