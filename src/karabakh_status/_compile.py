"""Writing the compiled form of a log (see :mod:`._compiled`, which reads it): the package's build does it.

``python -m karabakh_status._compile [LOG [OUT]]`` writes it; in a checkout
LOG defaults to ``data/events.jsonl`` and OUT to ``events.compiled`` beside it.
"""

from __future__ import annotations

import marshal
import os
import sys
from array import array
from pathlib import Path

from ._compiled import COMPILED_NAME, MAGIC, PLACES_NAME, TAG, check, code_fingerprint
from ._compiled_fold import compile_timeline
from ._lazy import LazyEvents, Region

__all__ = ["write_compiled"]


def write_compiled(log: str | os.PathLike[str], out: str | os.PathLike[str] | None = None) -> Path:
    """Compile the log at ``log`` (read the strict way, with its hash chain checked) to ``out``; return its path.

    ``out`` defaults to ``events.compiled`` beside the log.  Raises
    :class:`~karabakh_status.LogError` for a log that is not sound.
    """
    import hashlib
    import pickle

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
    # The gazetteer with its names folded, for the first name resolved in a fresh process (about 30 ms otherwise).
    gazetteer = pickle.dumps(index.gazetteer(), protocol=pickle.HIGHEST_PROTOCOL) if places.is_file() else b""
    header = (
        MAGIC,
        code_fingerprint(),
        check(data),
        "sha256:" + hashlib.sha256(data).hexdigest(),
        check(places.read_bytes()) if places.is_file() else None,
        rows,
        array("i", [e.recorded.toordinal() for e in events]).tobytes(),
        events_offsets.tobytes(),
        timeline_offsets.tobytes(),
        small,
        len(gazetteer),
    )
    head = marshal.dumps(header)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(TAG + len(head).to_bytes(8, "little") + head + events_data + timeline_data + gazetteer)
    os.replace(temporary, target)
    return target


if __name__ == "__main__":  # python -m karabakh_status._compile [LOG [OUT]]; LOG: a checkout's data/events.jsonl
    arguments = sys.argv[1:]
    checkout_log = Path(__file__).resolve().parents[2] / "data" / "events.jsonl"
    written = write_compiled(arguments[0] if arguments else checkout_log, *arguments[1:2])
    print(f"wrote {written}")
