"""One day's answers, kept on their own: what a :class:`Status` of a log of one's own pickles as (not the whole log)."""

from __future__ import annotations

from typing import Any

from ._events import Event, Recognition, Statement
from ._fold import PlaceIndex
from ._placemap import Claim, ClaimBook
from ._state import Snapshot
from ._status import Status

__all__ = ["DayAnswers", "day_status"]


class DayAnswers:
    """Everything a :class:`Status` asks of its timeline, for one day only (its ``Timeline`` protocol).

    >>> import pickle, karabakh_status as ks
    >>> h = ks.History(ks.events(as_of=300), places=ks.default_history().places)
    >>> s = h.status_at("1993-09-01")
    >>> again = pickle.loads(pickle.dumps(s))
    >>> again == s, type(again._timeline).__name__, len(pickle.dumps(s)) < len(pickle.dumps(h.timeline())) / 2
    (True, 'DayAnswers', True)
    """

    __slots__ = ("_calls", "_ordinal", "_recognitions", "_snapshot", "_statements", "_uncertain", "claims", "index")

    def __init__(self, status: Status) -> None:
        """The answers of ``status``'s day, taken from its timeline."""
        timeline = status._timeline
        ordinal = status._ordinal
        self._ordinal = ordinal
        self._snapshot: Snapshot = status._snapshot
        self.index: PlaceIndex = timeline.index
        by_position: dict[int, list[Claim]] = {}
        for claim in timeline.claims.open_all(ordinal):
            by_position.setdefault(self.index.position[claim.place], []).append(claim)
        self.claims: ClaimBook = ClaimBook.of_day({i: tuple(c) for i, c in by_position.items()}, ordinal)
        self._recognitions = timeline.recognitions_in_force(ordinal)
        self._calls = timeline.calls_made(ordinal)
        self._statements = timeline.statements_made(ordinal)
        self._uncertain = timeline.uncertain_on(ordinal)

    def status(self, ordinal: int) -> Status:
        """The status of this day (the only day these answers are for)."""
        if ordinal != self._ordinal:
            raise ValueError(f"these are the answers of day {self._ordinal} only")
        return Status(ordinal, self._snapshot, self)

    def recognitions_in_force(self, ordinal: int) -> tuple[Recognition, ...]:
        """The recognitions in force that day."""
        return self._recognitions

    def calls_made(self, ordinal: int) -> tuple[Recognition, ...]:
        """The calls for recognition made by that day."""
        return self._calls

    def statements_made(self, ordinal: int) -> tuple[Statement, ...]:
        """The statements made by that day."""
        return self._statements

    def uncertain_on(self, ordinal: int) -> tuple[Event, ...]:
        """The events inside their date window that day."""
        return self._uncertain

    def reduce_status(self, status: Status) -> tuple[Any, ...]:
        """A status of these answers pickles with them."""
        return (day_status, (self, status._ordinal))

    def __getstate__(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            object.__setattr__(self, name, value)


def day_status(answers: DayAnswers, ordinal: int) -> Status:
    """The status a pickled :class:`Status` of a log of one's own stood for (used by pickle)."""
    return answers.status(ordinal)
