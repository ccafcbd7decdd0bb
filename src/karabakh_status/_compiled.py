"""A compiled form of the bundled log: its events and its folded timeline, built with the package, checked at load.

Parsing the log's lines into records and folding them is most of a fresh
process's first answer, and it grows with the record.  The build
(``hatch_build.py``, or ``python -m karabakh_status._compiled`` in a checkout)
writes, beside the log and with :mod:`marshal`: every event as its own pickle,
the folded timeline in the compact form of :mod:`._compiled_fold`, the
gazetteer's index, the log's SHA-256, and checks of what it was built from:
the length and CRC-32 of the log's bytes and of the gazetteer's, and of the
code that defines the records and the fold.  At load, the compiled form is
used only if all of them still match: the log and the gazetteer are the bytes
it was built from (the SHA-256 is not recomputed: it is what
:func:`~karabakh_status.data_version` reports), and the code is the code that
built it.  If only the gazetteer differs, the events are used and folded
again over the gazetteer as it is; otherwise the log is read from its lines as
before.  Nothing is ever answered from a stale compiled form.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from array import array
from pathlib import Path
from typing import Any, Final, NamedTuple

from ._compiled_fold import compile_timeline
from ._lazy import LazyEvents, Region

__all__ = ["COMPILED_NAME", "Compiled", "code_fingerprint", "read_compiled", "write_compiled"]

#: The compiled form's file name, beside ``events.jsonl``.
COMPILED_NAME: Final = "events.compiled"
_MAGIC: Final = "karabakh-status compiled log 3"
#: The file's first bytes: a tag, then the length of its marshalled header (8 bytes, little-endian).
_TAG: Final = b"KSC3"
_START: Final = len(_TAG) + 8
#: The gazetteer beside the log, whose index (id, territory, centre of each place) is compiled with the events.
PLACES_NAME: Final = "places.jsonl"
#: The modules whose code defines what a record is and how the log folds: a change to any makes a compiled form stale.
_DEFINING: Final = (
    "_events.py",
    "_dates.py",
    "_vocabulary.py",
    "_fold.py",
    "_state.py",
    "_placemap.py",
    "_timeline.py",
    "_compiled_fold.py",
    "_lazy.py",
)


def _check(data: bytes) -> tuple[int, int]:
    """The length and CRC-32 of some bytes: what tells a file from the one a compiled form was built from."""
    return len(data), zlib.crc32(data)


def code_fingerprint() -> tuple[Any, ...]:
    """The checks of the code that defines the records and the fold, and the Python version that compiled them.

    >>> fingerprint = code_fingerprint()
    >>> len(fingerprint) == len(_DEFINING) + 1
    True
    """
    here = Path(__file__).parent  # the package's own modules, in a wheel and in a checkout alike
    return (*(_check((here / name).read_bytes()) for name in _DEFINING), sys.version_info[:2])


class Compiled(NamedTuple):
    """What a compiled form holds, read back (see :func:`read_compiled`)."""

    #: The log's events, each unpickled when first read.
    events: LazyEvents
    #: Each event's ``recorded`` day, as an ordinal.
    recorded: array[int]
    #: The SHA-256 of the log's bytes, as ``"sha256:<hex>"``.
    digest: str
    #: The gazetteer's index rows (id, territory, centre), or ``None`` if the gazetteer has changed since.
    rows: tuple[tuple[str, str, bool], ...] | None
    #: The folded timeline of the whole log, its part read at once and its blobs read when asked for
    #: (:func:`~._compiled_fold.restore_timeline` reads them), or ``None`` if the gazetteer has changed since.
    timeline: tuple[tuple[Any, ...], Region] | None


def write_compiled(log: str | os.PathLike[str], out: str | os.PathLike[str] | None = None) -> Path:
    """Compile the log at ``log`` (read the strict way, with its hash chain checked) to ``out``; return its path.

    ``out`` defaults to ``events.compiled`` beside the log.  Raises
    :class:`~karabakh_status.LogError` for a log that is not sound.
    """
    import hashlib

    from ._load import load

    source = Path(log)
    target = Path(out) if out is not None else source.with_name(COMPILED_NAME)
    data = source.read_bytes()
    history = load(source, verify=True)
    events = history.events()
    places = source.with_name(PLACES_NAME)
    index = history.places
    centres = set(index.centre.values())
    rows = tuple(zip(index.ids, index.territory, [i in centres for i in range(len(index))], strict=True))
    small, blobs = compile_timeline(history.timeline())
    events_data, events_offsets = Region.pack(LazyEvents.blobs(events))
    timeline_data, timeline_offsets = Region.pack(blobs)
    header = (
        _MAGIC,
        code_fingerprint(),
        _check(data),
        "sha256:" + hashlib.sha256(data).hexdigest(),
        _check(places.read_bytes()) if places.is_file() else None,
        rows,
        array("i", [e.recorded.toordinal() for e in events]).tobytes(),
        events_offsets.tobytes(),
        timeline_offsets.tobytes(),
        small,
    )
    head = marshal.dumps(header)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(_TAG + len(head).to_bytes(8, "little") + head + events_data + timeline_data)
    os.replace(temporary, target)
    return target


def read_compiled(path: Path, log: bytes, places: bytes | None = None) -> Compiled | None:
    """What is compiled at ``path``, if it was compiled by this code from a log of exactly the bytes ``log``;
    its gazetteer index and timeline only if the gazetteer's bytes are ``places`` as compiled.

    ``None`` when there is no compiled form, or it is stale or unreadable:
    the caller then reads the log itself.
    """
    import mmap

    try:
        with path.open("rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)  # the events are paged in when read
    except (OSError, ValueError):  # missing, unreadable, or empty
        return None
    try:
        if data[: len(_TAG)] != _TAG:
            return None
        end = _START + int.from_bytes(data[len(_TAG) : _START], "little")
        header: Any = marshal.loads(data[_START:end])  # noqa: S302 - the package's own build output, checked below
        magic, fingerprint, log_check, digest, places_check, rows, recorded, offsets, timeline_offsets, small = header
        if magic != _MAGIC:
            return None
        events = Region(data, end, array("q", offsets))
        timeline = Region(data, end + events.size, array("q", timeline_offsets))
    except Exception:  # a file from another version, or damaged: not used
        return None
    if len(data) != end + events.size + timeline.size:  # cut short, or more than was written
        return None
    if log_check != _check(log) or fingerprint != code_fingerprint():
        return None
    same_places = places is not None and places_check == _check(places)
    return Compiled(
        LazyEvents(events),
        array("i", recorded),
        digest,
        rows if same_places else None,
        (small, timeline) if same_places else None,
    )


if __name__ == "__main__":  # python -m karabakh_status._compiled [LOG [OUT]]
    from ._data import data_file

    arguments = sys.argv[1:]
    written = write_compiled(arguments[0] if arguments else data_file("events.jsonl"), *arguments[1:2])
    print(f"wrote {written}")
