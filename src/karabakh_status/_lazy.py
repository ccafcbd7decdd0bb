"""A log's events kept as bytes, each unpickled the first time it is read: what a compiled log is read through.

>>> import karabakh_status as ks
>>> events = LazyEvents.pickled(ks.events()[:3])
>>> len(events), events[1] == ks.events()[1], events[:2] == ks.events()[:2]
(3, True, True)
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

from ._events import Event

if TYPE_CHECKING:
    import mmap

__all__ = ["EventsAt", "LazyEvents", "LazySequence", "Region"]

T = TypeVar("T")


class Region:
    """Blobs of bytes laid end to end in a buffer, each read only when asked for; immutable.

    ``data[start + offsets[i]:start + offsets[i + 1]]`` is blob ``i`` (``data``
    may be a memory map of a compiled log: only what is read is paged in).

    >>> data, offsets = Region.pack([b"ab", b"", b"c"])
    >>> r = Region(data, 0, offsets)
    >>> len(r), r[0], r[1], r[2]
    (3, b'ab', b'', b'c')
    """

    __slots__ = ("_data", "_offsets", "_start")

    def __init__(self, data: bytes | mmap.mmap, start: int, offsets: array[int]) -> None:
        self._data = data
        self._start = start
        self._offsets = offsets

    @staticmethod
    def pack(blobs: Iterable[bytes]) -> tuple[bytes, array[int]]:
        """The blobs joined, and where each begins (and the last ends)."""
        kept = list(blobs)
        offsets = array("q", [0])
        for blob in kept:
            offsets.append(offsets[-1] + len(blob))
        return b"".join(kept), offsets

    @classmethod
    def of(cls, blobs: Iterable[bytes]) -> Region:
        """A region of these blobs, in memory."""
        data, offsets = cls.pack(blobs)
        return cls(data, 0, offsets)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @property
    def size(self) -> int:
        """The bytes all its blobs take."""
        return self._offsets[-1]

    def __getitem__(self, i: int) -> bytes:
        if i < 0:
            i += len(self)
        return self._data[self._start + self._offsets[i] : self._start + self._offsets[i + 1]]


class LazySequence(Sequence[T]):
    """An immutable sequence whose items are made or read when first asked for: a subclass says how (``_item``).

    >>> class Squares(LazySequence[int]):
    ...     def __len__(self) -> int:
    ...         return 4
    ...     def _item(self, i: int) -> int:
    ...         return i * i
    >>> s = Squares()
    >>> s[-1], s[1:3], list(s)
    (9, (1, 4), [0, 1, 4, 9])
    """

    __slots__ = ()

    def _item(self, i: int) -> T:
        """Item ``i`` (``0 <= i < len(self)``)."""
        raise NotImplementedError

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[T, ...]: ...
    def __getitem__(self, i: int | slice) -> T | tuple[T, ...]:
        n = len(self)
        if isinstance(i, slice):
            return tuple(map(self._item, range(*i.indices(n))))
        if not -n <= i < n:
            raise IndexError(f"index {i} out of range for {n} items")
        return self._item(i + n if i < 0 else i)

    def __iter__(self) -> Iterator[T]:
        return map(self._item, range(len(self)))


class LazyEvents(LazySequence[Event]):
    """A log's events, each unpickled from its blob of a :class:`Region` the first time it is read; immutable.

    Two threads reading one event at once may each unpickle it; the two
    records are equal, and one of them is kept.
    """

    __slots__ = ("_events", "_region")

    def __init__(self, region: Region) -> None:
        self._region = region
        self._events: list[Event | None] = [None] * len(region)

    @staticmethod
    def blobs(events: Iterable[Event]) -> Iterator[bytes]:
        """Each event pickled on its own (a :class:`Region`'s blobs, for :class:`LazyEvents`)."""
        import pickle

        return (pickle.dumps(e, protocol=pickle.HIGHEST_PROTOCOL) for e in events)

    @classmethod
    def pickled(cls, events: Iterable[Event]) -> LazyEvents:
        """``events``, pickled one by one in memory and read back lazily."""
        return cls(Region.of(cls.blobs(events)))

    def __len__(self) -> int:
        return len(self._events)

    def _item(self, i: int) -> Event:
        event = self._events[i]
        if event is None:
            event = self._events[i] = _unpickle(self._region[i])
        return event

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))


class EventsAt(LazySequence[Event]):
    """The events at some positions of a :class:`LazyEvents`, read only when indexed."""

    __slots__ = ("_at", "_events")

    def __init__(self, events: LazyEvents, at: Sequence[int]) -> None:
        self._events = events
        self._at = at

    def __len__(self) -> int:
        return len(self._at)

    def _item(self, i: int) -> Event:
        return self._events[self._at[i]]


def _unpickle(blob: bytes) -> Any:
    """One pickled record, read back (with the C unpickler alone where there is one: ``pickle`` itself costs a fresh
    process about 1 ms more to import)."""
    try:
        from _pickle import loads
    except ImportError:  # an interpreter without the C unpickler
        from pickle import loads
    return loads(blob)  # noqa: S301 - the package's own build output
