"""The values a day's state is made of: who holds each territory and place, the de facto state, the conditions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Final, NoReturn

import attrs
import pendulum

from ._dates import COVERAGE_START
from ._events import StatusChange
from ._vocabulary import CONDITIONS, INITIAL_CONTROLLER, TERRITORIES

__all__ = [
    "ArtsakhState",
    "Conditions",
    "Hold",
    "PlaceHolds",
    "Snapshot",
    "TerritoryMap",
    "TerritoryState",
]


def _event_id(event: StatusChange | None) -> str:
    return "None" if event is None else repr(event.id)


def _holders_default(self: TerritoryState) -> tuple[str, ...]:
    return (self.controller, self.other_holder) if self.other_holder is not None else (self.controller,)


@attrs.frozen(repr=False)
class TerritoryState:
    """Who holds a territory.

    A territory with places in the gazetteer is held as its places are: its
    controller is whoever holds its administrative centre (or, for a
    territory without a centre in the gazetteer, most of its places), and it
    is held in part while anyone else holds one of its places.

    Attributes:
        controller: The main holder's id (``"azerbaijan"``, ``"artsakh"``, ...).
        since: The day the main holder began to hold it (coverage start for the initial state).
        partial: Whether others hold some of it.
        other_holder: The largest other holder, when ``partial``.
        event: The status change that last changed this state (``None`` initially).
        holders: Everyone who holds some of it: the main holder first, then
            the others, most places first.
    """

    controller: str
    since: pendulum.Date
    partial: bool = False
    other_holder: str | None = None
    event: StatusChange | None = None
    holders: tuple[str, ...] = attrs.field(default=attrs.Factory(_holders_default, takes_self=True))

    def __repr__(self) -> str:
        rest = f", rest {', '.join(self.holders[1:])}" if self.partial else ""
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


_set: Final = object.__setattr__

INITIAL_HELD: Final = TerritoryState(INITIAL_CONTROLLER, COVERAGE_START)


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

    def __hash__(self) -> int:
        return hash(self._values)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self._values,))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self.items())!r})"


class TerritoryMap(_FixedMapping):
    """Each territory's :class:`TerritoryState`, by territory id, in ``TERRITORIES`` order.  Read-only.

    >>> from karabakh_status._fold import initial_snapshot
    >>> m = initial_snapshot().territories
    >>> m["shusha"].controller, len(m), "shusha" in m
    ('ussr', 15, True)
    """

    __slots__ = ()
    _KEYS: ClassVar[tuple[str, ...]] = tuple(TERRITORIES)
    _INDEX: ClassVar[Mapping[str, int]] = {k: i for i, k in enumerate(TERRITORIES)}

    def __getitem__(self, territory: str) -> TerritoryState:
        return self._values[self._INDEX[territory]]  # type: ignore[no-any-return]

    def controller(self, territory: str) -> str:
        """Who holds ``territory`` (``KeyError`` if unknown): ``self[territory].controller``."""
        return self._values[self._INDEX[territory]].controller  # type: ignore[no-any-return]

    def controllers(self) -> tuple[str, ...]:
        """Every territory's controller, in ``TERRITORIES`` order."""
        return tuple(s.controller for s in self._values)


class Conditions(_FixedMapping):
    """Each condition's value, by condition id, in ``CONDITIONS`` order.  Read-only.

    >>> from karabakh_status._fold import initial_snapshot
    >>> c = initial_snapshot().conditions
    >>> c["lachin-corridor"], len(c)
    ('none', 2)
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


class _Frozen:
    """An immutable value of the fields its ``__slots__`` name: equal, hashable and pickled by them.

    Written by hand rather than as an attrs class, for the two values only the
    fold makes: a fresh process's first answer then builds no class it does
    not need (attrs writes a class's methods when the class is defined).
    """

    __slots__ = ()

    def _astuple(self) -> tuple[Any, ...]:
        names: tuple[str, ...] = self.__slots__
        return tuple(getattr(self, name) for name in names)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"a {type(self).__name__} is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"a {type(self).__name__} is immutable; cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._astuple() == other._astuple()

    def __hash__(self) -> int:
        return hash(self._astuple())

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._astuple())


class Hold(_Frozen):
    """Who holds one place, as the fold keeps it.  Immutable.

    Attributes:
        controller: The holder's id.
        since: The ordinal of the day this holder began to hold it.
        event: The status change that last set it: one naming the place, or
            one covering its whole territory.
        named: Whether ``event`` names the place.
    """

    __slots__ = ("controller", "since", "event", "named")  # noqa: RUF023 - the fields' order

    controller: str
    since: int
    event: StatusChange
    named: bool

    def __init__(self, controller: str, since: int, event: StatusChange, named: bool) -> None:
        _set(self, "controller", controller)
        _set(self, "since", since)
        _set(self, "event", event)
        _set(self, "named", named)

    def __repr__(self) -> str:
        return f"Hold({self.controller} since {pendulum.Date.fromordinal(self.since)}, {self.event.id})"


class PlaceHolds:
    """Each place's :class:`Hold` in gazetteer order (``None``: held as on the first day).  Read-only.

    It also keeps, for each territory, how many of its places each holder
    holds, so that the fold derives a territory's state without counting.
    """

    __slots__ = ("_counts", "_holds")

    def __init__(self, holds: tuple[Hold | None, ...] = (), counts: tuple[Mapping[str, int], ...] = ()) -> None:
        """``holds``: one entry per place of the fold's place index; ``counts``: per territory, places by holder."""
        self._holds = holds
        self._counts = counts

    def __getitem__(self, position: int) -> Hold | None:
        return self._holds[position]

    def __len__(self) -> int:
        return len(self._holds)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlaceHolds) and self._holds == other._holds

    def __hash__(self) -> int:
        return hash(self._holds)

    def __reduce__(self) -> tuple[object, ...]:
        return (PlaceHolds, (self._holds, self._counts))

    def __repr__(self) -> str:
        return f"<PlaceHolds of {len(self._holds)} places, {sum(h is not None for h in self._holds)} set by events>"


class Snapshot(_Frozen):
    """The state folded so far: what a day's :class:`~karabakh_status.Status` is built from.  Immutable.

    Attributes:
        territories: Each territory's :class:`TerritoryState` (a :class:`TerritoryMap`).
        artsakh: The :class:`ArtsakhState`.
        conditions: Each condition's value (a :class:`Conditions`).
        places: Each place's :class:`Hold` (a :class:`PlaceHolds`).

    Statements and recognitions are not folded into snapshots: which of them
    count on a day follows from their effect days alone (see
    :class:`~karabakh_status._timeline.Timeline`), so a snapshot changes only when a status does.
    """

    __slots__ = ("territories", "artsakh", "conditions", "places")  # noqa: RUF023 - the fields' order

    territories: TerritoryMap
    artsakh: ArtsakhState
    conditions: Conditions
    places: PlaceHolds

    def __init__(self, territories: TerritoryMap, artsakh: ArtsakhState, conditions: Conditions, places: PlaceHolds):
        _set(self, "territories", territories)
        _set(self, "artsakh", artsakh)
        _set(self, "conditions", conditions)
        _set(self, "places", places)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self.__slots__, self._astuple(), strict=True))
        return f"Snapshot({fields})"
