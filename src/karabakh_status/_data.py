"""Where the package's data files are, in a wheel and in an editable install."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from importlib.resources import as_file, files
from pathlib import Path
from types import MappingProxyType

from ._errors import KarabakhStatusError, LogError, LogProblem

__all__ = ["data_file", "place_territories"]


def data_file(name: str) -> Path:
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


@functools.cache
def place_territories() -> Mapping[str, str]:
    """The territory of each bundled place, by place id: what the fold needs, read without building places.

    >>> place_territories()["shusha-town"]
    'shusha'
    """
    path = data_file("places.jsonl")
    try:
        lines = path.read_bytes().splitlines()
    except OSError as exc:
        raise LogError(
            str(path), None, f"cannot read the places: {exc.strerror or exc}", LogProblem.UNREADABLE
        ) from None
    territories = {}
    for raw in lines:
        if raw.strip():
            # Two fields of a line the gazetteer writes, found without decoding its long notes (an
            # unescaped quote cannot occur inside a JSON string); any other line is decoded in full.
            found = _ID.search(raw), _TERRITORY.search(raw)
            if found[0] is not None and found[1] is not None:
                territories[found[0][1].decode()] = found[1][1].decode()
            else:
                obj = json.loads(raw)
                territories[obj["id"]] = obj["territory"]
    return MappingProxyType(territories)


_ID = re.compile(rb'^\{"id": ?"([a-z0-9-]+)"')
_TERRITORY = re.compile(rb'"territory": ?"([a-z-]+)"')
