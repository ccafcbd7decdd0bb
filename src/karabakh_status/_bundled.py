"""The log that ships with the package, loaded lazily and once per process."""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING

from ._errors import KarabakhStatusError
from ._events import Event
from ._history import DataVersion, History, load
from ._replay import MEMO_KEY_TYPES, Status, Timeline

if TYPE_CHECKING:
    from ._actors import Actor

__all__ = [
    "actor",
    "actors",
    "bundled_log_path",
    "changes_between",
    "data_version",
    "default_history",
    "events",
    "status_at",
    "status_range",
]

_lock = threading.Lock()


def _data_file(name: str) -> Path:
    """A file of the top-level ``data/`` folder, wherever the package is installed.

    A wheel carries ``data/`` inside the package (``karabakh_status/data``);
    an editable install imports ``src/karabakh_status`` from the checkout,
    whose ``data/`` is two folders up.
    """
    package = files("karabakh_status")
    shipped = package / "data" / name
    if shipped.is_file():
        with as_file(shipped) as p:
            return Path(p)
    with as_file(package) as p:
        checkout = Path(p).parent.parent / "data" / name
    if checkout.is_file():
        return checkout
    raise KarabakhStatusError(f"the bundled data file {name!r} is missing from this installation")


def bundled_log_path() -> Path:
    """Where the bundled ``events.jsonl`` is.

    >>> bundled_log_path().name
    'events.jsonl'
    """
    return _data_file("events.jsonl")


_history: History | None = None


def default_history() -> History:
    """The bundled log's :class:`History`, loaded on first use and kept."""
    global _history
    h = _history
    if h is None:
        with _lock:
            if _history is None:
                _history = load(bundled_log_path())
            h = _history
    return h


#: The bundled log's latest timeline, once built, and its remembered answers
#: (``Timeline.status_for``; empty before): a repeated ``status_at(day)`` is
#: one lookup in them.
_latest: Timeline | None = None
_memo: dict[object, Status] = {}


def status_at(when: object, *, as_of: object = None) -> Status:
    """The :class:`Status` in force on ``when`` according to the bundled log.

    >>> status_at("2020-11-24").controller("kalbajar")
    'artsakh'
    >>> status_at("2020-11-25").controller("kalbajar")
    'azerbaijan'

    The same day asked again is answered from memory, with the same object:

    >>> status_at("2020-11-25") is status_at("2020-11-25")
    True
    """
    if as_of is None and type(when) in MEMO_KEY_TYPES:
        found = _memo.get(when)
        if found is not None:
            return found
        if _latest is not None:
            return _latest.remember(when)
    return _status_at(when, as_of)


def _status_at(when: object, as_of: object) -> Status:
    global _latest, _memo
    h = _history or default_history()
    if as_of is not None:
        return h.status_at(when, as_of=as_of)
    if _latest is None:
        _latest = h.timeline()
        _memo = _latest._memo
    return _latest.status_for(when)


def status_range(start: object, end: object, *, as_of: object = None) -> list[Status]:
    """The :class:`Status` of every day from ``start`` to ``end`` inclusive, from the bundled log.

    >>> days = status_range("2020-11-24", "2020-11-26")
    >>> [s.controller("kalbajar") for s in days]
    ['artsakh', 'azerbaijan', 'azerbaijan']
    """
    return default_history().status_range(start, end, as_of=as_of)


def events(*, as_of: object = None) -> tuple[Event, ...]:
    """Every event of the bundled log, in log order."""
    return default_history().events(as_of=as_of)


def changes_between(start: object, end: object, *, as_of: object = None) -> tuple[Event, ...]:
    """Events of the bundled log taking effect in ``(start, end]``, in effect order.

    >>> [e.id for e in changes_between("2020-11-19", "2020-11-20")]
    ['2020-11-20-agdam-handed-over']
    """
    return default_history().changes_between(start, end, as_of=as_of)


def data_version() -> DataVersion:
    """The bundled log's revision (event count) and SHA-256 digest, for citing it."""
    return default_history().data_version()


@functools.cache
def actors() -> Mapping[str, Actor]:
    """Every actor of the bundled data, by id.

    >>> actors()["maine"].kind
    'subnational'
    """
    from ._actors import load_actors  # not needed to answer status_at: imported when asked

    return load_actors(_data_file("actors.jsonl"))


def actor(actor_id: str) -> Actor:
    """The :class:`Actor` with this id (``KeyError`` if unknown)."""
    return actors()[actor_id]
