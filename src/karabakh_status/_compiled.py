"""A compiled form of the bundled log: its events pickled when the package is built, checked by digest at load.

Parsing the log's lines into records is most of a fresh process's first
answer, and it grows with the record.  The build (``hatch_build.py``, or
``python -m karabakh_status._compiled`` in a checkout) writes the events as one
pickle beside the log, with the SHA-256 of the log's bytes and a fingerprint
of the code that defines the records.  At load, the pickle is used only if
both still match: the log has not changed by a byte, and the records are the
ones this code defines.  Otherwise the log is read from its lines as before;
nothing is ever answered from a stale compiled form.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any, Final

from ._events import Event

__all__ = ["COMPILED_NAME", "code_fingerprint", "read_compiled", "write_compiled"]

#: The compiled form's file name, beside ``events.jsonl``.
COMPILED_NAME: Final = "events.compiled"
_MAGIC: Final = "karabakh-status compiled log 2"
#: The gazetteer beside the log, whose index (id, territory, centre of each place) is compiled with the events.
PLACES_NAME: Final = "places.jsonl"
#: The modules whose code defines what a record is: a change to any of them makes a compiled form stale.
_DEFINING: Final = ("_events.py", "_dates.py", "_vocabulary.py")


def code_fingerprint() -> str:
    """A digest of the code that defines the records, and of the Python version that pickles them.

    >>> len(code_fingerprint())
    64
    """
    h = hashlib.sha256()
    here = Path(__file__).parent  # the package's own modules, in a wheel and in a checkout alike
    for name in _DEFINING:
        h.update((here / name).read_bytes())
    h.update(f"python {sys.version_info[:2]}".encode())
    return h.hexdigest()


def write_compiled(log: str | os.PathLike[str], out: str | os.PathLike[str] | None = None) -> Path:
    """Compile the log at ``log`` (read the strict way, with its hash chain checked) to ``out``; return its path.

    ``out`` defaults to ``events.compiled`` beside the log.  Raises
    :class:`~karabakh_status.LogError` for a log that is not sound.
    """
    from ._load import load

    source = Path(log)
    target = Path(out) if out is not None else source.with_name(COMPILED_NAME)
    data = source.read_bytes()
    history = load(source, verify=True)
    events = history.events()
    places = source.with_name(PLACES_NAME)
    index = history.places
    rows = tuple(
        zip(index.ids, index.territory, [i in set(index.centre.values()) for i in range(len(index))], strict=True)
    )
    places_digest = hashlib.sha256(places.read_bytes()).hexdigest() if places.is_file() else ""
    payload = (_MAGIC, code_fingerprint(), hashlib.sha256(data).hexdigest(), tuple(events), places_digest, rows)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(temporary, target)
    return target


def read_compiled(
    path: Path, digest: str, places_digest: str | None = None
) -> tuple[tuple[Event, ...], tuple[tuple[str, str, bool], ...] | None] | None:
    """The events compiled at ``path`` if they were compiled from a log whose SHA-256 is ``digest`` by this code,
    with the places' index rows if the gazetteer's SHA-256 is ``places_digest`` as compiled (else ``None`` for them).

    ``None`` when there is no compiled form, or it is stale or unreadable:
    the caller then reads the log itself.
    """
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        payload: Any = pickle.loads(raw)  # noqa: S301 - the package's own build output, checked below
        magic, fingerprint, compiled_from, events, compiled_places, rows = payload
    except Exception:  # a file from another version, or damaged: not used
        return None
    if magic != _MAGIC or compiled_from != digest or fingerprint != code_fingerprint():
        return None
    return events, (rows if places_digest is not None and compiled_places == places_digest else None)


if __name__ == "__main__":  # python -m karabakh_status._compiled [LOG [OUT]]
    from ._data import data_file

    arguments = sys.argv[1:]
    written = write_compiled(arguments[0] if arguments else data_file("events.jsonl"), *arguments[1:2])
    print(f"wrote {written}")
