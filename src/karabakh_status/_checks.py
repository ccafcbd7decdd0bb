"""The checks of a whole log against its history's places and actors: every id an event names is known."""

from __future__ import annotations

from collections.abc import Iterable

from ._errors import LogError, LogProblem
from ._events import Correction, Event, Recognition, Statement, StatusChange
from ._fold import PlaceIndex

__all__ = ["check_actors", "check_places"]


def _dropped(events: tuple[Event, ...]) -> set[str]:
    """The ids a correction supersedes or retracts: not checked, since the correction is how such a mistake is fixed."""
    return {e.target for e in events if isinstance(e, Correction)}


def _unknown(value: str, known: Iterable[str], what: str) -> str:
    """What to say of an id that is not among ``known``: the closest ones, or where to add it."""
    import difflib

    close = difflib.get_close_matches(value, sorted(known), n=3, cutoff=0.7)
    return f"; did you mean {', '.join(close)}?" if close else f" (add it to the {what})"


def check_places(events: tuple[Event, ...], index: PlaceIndex, name: str) -> None:
    """Raise :class:`LogError` for the first status change in force naming a place that ``index`` lacks.

    An event a later correction supersedes or retracts is not checked: that
    correction is how such a mistake is fixed in an append-only log (the
    fold skips the unknown id in the revisions before it).
    """
    known = index.position
    dropped = _dropped(events)
    for n, e in enumerate(events, 1):
        if isinstance(e, StatusChange) and e.places and e.id not in dropped:
            for k, p in enumerate(e.places):
                if p not in known:
                    raise LogError(
                        name,
                        n,
                        f"$.places[{k}]: expected a place of the gazetteer; got {p!r}{_unknown(p, known, 'places')}",
                        LogProblem.UNKNOWN_PLACE,
                    )


def check_actors(events: tuple[Event, ...], known: frozenset[str], name: str) -> None:
    """Raise :class:`LogError` for the first event in force naming an actor that is not in ``known``."""
    dropped = _dropped(events)
    for n, e in enumerate(events, 1):
        if e.id in dropped:
            continue
        if isinstance(e, Statement | Recognition):
            field, value = "actor", e.actor
        elif isinstance(e, StatusChange) and e.announced_by is not None:
            field, value = "announced_by", e.announced_by
        else:
            continue
        if value not in known:
            hint = _unknown(value, known, "actors")
            raise LogError(
                name, n, f"$.{field}: expected an actor of the history; got {value!r}{hint}", LogProblem.UNKNOWN_ACTOR
            )
