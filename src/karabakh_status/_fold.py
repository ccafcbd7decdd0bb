"""The pure fold: the state after each event, with places moved only by events that name them or cover their district.

The rule (see the docs' "How control is recorded"):

* a place changes hands only by an event that names it, or by an event that
  covers its whole territory (``territories`` held whole: ``partial`` false);
* an event that holds a territory in part moves no place: it records the
  territory's state, which is derived from its places anyway;
* a ``claimed`` event moves nothing (it is a claim, listed beside control),
  and an ``announced`` one does not move a place its claimed holder already
  holds on independent or agreed grounds (it only repeats them);
* a territory is held as its places are: whoever holds its administrative
  centre is its main holder (where the gazetteer has no centre for it, or
  the Russian peacekeepers hold it, the party holding most of its places),
  and it is held in part while anyone else holds a place in it; a
  territory with no places is held as its own events say.

On one day, events that cover whole territories apply before events that
name places (:func:`effect_rank`), so that a day's exceptions are named.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from ._dates import COVERAGE_START
from ._events import Event, StatusChange
from ._state import (
    INITIAL_HELD,
    ArtsakhState,
    Conditions,
    Hold,
    PlaceHolds,
    Snapshot,
    TerritoryMap,
    TerritoryState,
)
from ._vocabulary import CONTROLLERS, INITIAL_CONDITIONS, TERRITORIES

if TYPE_CHECKING:
    from ._places import Gazetteer, Place

__all__ = ["PlaceIndex", "apply", "covers", "effect_rank", "index_of", "initial_snapshot", "repeats"]

_T_INDEX: Final = {t: i for i, t in enumerate(TERRITORIES)}
_T_KEYS: Final = tuple(TERRITORIES)
_RANK: Final = {c: i for i, c in enumerate(CONTROLLERS)}
_START: Final = COVERAGE_START.toordinal()
#: Holders that hold ground for neither side: never a territory's main holder while a party holds some of it.
PEACEKEEPERS: Final = frozenset({"russia"})


class PlaceIndex:
    """Which places lie in which territory, by position: all the fold needs of a gazetteer.

    >>> ix = PlaceIndex([("a", "shusha", True), ("b", "shusha", False), ("c", "lachin", False)])
    >>> ix.position["b"], ix.by_territory["shusha"], ix.centre["shusha"], ix.by_territory["hadrut"]
    (1, (0, 1), 0, ())
    """

    __slots__ = ("_gazetteer", "_loader", "by_territory", "centre", "ids", "position", "territory")

    def __init__(self, rows: Iterable[tuple[str, str, bool]], loader: Callable[[], Gazetteer] | None = None) -> None:
        """``rows``: each place's id, territory and whether it is its territory's administrative centre.

        ``loader``: makes the :class:`~karabakh_status._places.Gazetteer`
        these rows index, for :meth:`gazetteer` (called once, when names are
        first asked for; it must pickle); ``None`` for a log without places.
        """
        self._loader = loader
        self._gazetteer: Gazetteer | None = None
        ids: list[str] = []
        territory: list[str] = []
        by_territory: dict[str, list[int]] = {t: [] for t in TERRITORIES}
        centre: dict[str, int] = {}
        for i, (pid, t, is_centre) in enumerate(rows):
            ids.append(pid)
            territory.append(t)
            by_territory[t].append(i)
            if is_centre:
                centre.setdefault(t, i)
        #: Place ids, in gazetteer order.
        self.ids: tuple[str, ...] = tuple(ids)
        #: Each place's territory id, by position.
        self.territory: tuple[str, ...] = tuple(territory)
        #: Each place's position, by id.
        self.position: Mapping[str, int] = MappingProxyType({p: i for i, p in enumerate(ids)})
        #: The positions of each territory's places.
        self.by_territory: Mapping[str, tuple[int, ...]] = MappingProxyType(
            {t: tuple(v) for t, v in by_territory.items()}
        )
        #: The position of each territory's administrative centre, where the gazetteer marks one.
        self.centre: Mapping[str, int] = MappingProxyType(centre)

    def gazetteer(self) -> Gazetteer:
        """The places by id and by every name (built on first use).

        >>> index_of([]).gazetteer().resolve("Shushi")
        ('territory', 'shusha')
        """
        g = self._gazetteer
        if g is None:
            if self._loader is None:
                raise LookupError("this place index was made without its gazetteer")
            g = self._gazetteer = self._loader()
        return g

    def __len__(self) -> int:
        return len(self.ids)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlaceIndex) and (self.ids, self.territory, dict(self.centre)) == (
            other.ids,
            other.territory,
            dict(other.centre),
        )

    def __hash__(self) -> int:
        return hash(self.ids)

    def __reduce__(self) -> tuple[object, ...]:
        centres = set(self.centre.values())
        rows = [(p, t, i in centres) for i, (p, t) in enumerate(zip(self.ids, self.territory, strict=True))]
        return (PlaceIndex, (rows, self._loader))

    def covered(self, event: StatusChange) -> tuple[int, ...]:
        """The positions of the places ``event`` moves: those it names, and all of each territory it holds whole."""
        if event.basis == "claimed":
            return ()
        out: list[int] = []
        if not event.partial:
            for t in event.territories:
                out.extend(self.by_territory[t])
        position = self.position
        out.extend(position[p] for p in event.places if p in position)
        return tuple(out)


#: The index of a log without places: every territory is held as its events say.
NO_PLACES: Final = PlaceIndex(())


def covers(event: Event) -> bool:
    """Whether ``event`` holds whole territories (and so moves every place in them)."""
    return isinstance(event, StatusChange) and bool(event.territories) and not event.partial


def effect_rank(event: Event) -> int:
    """The order of events on one day: whole-territory changes (0) before everything else (1)."""
    return 0 if covers(event) else 1


def initial_snapshot(index: PlaceIndex = NO_PLACES) -> Snapshot:
    """The state on the first day of coverage (1988-01-01).

    >>> s = initial_snapshot()
    >>> s.territories["shusha"].controller, s.artsakh.exists, s.conditions["lachin-corridor"]
    ('ussr', False, 'none')
    """
    counts = tuple({INITIAL_HELD.controller: len(index.by_territory[t])} for t in TERRITORIES)
    return Snapshot(
        territories=TerritoryMap((INITIAL_HELD,) * len(TERRITORIES)),
        artsakh=ArtsakhState(),
        conditions=Conditions(tuple(INITIAL_CONDITIONS.values())),
        places=PlaceHolds((None,) * len(index), counts),
    )


def _derived(
    territory: str,
    old: TerritoryState,
    counts: Mapping[str, int],
    holds: list[Hold | None],
    *,
    index: PlaceIndex,
    event: StatusChange,
) -> TerritoryState:
    """A territory's state as its places have it after ``event`` (``counts``: its places by holder)."""
    ranked = sorted((c for c, n in counts.items() if n), key=lambda c: (-counts[c], _RANK.get(c, len(_RANK)), c))
    centre = index.centre.get(territory)
    main = None
    if centre is not None:
        at_centre = holds[centre]
        main = INITIAL_HELD.controller if at_centre is None else at_centre.controller
    if main is None or main in PEACEKEEPERS:
        # No centre, or the peacekeepers hold it (they held ground for neither side): the party with most places leads.
        parties = [c for c in ranked if c not in PEACEKEEPERS]
        main = parties[0] if parties else ranked[0]
    holders = (main, *(c for c in ranked if c != main))
    if old.controller == main and old.holders == holders:
        return old
    since = old.since if old.controller == main else event.effective
    other = holders[1] if len(holders) > 1 else None
    return TerritoryState(main, since, other is not None, other, event, holders)


