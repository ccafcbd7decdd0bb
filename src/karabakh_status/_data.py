"""Where the package's data files are, in a wheel and in an editable install."""

from __future__ import annotations

import functools
import json
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
            obj = json.loads(raw)
            territories[obj["id"]] = obj["territory"]
    return MappingProxyType(territories)
