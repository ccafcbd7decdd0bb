"""The log that ships with the package, loaded lazily and once per process."""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._data import data_file as _data_file
from ._dates import DayLike, Revision
from ._errors import KarabakhStatusError
from ._events import Event
from ._history import History
from ._status import Status
from ._timeline import Timeline

if TYPE_CHECKING:
    from ._actorbook import ActorBook
    from ._actors import Actor
    from ._places import Place
    from ._revisions import DataVersion

__all__ = [
    "actor",
    "actors",
    "place",
    "places",
    "bundled_log_path",
    "changes_between",
    "data_version",
    "default_history",
    "history_or_default",
    "events",
    "status_at",
    "status_range",
]

_lock = threading.Lock()


def bundled_log_path() -> Path:
    """Where the bundled ``events.jsonl`` is.

    >>> bundled_log_path().name
    'events.jsonl'
    """
    return _data_file("events.jsonl")


_history: History | None = None


def default_history() -> History:
    """The bundled log's :class:`History`, loaded on first use and kept.

    Its answers pickle small: a :class:`Status` of the bundled log pickles as
    the revision it was read from, named by that revision's hash-chain
    digest, and loads in any installation whose bundled log has that
    revision (the log is append-only, so every later release has it).
    """
    global _history
    h = _history
    if h is None:
        with _lock:
            if _history is None:
                _history = _load_bundled(bundled_log_path())
            h = _history
    return h


def _load_bundled(path: Path) -> History:
    """Read the bundled log: from its compiled form when that matches its bytes, else built directly when its
    hash chain vouches for every line, else strictly."""
    from ._compiled import COMPILED_NAME, PLACES_NAME, read_compiled

    name = str(path)
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    try:
        places: bytes | None = path.with_name(PLACES_NAME).read_bytes()
    except OSError:
        places = None
    compiled = read_compiled(path.with_name(COMPILED_NAME), data, places) if data else None
    if compiled is not None:
        # The compiled form was written from this very log, its ids checked and its timeline folded when it was
        # built against the gazetteer compiled with it; only if that gazetteer has changed since are the ids checked
        # and the events folded again.
        from ._data import bundled_gazetteer
        from ._fold import PlaceIndex

        if compiled.rows is None or compiled.timeline is None:
            return History(compiled.events, name=name, digest=compiled.digest, pickle_revision=_pickled_revision)
        from ._compiled_fold import restore_timeline

        index = PlaceIndex(compiled.rows, bundled_gazetteer)
        n = len(compiled.events)
        small, blobs = compiled.timeline
        timeline = restore_timeline(compiled.events, index, small, blobs, functools.partial(_pickled_revision, n))
        history = History.__new__(History)  # its events were checked and folded when compiled: neither is done again
        history._set(
            compiled.events, index, None, name, compiled.digest, compiled.recorded, timeline, _pickled_revision
        )
        return history
    import hashlib

    from ._log import read_log_file
    from ._trusted import chain_vouches, trusted_events

    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    try:
        chain = path.with_name(path.name + ".chain").read_bytes()
    except OSError:
        chain = b""
    events: list[Event] | None = None
    if chain_vouches(data, chain):
        try:
            events = trusted_events(data)
        except Exception:  # anything unexpected: read it the strict way below
            events = None
    if events is None:
        events, digest = read_log_file(name)
    return History(events, name=name, digest=digest, pickle_revision=_pickled_revision)


@functools.cache
def _chain_digests() -> tuple[str, ...]:
    from ._chain import HashChain

    return tuple(HashChain.read(bundled_log_path()).digests)


def _pickled_revision(n: int) -> tuple[Any, ...]:
    """How a timeline of the bundled log's first ``n`` events pickles: that revision and its chain digest."""
    return (_bundled_timeline, (n, _chain_digests()[n - 1] if n else ""))


def _bundled_timeline(n: int, digest: str) -> Timeline:
    """The bundled log's timeline of revision ``n``, if this installation's log has that revision."""
    digests = _chain_digests()
    if n > len(digests) or (digests[n - 1] if n else "") != digest:
        raise KarabakhStatusError(
            f"this was pickled from revision {n} of the bundled log (chain digest {digest[:12]}...), "
            f"which this installation's bundled log ({len(digests)} events) does not have"
        )
    return default_history().timeline(n)