def _set_territory(old: TerritoryState, event: StatusChange) -> TerritoryState:
    """A territory without places, held as ``event`` says."""
    assert event.controller is not None  # checked by StatusChange
    since = old.since if old.controller == event.controller else event.effective
    return TerritoryState(event.controller, since, event.partial, event.other_holder, event)


def _repeats(hold: Hold | None, event: StatusChange) -> bool:
    """Whether ``event`` only repeats, on one party's word, what an established event already holds.

    Established: confirmed, agreed, or a district-level event recorded before
    bases were (no basis); not another announcement.
    """
    return (
        hold is not None
        and event.basis == "announced"
        and hold.controller == event.controller
        and hold.event.basis not in ("announced", "claimed")
    )


def repeats(holds: PlaceHolds, position: int, event: StatusChange) -> bool:
    """Whether ``event`` leaves the place at ``position`` as it is: an announcement of what is already confirmed."""
    return _repeats(holds[position], event)


def apply(state: Snapshot, event: Event, index: PlaceIndex = NO_PLACES) -> Snapshot:
    """One step of the fold: the state after ``event`` takes effect.

    Pure: ``state`` is not changed; a new :class:`~karabakh_status._state.Snapshot` is returned
    (sharing what did not change).  Only status changes change a snapshot;
    corrections decide which events are folded at all.  ``index`` says which
    places lie in which territory (by default none: every territory is held
    as its events say).
    """
    if not isinstance(event, StatusChange):
        return state
    if event.territories or event.places:
        return _control(state, event, index)
    if event.condition is not None:
        assert event.value is not None  # checked by StatusChange
        return Snapshot(
            state.territories, state.artsakh, state.conditions.changed(event.condition, event.value), state.places
        )
    day = event.effective
    a = state.artsakh
    if event.state == "proclaimed":
        artsakh = ArtsakhState(True, event.name, event.state, day, event)
    elif event.state == "dissolved":
        artsakh = ArtsakhState(False, None, event.state, day, event)
    else:
        name = event.name if event.state == "renamed" and a.exists else a.name
        artsakh = ArtsakhState(a.exists, name, event.state, day, event)
    return Snapshot(state.territories, artsakh, state.conditions, state.places)


