"""The state the log folds into, and the pure fold (:func:`apply`) that makes each state from the last."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Final

import attrs
import pendulum

from ._dates import COVERAGE_START
from ._events import Event, StatusChange
from ._vocabulary import CONDITIONS, INITIAL_CONDITIONS, INITIAL_CONTROLLER, TERRITORIES

__all__ = [
    "ArtsakhState",
    "Conditions",
    "Snapshot",
    "TerritoryMap",
    "TerritoryState",
    "apply",
    "initial_snapshot",
]


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


@attrs.frozen
class Snapshot:
    """The state folded so far: what a day's :class:`~karabakh_status.Status` is built from.

    Attributes:
        territories: Each territory's :class:`TerritoryState` (a :class:`TerritoryMap`).
        artsakh: The :class:`ArtsakhState`.
        conditions: Each condition's value (a :class:`Conditions`).

    Statements and recognitions are not folded into snapshots: which of them
    count on a day follows from their effect days alone (see
    :class:`~karabakh_status._timeline.Timeline`), so a snapshot changes only when a status does.
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
