"""Reading a log of one's own from a file, with its own places and actors beside it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ._actorbook import ActorBook
from ._errors import LogError, LogProblem
from ._fold import PlaceIndex
from ._history import History
from ._log import read_log_file

if TYPE_CHECKING:
    from ._actors import Actor
    from ._places import Place

__all__ = ["load"]


def load(
    path: str | os.PathLike[str],
    *,
    verify: bool = False,
    places: str | os.PathLike[str] | Iterable[Place] | None = None,
    actors: str | os.PathLike[str] | Iterable[Actor] | None = None,
) -> History:
    """Read, validate and return the log at ``path``.

    Args:
        path: The path of the log file.
        verify: Also check the log against its hash chain (``PATH.chain``).
        places: Places of your own, as records or a places file (one JSON
            object per line, as ``data/places.jsonl``).  By default the file
            beside the log named like it with ``.places.jsonl``
            (``my-log.jsonl`` → ``my-log.places.jsonl``), if there is one.
            They extend the bundled gazetteer; a place with a bundled id
            replaces it.
        actors: Actors of your own, likewise (``my-log.actors.jsonl``,
            as ``data/actors.jsonl``); they extend the bundled actors.

    An event naming a place or an actor that is neither bundled nor your
    own is a :class:`~karabakh_status.LogError` of kind
    ``unknown-place`` / ``unknown-actor``, with the closest ids.

    Any problem raises :class:`~karabakh_status.LogError` naming the file,
    the line and the field, and saying what was expected.  With
    ``verify=True`` the log must also match its hash chain (``PATH.chain``):
    an edited, deleted, inserted or reordered line is reported at the first
    bad line.
    """
    try:
        name = os.fspath(path)
    except TypeError:
        raise LogError(repr(path)[:200], None, "expected a path to a log file", LogProblem.UNREADABLE) from None
    events, digest = read_log_file(name)
    history = History(
        events, name=name, digest=digest, places=_own_places(name, places), actors=_own_actors(name, actors)
    )
    if verify:
        from ._chain import chain_problems

        for problem in chain_problems(name):
            raise problem
    return history


def _beside(log: str, kind: str) -> str | None:
    """The file beside ``log`` named like it with ``.{kind}.jsonl``, if there is one."""
    stem = log[: -len(".jsonl")] if log.endswith(".jsonl") else log
    candidate = f"{stem}.{kind}.jsonl"
    return candidate if os.path.isfile(candidate) else None


def _own_places(log: str, given: str | os.PathLike[str] | Iterable[Place] | None) -> PlaceIndex | None:
    """The bundled places extended by one's own (given, or in the file beside the log); ``None`` if none."""
    if given is None:
        given = _beside(log, "places")
        if given is None:
            return None
    if isinstance(given, str | os.PathLike):
        from ._places import load_gazetteer

        own = load_gazetteer(given).places
    else:
        own = tuple(given)
    from ._data import bundled_gazetteer
    from ._fold import index_of

    mine = {p.id for p in own}
    return index_of([*(p for p in bundled_gazetteer().places if p.id not in mine), *own])


def _own_actors(log: str, given: str | os.PathLike[str] | Iterable[Actor] | None) -> ActorBook | None:
    """The bundled actors extended by one's own (given, or in the file beside the log); ``None`` if none."""
    if given is None:
        given = _beside(log, "actors")
        if given is None:
            return None
    if isinstance(given, str | os.PathLike):
        from ._actors import read_actors

        own = read_actors(given)
    else:
        own = tuple(given)
    from ._data import bundled_actors

    return bundled_actors().extended(own)
