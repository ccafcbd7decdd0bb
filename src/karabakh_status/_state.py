"""The state the log folds into, and the pure fold (:func:`apply`) that makes each state from the last."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs
import pendulum

from ._dates import COVERAGE_START
from ._events import Event, StatusChange
from ._vocabulary import CONDITIONS, INITIAL_CONDITIONS, INITIAL_CONTROLLER, TERRITORIES

if TYPE_CHECKING:
    from ._places import Gazetteer

__all__ = [
    "ArtsakhState",
    "Conditions",
    "PlaceHolds",
    "PlaceMap",
    "PlaceState",
    "Snapshot",
    "TerritoryMap",
    "TerritoryState",
    "apply",
    "initial_snapshot",
]


def _event_id(event: StatusChange | None) -> str:
    return "None" if event is None else repr(event.id)


@attrs.frozen(repr=False)
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

    def __repr__(self) -> str:
        rest = f", rest {self.other_holder}" if self.partial else ""
        return f"TerritoryState({self.controller}{rest}, since {self.since}, event={_event_id(self.event)})"


@attrs.frozen(repr=False)
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

    def __repr__(self) -> str:
        what = f"exists as {self.name!r}" if self.exists else "does not exist"
        return f"ArtsakhState({what}, {self.stage or 'initial'} since {self.since}, event={_event_id(self.event)})"


@attrs.frozen(repr=False)
class PlaceState:
    """Who holds a place, and on what basis.

    Attributes:
        controller: The controller's id.
        since: The day this control began.
        event: The status change that set it: one that names the place, or
            (when ``named`` is false) the last change of its whole district.
        basis: What that change rests on (see ``BASES``): ``"announced"``
            (by one party only), ``"confirmed"`` or ``"agreement"``; ``None``
            for a district change recorded before places existed.
        named: Whether ``event`` names this place (else the place follows its district).
    """

    controller: str
    since: pendulum.Date
    event: StatusChange | None = None
    basis: str | None = None
    named: bool = False

    def __repr__(self) -> str:
        how = f", {self.basis}" if self.basis else ""
        whose = "named" if self.named else "with its district"
        return f"PlaceState({self.controller}, since {self.since}{how}, {whose}, event={_event_id(self.event)})"


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

    def __reduce__(self) -> tuple[object, ...]:
        # Only the values travel: a TerritoryMap's cache is keyed by id(), which means nothing elsewhere.
        return (type(self), (self._values,))

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


class PlaceHolds:
    """The places held through an event that names them, newer than their district's last whole change.

    Read-only; a place not here follows its district.  Most folds name no
    place, and then every snapshot shares one empty ``PlaceHolds``.
    """

    __slots__ = ("_held",)

    def __init__(self, held: Mapping[str, StatusChange] | None = None) -> None:
        """``held``: the status change holding each place named so far, by place id."""
        self._held: Mapping[str, StatusChange] = {} if held is None else held

    def get(self, place: str) -> StatusChange | None:
        """The event holding ``place``, if one names it."""
        return self._held.get(place)

    def __len__(self) -> int:
        return len(self._held)

    def __iter__(self) -> Iterator[str]:
        return iter(self._held)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlaceHolds) and self._held == other._held

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[object, ...]:
        return (PlaceHolds, (dict(self._held),))

    def __repr__(self) -> str:
        return f"PlaceHolds({ {k: e.id for k, e in self._held.items()}!r})"

    def changed(self, event: StatusChange) -> PlaceHolds:
        """The holds after ``event`` passes its places to its controller."""
        held = dict(self._held)
        for p in event.places:
            held[p] = event
        return PlaceHolds(held)

    def cleared(self, territories: tuple[str, ...], keep: tuple[str | None, ...] = ()) -> PlaceHolds:
        """The holds after a change of ``territories``: their places follow them again, but for those held by ``keep``.

        A whole change keeps nobody's; a partial change keeps the places
        held by its controller or its other holder (it says someone else
        holds none).
        """
        if not self._held:
            return self
        from ._data import place_territories

        territory_of = place_territories()
        held = {p: e for p, e in self._held.items() if territory_of.get(p) not in territories or e.controller in keep}
        return self if len(held) == len(self._held) else PlaceHolds(held)


_NO_HOLDS: Final = PlaceHolds()


@attrs.frozen
class Snapshot:
    """The state folded so far: what a day's :class:`~karabakh_status.Status` is built from.

    Attributes:
        territories: Each territory's :class:`TerritoryState` (a :class:`TerritoryMap`).
        artsakh: The :class:`ArtsakhState`.
        conditions: Each condition's value (a :class:`Conditions`).
        places: The places held through events that name them (a :class:`PlaceHolds`).

    Statements and recognitions are not folded into snapshots: which of them
    count on a day follows from their effect days alone (see
    :class:`~karabakh_status._timeline.Timeline`), so a snapshot changes only when a status does.
    """

    territories: TerritoryMap
    artsakh: ArtsakhState
    conditions: Conditions
    places: PlaceHolds = _NO_HOLDS


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
    corrections decide which events are folded at all.  A whole change of a
    territory passes every place in it to its controller; a partial one
    leaves the places named before to their holders if they are its
    controller or its other holder, and passes the rest to its controller; a
    change that names places passes those.
    """
    if not isinstance(event, StatusChange):
        return state
    if event.territories or event.places:
        territories, holds = state.territories, state.places
        if event.territories:
            territories = territories.changed(event)
            keep = (event.controller, event.other_holder) if event.partial else ()
            holds = holds.cleared(event.territories, keep)
        if event.places:
            holds = holds.changed(event)
        return Snapshot(territories, state.artsakh, state.conditions, holds)
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


class PlaceMap(Mapping[str, PlaceState]):
    """Each place's :class:`PlaceState` on one day, by place id, in gazetteer order.  Read-only.

    A place that an event names is held as that event says; any other place
    follows its district (:class:`TerritoryMap`).
    """

    __slots__ = ("_gazetteer", "_holds", "_territories")

    def __init__(self, territories: TerritoryMap, holds: PlaceHolds, gazetteer: Gazetteer) -> None:
        """The places of ``gazetteer``, as ``territories`` and ``holds`` have them."""
        self._territories = territories
        self._holds = holds
        self._gazetteer = gazetteer

    def __getitem__(self, place: str) -> PlaceState:
        territory = self._gazetteer.by_id[place].territory
        event = self._holds.get(place)
        if event is not None:
            assert event.controller is not None  # checked by StatusChange
            return PlaceState(event.controller, event.effective, event, event.basis, named=True)
        district = self._territories[territory]
        basis = district.event.basis if district.event is not None else None
        return PlaceState(district.controller, district.since, district.event, basis)

    def controller(self, place: str) -> str:
        """Who holds ``place`` (``KeyError`` if unknown): ``self[place].controller``, made faster."""
        event = self._holds.get(place)
        if event is not None:
            return event.controller  # type: ignore[return-value]
        return self._territories.controller(self._gazetteer.by_id[place].territory)

    def __iter__(self) -> Iterator[str]:
        return iter(self._gazetteer.by_id)

    def __len__(self) -> int:
        return len(self._gazetteer)

    def __contains__(self, place: object) -> bool:
        return place in self._gazetteer.by_id

    def __repr__(self) -> str:
        return f"<PlaceMap of {len(self)} places, {len(self._holds)} held through events that name them>"
