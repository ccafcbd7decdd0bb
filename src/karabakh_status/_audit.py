"""Whether every district agrees with its places, on every day of a log."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pendulum

from ._dates import COVERAGE_START, DayLike
from ._history import History, Revision
from ._places import bundled_gazetteer

__all__ = ["Disagreement", "place_disagreements"]


@attrs.frozen
class Disagreement:
    """A place held by someone its district's state does not allow, over a run of days.

    A district must show ``partial=True`` with the place's holder as its
    ``other_holder`` whenever one of its places is held by someone other
    than the district's controller.  One exception: while the Russian
    peacekeepers are deployed, a place they hold inside a district held by
    the Karabakh Armenian side is not a disagreement: they were deployed
    along that side's contact line and the Lachin corridor (point 3 of the
    trilateral statement of 10 November 2020), and a district has room for
    one other holder only.

    Attributes:
        first: The first day of the run.
        last: The last day of the run.
        territory: The district.
        place: The place.
        holder: Who holds the place.
        controller: Who holds the district.
        other_holder: The district's other holder (``None`` when it is held whole).
        event: The id of the event holding the place.
    """

    first: pendulum.Date
    last: pendulum.Date
    territory: str
    place: str
    holder: str
    controller: str
    other_holder: str | None
    event: str | None


def place_disagreements(
    history: History | None = None,
    start: DayLike = COVERAGE_START,
    end: DayLike | None = None,
    *,
    as_of: Revision = None,
) -> Iterator[Disagreement]:
    """Every run of days from ``start`` to ``end`` on which a place and its district disagree.

    Args:
        history: The log to read; ``None`` for the bundled one.
        start: The first day (anything :func:`~karabakh_status.status_at` accepts).
        end: The last day, inclusive.
        as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its first N
            events) or a day (the events recorded by then).

    ``end`` defaults to the day the log was last reviewed.  An empty result
    means that, on every day, each district held in part names as its other
    holder everyone who holds one of its places, and each district held whole
    has no place held by anyone else.

    >>> list(place_disagreements())
    []
    """
    if history is None:
        from ._bundled import default_history

        history = default_history()
    if end is None:
        last = history.data_version().last_recorded
        end = last if last is not None else start
    by_territory = bundled_gazetteer().by_territory
    for segment in history.segments(start, end, as_of=as_of):
        status = segment.status
        places = status.places
        peacekeepers = status.conditions["russian-peacekeepers"] == "deployed"
        for territory, state in status.territories.items():
            for place in by_territory[territory]:
                held = places[place]
                if held.controller == state.controller:
                    continue
                if state.partial and held.controller == state.other_holder:
                    continue
                if held.controller == "russia" and state.controller == "artsakh" and peacekeepers:
                    continue
                yield Disagreement(
                    segment.first,
                    segment.last,
                    territory,
                    place,
                    held.controller,
                    state.controller,
                    state.other_holder,
                    held.event.id if held.event is not None else None,
                )
