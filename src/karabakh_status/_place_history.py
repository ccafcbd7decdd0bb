"""One place's control over time: the runs of days on which its holder, and what sets it, stay the same.

>>> import karabakh_status as ks
>>> for run in ks.place_history("Haterk", end="2024-01-01", as_of=799):
...     print(run.first, run.last, run.controller, run.state.named, run.state.event.id if run.state.event else None)
1988-01-01 1991-12-25 ussr False None
1991-12-26 1992-06-04 artsakh False 1991-12-26-ussr-dissolved-control-passes-cited
1992-06-05 1993-02-19 azerbaijan True 1992-06-05-haterk-taken
1993-02-20 1993-06-26 artsakh True 1993-02-20-haterk-retaken
1993-06-27 2023-10-01 artsakh False 1993-06-27-martakert-recaptured
2023-10-02 2024-01-01 azerbaijan False 2023-09-20-remaining-artsakh-areas-to-azerbaijan

A run on which the place follows its district (``named`` false) ends where an
event names the place, or where a whole-district change takes over from one.
"""

from __future__ import annotations

import itertools

import attrs
import pendulum

from ._dates import COVERAGE_START, DayLike, Revision
from ._history import History
from ._placemap import PlaceState

__all__ = ["PlaceRun", "place_history"]


@attrs.frozen(kw_only=True)
class PlaceRun:
    """A run of days on which one place's holder, and what sets it, stay the same.

    Attributes:
        place: The place's id.
        first: The first day of the run (or of the span asked about).
        last: The last day of the run (or of the span asked about).
        state: The :class:`PlaceState` on :attr:`first`: the holder, since when,
            the event and its basis, and whether the event names the place.  A
            run on which the place follows its district lasts as long as the
            district's controller does, through any district events between.
    """

    place: str
    first: pendulum.Date
    last: pendulum.Date
    state: PlaceState

    @property
    def controller(self) -> str:
        """Who holds the place on every day of the run."""
        return self.state.controller

    @property
    def days(self) -> int:
        """How many days the run has."""
        return self.last.toordinal() - self.first.toordinal() + 1

    def to_dict(self) -> dict[str, object]:
        """The run as plain JSON-ready values (days as ISO strings, the event by id).

        >>> import karabakh_status as ks
        >>> run = ks.place_history("haterk", start="1992-07-01", end="1992-07-01", as_of=799)[0]
        >>> for key, value in run.to_dict().items():
        ...     print(f"{key}: {value}")
        place: haterk
        first: 1992-07-01
        last: 1992-07-01
        controller: azerbaijan
        since: 1992-06-05
        basis: confirmed
        named: True
        event: 1992-06-05-haterk-taken
        """
        state = self.state
        return {
            "place": self.place,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "controller": state.controller,
            "since": state.since.isoformat(),
            "basis": state.basis,
            "named": state.named,
            "event": state.event.id if state.event is not None else None,
        }

    def __repr__(self) -> str:
        return f"<PlaceRun {self.place} {self.first}..{self.last}: {self.state!r}>"


def _key(state: PlaceState) -> tuple[object, ...]:
    """What must stay the same within a run: the holder, the event that set it, its basis and the open claims."""
    return (
        state.controller,
        state.named,
        state.event.id if state.event is not None else None,
        state.basis,
        tuple(c.event.id for c in state.claims),
    )


def place_history(
    name: str,
    start: DayLike = COVERAGE_START,
    end: DayLike | None = None,
    *,
    as_of: Revision = None,
    history: History | None = None,
) -> tuple[PlaceRun, ...]:
    """Who held a place, run by run, from ``start`` to ``end``.

    Args:
        name: A place id or any of its names (case, diacritics, hyphens and spaces ignored).
        start: The first day (default: the start of coverage, 1988-01-01).
        end: The last day, inclusive (default: :meth:`History.last_day` of the revision asked, as for tables,
            figures and :func:`~karabakh_status.diff`).
        as_of: Pin the answer to a revision of the log (see :meth:`History.status_at`).
        history: The history to ask (default: the bundled log's).

    Raises :class:`~karabakh_status.AmbiguousNameError` or
    :class:`~karabakh_status.UnknownTerritoryError` for a name that is not
    one place's, and :class:`~karabakh_status.InvalidDateError` for a bad day.
    """
    from ._bundled import history_or_default

    h = history_or_default(history)
    pid = h.place(name).id
    if end is None:
        end = h.last_day(as_of)  # the day tables, figures and diff end on by default
    held = ((segment, segment.status.places[pid]) for segment in h.segments(start, end, as_of=as_of))
    runs = (list(run) for _, run in itertools.groupby(held, key=lambda seg_state: _key(seg_state[1])))
    return tuple(PlaceRun(place=pid, first=run[0][0].first, last=run[-1][0].last, state=run[0][1]) for run in runs)
