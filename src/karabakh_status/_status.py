"""The answer to ``status_at``: the situation in force on one day, as an immutable value."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

import pendulum

from ._errors import UnknownTerritoryError
from ._events import Event, Recognition, Statement
from ._state import ArtsakhState, Conditions, Snapshot, TerritoryMap
from ._vocabulary import TERRITORIES

if TYPE_CHECKING:
    from ._timeline import Timeline

__all__ = ["Status"]


class Status:
    """The situation in force on one calendar day: an immutable value.

    Every event dated on or before :attr:`day` has been applied; an event
    known only within a window takes effect on the window's last day and is
    listed in :attr:`uncertain` on the days before.  Built by
    :meth:`History.status_at <karabakh_status.History.status_at>`.

    Two statuses are equal when their day and everything in force that day
    are equal (whichever log or revision they came from); a status pickles
    (with the log revision it was read from) and copies as itself.

    >>> import karabakh_status as ks
    >>> s = ks.status_at("2020-11-25")
    >>> s.controller("kalbajar")
    'azerbaijan'
    >>> s.artsakh.exists, s.artsakh.name
    (True, 'Republic of Artsakh')
    >>> import pickle
    >>> pickle.loads(pickle.dumps(s)) == s
    True
    """

    __slots__ = ("_ordinal", "_snapshot", "_timeline")

    _ordinal: int
    _snapshot: Snapshot
    _timeline: Timeline

    def __init__(self, ordinal: int, snapshot: Snapshot, timeline: Timeline) -> None:
        """A status for the day with this ordinal: ``snapshot`` is the state folded up to it, in ``timeline``."""
        _set_ordinal(self, ordinal)
        _set_snapshot(self, snapshot)
        _set_timeline(self, timeline)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"a Status is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"a Status is immutable; cannot delete {name!r}")

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
        if type(other) is not Status:
            return NotImplemented
        if self._timeline is other._timeline:
            return self._ordinal == other._ordinal or (
                self._snapshot == other._snapshot and self._view()[4:] == other._view()[4:]
            )
        return self._view() == other._view()

    def __hash__(self) -> int:
        return hash((self._ordinal, self._snapshot.territories.controllers()))

    def __reduce__(self) -> tuple[Any, ...]:
        # The timeline pickles as its events and is folded again when loaded.
        return (_status_of, (self._timeline, self._ordinal))

    def __copy__(self) -> Status:
        return self  # immutable

    def __deepcopy__(self, memo: object) -> Status:
        return self

    def __repr__(self) -> str:
        held = ", ".join(f"{k}={v.controller}{'~' if v.partial else ''}" for k, v in self.territories.items())
        return f"<Status {self.day} artsakh={self.artsakh.exists} {held}>"


# The slots' own setters: a Status refuses attribute assignment, so its constructor uses these.
_set_ordinal = vars(Status)["_ordinal"].__set__
_set_snapshot = vars(Status)["_snapshot"].__set__
_set_timeline = vars(Status)["_timeline"].__set__


def _status_of(timeline: Timeline, ordinal: int) -> Status:
    """The status a pickled :class:`Status` stood for (used by pickle)."""
    return timeline.status(ordinal)
