"""A compiled form of the bundled log: its events and its folded timeline, built with the package, checked at load.

Parsing the log's lines into records and folding them is most of a fresh
process's first answer, and it grows with the record.  The build
(``hatch_build.py``, or ``python -m karabakh_status._compile`` in a checkout;
:mod:`._compile` writes it, this module reads it) writes, beside the log and
with :mod:`marshal`: every event as its own pickle, the folded timeline in the
compact form of :mod:`._compiled_fold`, the gazetteer's index and the gazetteer
itself (its names already folded), the log's SHA-256, and checks of what it was
built from:
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
import mmap
import sys
import zlib
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from ._lazy import LazyEvents, Region

if TYPE_CHECKING:
    from ._places import Gazetteer

__all__ = [
    "COMPILED_NAME",
    "MAGIC",
    "PLACES_NAME",
    "TAG",
    "Compiled",
    "check",
    "code_fingerprint",
    "read_compiled",
    "read_gazetteer",
]

#: The compiled form's file name, beside ``events.jsonl``.
COMPILED_NAME: Final = "events.compiled"
MAGIC: Final = "karabakh-status compiled log 3"
#: The file's first bytes: a tag, then the length of its marshalled header (8 bytes, little-endian).
TAG: Final = b"KSC3"
_START: Final = len(TAG) + 8
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
    "_places.py",
    "_compile.py",
    "_compiled.py",
)


def check(data: bytes) -> tuple[int, int]:
    """The length and CRC-32 of some bytes: what tells a file from the one a compiled form was built from."""
    return len(data), zlib.crc32(data)


def code_fingerprint() -> tuple[Any, ...]:
    """The checks of the code that defines the records and the fold, and the Python version that compiled them.

    >>> fingerprint = code_fingerprint()
    >>> len(fingerprint) == len(_DEFINING) + 1
    True
    """
    here = Path(__file__).parent  # the package's own modules, in a wheel and in a checkout alike
    return (*(check((here / name).read_bytes()) for name in _DEFINING), sys.version_info[:2])


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


class _Opened(NamedTuple):
    """A compiled form's file, mapped, with its header read and its regions found."""

    data: mmap.mmap
    header: tuple[Any, ...]
    events: Region
    timeline: Region
    gazetteer: slice


def _open(path: Path) -> _Opened | None:
    """The compiled form at ``path`` if it is one of this format, whole, and built by this code; else ``None``."""
    try:
        with path.open("rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)  # only what is read is paged in
    except (OSError, ValueError):  # missing, unreadable, or empty
        return None
    try:
        if data[: len(TAG)] != TAG:
            return None
        end = _START + int.from_bytes(data[len(TAG) : _START], "little")
        header: Any = marshal.loads(data[_START:end])  # noqa: S302 - the package's own build output, checked below
        if header[0] != MAGIC:
            return None
        events = Region(data, end, array("q", header[7]))
        timeline = Region(data, end + events.size, array("q", header[8]))
        start = end + events.size + timeline.size
        gazetteer = slice(start, start + header[10])
    except Exception:  # a file from another version, or damaged: not used
        return None
    if len(data) != gazetteer.stop or header[1] != code_fingerprint():  # cut short or too long; other code
        return None
    return _Opened(data, header, events, timeline, gazetteer)


def read_compiled(path: Path, log: bytes, places: bytes | None = None) -> Compiled | None:
    """What is compiled at ``path``, if it was compiled by this code from a log of exactly the bytes ``log``;
    its gazetteer index and timeline only if the gazetteer's bytes are ``places`` as compiled.

    ``None`` when there is no compiled form, or it is stale or unreadable:
    the caller then reads the log itself.
    """
    opened = _open(path)
    if opened is None:
        return None
    _, _, log_check, digest, places_check, rows, recorded, _, _, small, _ = opened.header
    if log_check != check(log):
        return None
    same_places = places is not None and places_check == check(places)
    return Compiled(
        LazyEvents(opened.events),
        array("i", recorded),
        digest,
        rows if same_places else None,
        (small, opened.timeline) if same_places else None,
    )


def read_gazetteer(path: Path, places: bytes) -> Gazetteer | None:
    """The gazetteer compiled at ``path`` if it was compiled by this code from a places file of exactly the bytes
    ``places`` (whatever log it was compiled with); else ``None``."""
    opened = _open(path)
    if opened is None or opened.header[4] != check(places) or opened.gazetteer.stop == opened.gazetteer.start:
        return None
    import pickle

    found: Gazetteer = pickle.loads(opened.data[opened.gazetteer])  # noqa: S301 - the package's own build output
    return found