def history_or_default(history: History | None) -> History:
    """``history``, or the bundled log's when it is ``None``: how every feature function picks its history.

    >>> history_or_default(None) is default_history()
    True
    """
    return default_history() if history is None else history


def status_at(when: DayLike, *, as_of: Revision = None) -> Status:
    """The :class:`Status` in force on ``when`` according to the bundled log (see :meth:`History.status_at`).

    Args:
        when: The day asked about.
        as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its first N
            events) or a day (the events recorded by then).

    >>> status_at("2020-11-24").controller("kalbajar")
    'artsakh'
    >>> status_at("2020-11-25").controller("kalbajar")
    'azerbaijan'

    The same day asked again is answered from memory, with the same object:

    >>> status_at("2020-11-25") is status_at("2020-11-25")
    True
    """
    return (_history or default_history()).status_at(when, as_of=as_of)


def status_range(start: DayLike, end: DayLike, *, as_of: Revision = None) -> list[Status]:
    """The :class:`Status` of every day from ``start`` to ``end`` inclusive, from the bundled log.

    Args:
        start: The first day (anything :func:`~karabakh_status.status_at` accepts).
        end: The last day, inclusive.
        as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its first N
            events) or a day (the events recorded by then).

    >>> days = status_range("2020-11-24", "2020-11-26")
    >>> [s.controller("kalbajar") for s in days]
    ['artsakh', 'azerbaijan', 'azerbaijan']
    """
    return default_history().status_range(start, end, as_of=as_of)


def events(*, as_of: Revision = None) -> tuple[Event, ...]:
    """Every event of the bundled log, in log order.

    Args:
        as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its first N
            events) or a day (the events recorded by then).
    """
    return default_history().events(as_of=as_of)


def changes_between(start: DayLike, end: DayLike, *, as_of: Revision = None) -> tuple[Event, ...]:
    """Events of the bundled log taking effect in ``(start, end]``, in effect order.

    Args:
        start: The day after which events are listed (exclusive).
        end: The last day whose events are listed (inclusive).
        as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its first N
            events) or a day (the events recorded by then).

    >>> [e.id for e in changes_between("2020-11-19", "2020-11-20") if e.type == "status-change" and e.territories]
    ['2020-11-20-agdam-handed-over']
    """
    return default_history().changes_between(start, end, as_of=as_of)


def data_version() -> DataVersion:
    """The bundled log's revision (event count) and SHA-256 digest, for citing it."""
    return default_history().data_version()


def actors() -> ActorBook:
    """Every actor of the bundled data: a mapping by id (see :attr:`History.actors`).

    >>> actors()["maine"].kind
    'subnational'
    """
    return default_history().actors


def actor(name: str) -> Actor:
    """The :class:`Actor` with this id or display name (case, diacritics, hyphens and spaces ignored).

    Args:
        name: An id or any listed name, ignoring case, diacritics, hyphens and spaces.

    Raises :class:`~karabakh_status.UnknownActorError` (a ``KeyError``) for
    a name that is not there, with the closest ones.

    >>> actor("armenia").name, actor("Armenia").id, actor("UN Security Council").id
    ('Armenia', 'armenia', 'un-security-council')
    """
    return default_history().actors.find(name)


def places() -> tuple[Place, ...]:
    """Every place of the bundled gazetteer (``places.jsonl``), in its order.

    >>> ps = places()
    >>> len(ps) >= 100, all(p.kind in ("city", "town", "village", "height", "pass", "road-section") for p in ps)
    (True, True)
    """
    return default_history().places.gazetteer().places


def place(name: str) -> Place:
    """The :class:`Place` with this id or any of its names (case, diacritics, hyphens and spaces ignored).

    Args:
        name: An id or any listed name, ignoring case, diacritics, hyphens and spaces.

    Raises :class:`~karabakh_status.AmbiguousNameError` for a name of more
    than one place, :class:`~karabakh_status.UnknownTerritoryError` (with
    the closest names) for a name of none.

    >>> place("Şuşa").id, place("shushi").id, place("Khankendi").name
    ('shusha-town', 'shusha-town', 'Stepanakert')
    """
    return default_history().place(name)
