"""The data fields of ``CITATION.cff``: the software version and the data revision and digest, kept current."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Final

from ._bundled import history_or_default
from ._errors import InvalidArgumentError
from ._history import History
from ._version import __version__

__all__ = ["update_citation"]


_CITATION_LINES: Final = {
    "version": re.compile(r'^version: "[^"\n]*"$', re.MULTILINE),
    "revision": re.compile(r'^    value: "revision [0-9]+ of data/events\.jsonl"$', re.MULTILINE),
    "digest": re.compile(r'^    value: "sha256:[0-9a-f]{64}"$', re.MULTILINE),
}


def update_citation(path: str | os.PathLike[str], *, history: History | None = None) -> bool:
    """Rewrite the software version and the data revision and digest in ``CITATION.cff``; return whether it changed.

    The version comes from the package, the revision and digest from
    ``history.data_version()`` (the bundled log by default).  The file must
    have each of the three lines once; otherwise nothing is written and
    :class:`~karabakh_status.InvalidArgumentError` says which is missing.
    """
    v = history_or_default(history).data_version()
    lines = {
        "version": f'version: "{__version__}"',
        "revision": f'    value: "revision {v.revision} of data/events.jsonl"',
        "digest": f'    value: "{v.digest}"',
    }
    file = Path(path)
    text = old = file.read_text(encoding="utf-8")
    for key, pattern in _CITATION_LINES.items():
        text, n = pattern.subn(lines[key], text)
        if n != 1:
            raise InvalidArgumentError(f"{file}: expected one line like {lines[key].strip()!r}; found {n}")
    if text != old:
        file.write_text(text, encoding="utf-8")
    return text != old