def _control(state: Snapshot, event: StatusChange, index: PlaceIndex) -> Snapshot:
    """The state after a change of control."""
    controller = event.controller
    assert controller is not None  # checked by StatusChange
    territories = list(state.territories._values)
    for t in event.territories:
        if not index.by_territory[t]:
            territories[_T_INDEX[t]] = _set_territory(territories[_T_INDEX[t]], event)
    moved = index.covered(event)
    places = state.places
    if moved:
        holds = list(places._holds)
        counts = list(places._counts)
        touched: dict[int, dict[str, int]] = {}
        named = set(event.places)
        ordinal = event.effective.toordinal()
        initial = INITIAL_HELD.controller
        for i in moved:
            old = holds[i]
            if _repeats(old, event):
                continue
            was = initial if old is None else old.controller
            since = (_START if old is None else old.since) if was == controller else ordinal
            holds[i] = Hold(controller, since, event, index.ids[i] in named)
            if was != controller:
                k = _T_INDEX[index.territory[i]]
                tally = touched.get(k)
                if tally is None:
                    tally = touched[k] = dict(counts[k])
                tally[was] -= 1
                tally[controller] = tally.get(controller, 0) + 1
        for k, tally in touched.items():
            counts[k] = tally
            territories[k] = _derived(_T_KEYS[k], territories[k], tally, holds, index=index, event=event)
        places = PlaceHolds(tuple(holds), tuple(counts))
    return Snapshot(TerritoryMap(tuple(territories)), state.artsakh, state.conditions, places)


def index_of(places: Iterable[Place]) -> PlaceIndex:
    """The fold's index of these places, whose gazetteer they make.

    >>> index_of([]).ids
    ()
    """
    from ._places import Gazetteer  # the names are built only when a name is asked

    kept = tuple(places)
    return PlaceIndex(((p.id, p.territory, p.centre) for p in kept), functools.partial(Gazetteer, kept))
