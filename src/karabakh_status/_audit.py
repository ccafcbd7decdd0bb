"""Whether what a log says of whole districts agrees with what it says of their places."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pendulum

from ._dates import Revision
from ._events import Correction, StatusChange
from ._history import History
from ._state import TerritoryState

__all__ = ["Disagreement", "place_disagreements"]


@attrs.frozen
class Disagreement:
    """A district-level event that its district's places do not bear out on its day.

    A district with places is held as its places are (see
    :class:`~karabakh_status.answers.TerritoryState`).  An event about a district
    says what it saw: held whole by its controller, or in part with another
    holder.  On its day (or on some day of its date window), the places must
    show the same: its controller is the district's main holder, and, for
    an event held in part, its other holder holds one of its places.

    Attributes:
        day: The event's day.
        territory: The district.
        event: The id of the district-level event.
        says: What the event says: its controller, and the other holder when held in part.
        places_show: The holders the district's places show that day, main holder first.
    """

    day: pendulum.Date
    territory: str
    event: str
    says: tuple[str, ...]
    places_show: tuple[str, ...]


def place_disagreements(*, as_of: Revision = None, history: History | None = None) -> Iterator[Disagreement]:
    """Every district-level event whose district's places show otherwise on its day.

    Args:
        history: The log to read; ``None`` for the bundled one.
        as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its first N
            events) or a day (the events recorded by then).

    An empty result means every district event in force agrees with the
    places it is about.  The bundled log has three: two gaps of the
    gazetteer (no place recorded where the event says the other side held
    ground) and one disagreement of sources (Krkzhan, September 2023):

    >>> sorted((str(d.day), d.territory) for d in place_disagreements())
    [('1991-12-26', 'shahumyan'), ('1994-05-12', 'martuni'), ('2023-10-01', 'stepanakert')]
    """
    from ._bundled import history_or_default

    history = history_or_default(history)
    index = history.places
    events = history.events(as_of=as_of)
    dropped = {e.target for e in events if isinstance(e, Correction)}
    for e in events:
        if not isinstance(e, StatusChange) or not e.territories or e.id in dropped or e.controller is None:
            continue
        first, last = e.date.earliest.toordinal(), e.effective.toordinal()
        timeline = history.timeline(as_of)
        statuses = [timeline.status(o) for o in range(max(first, last - 366), last + 1)]
        for t in e.territories:
            if not index.by_territory[t]:
                continue
            says = (e.controller, e.other_holder) if e.other_holder is not None else (e.controller,)

            def agrees(state: TerritoryState) -> bool:
                return state.controller == e.controller and (e.other_holder is None or e.other_holder in state.holders)  # noqa: B023

            if not any(agrees(s.territories[t]) for s in statuses):
                yield Disagreement(e.effective, t, e.id, says, statuses[-1].territories[t].holders)
