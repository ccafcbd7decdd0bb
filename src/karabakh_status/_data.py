"""Where the package's data files are, in a wheel and in an editable install."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ._errors import KarabakhStatusError, LogError, LogProblem
from ._fold import PlaceIndex

if TYPE_CHECKING:
    from ._actorbook import ActorBook
    from ._actors import Actor
    from ._places import Gazetteer

__all__ = ["bundled_actors", "bundled_gazetteer", "bundled_index", "data_file"]


def data_file(name: str) -> Path:
    """A file of the top-level ``data/`` folder, wherever the package is installed.

    A wheel carries ``data/`` inside the package (``karabakh_status/data``);
    an editable install imports ``src/karabakh_status`` from the checkout,
    whose ``data/`` is two folders up.  Both are found beside this module's
    file; only a package that is not on disk (a zip) is asked through
    :mod:`importlib.resources`, which is slow to import.
    """
    here = Path(__file__).parent
    for candidate in (here / "data" / name, here.parent.parent / "data" / name):
        if candidate.is_file():
            return candidate
    from importlib.resources import as_file, files

    shipped = files("karabakh_status") / "data" / name
    if shipped.is_file():
        with as_file(shipped) as p:
            return Path(p)
    raise KarabakhStatusError(f"the bundled data file {name!r} is missing from this installation")


@functools.cache
def bundled_index() -> PlaceIndex:
    """The bundled places' index (id, territory, centre): what the fold needs, read without building places.

    >>> ix = bundled_index()
    >>> ix.territory[ix.position["shusha-town"]], ix.ids[ix.centre["shusha"]]
    ('shusha', 'shusha-town')
    """
    path = data_file("places.jsonl")
    try:
        lines = path.read_bytes().splitlines()
    except OSError as exc:
        raise LogError(
            str(path), None, f"cannot read the places: {exc.strerror or exc}", LogProblem.UNREADABLE
        ) from None
    rows = []
    for raw in lines:
        if raw.strip():
            # Three fields of a line the gazetteer writes, found without decoding its long notes (an
            # unescaped quote cannot occur inside a JSON string); any other line is decoded in full.
            found = _ID.search(raw), _TERRITORY.search(raw)
            if found[0] is not None and found[1] is not None:
                rows.append((found[0][1].decode(), found[1][1].decode(), _CENTRE.search(raw) is not None))
            else:
                import json

                obj = json.loads(raw)
                rows.append((obj["id"], obj["territory"], obj.get("centre") is True))
    return PlaceIndex(rows, bundled_gazetteer)


@functools.cache
def bundled_gazetteer() -> Gazetteer:
    """The gazetteer that ships with the package (``places.jsonl``), read on first use: from the compiled log
    when it was compiled from these very places (its names already folded), else from the file."""
    from ._compiled import COMPILED_NAME, read_gazetteer
    from ._places import load_gazetteer  # names are not needed to answer status_at: imported when asked

    path = data_file("places.jsonl")
    compiled = read_gazetteer(path.with_name(COMPILED_NAME), path.read_bytes())
    return load_gazetteer(path) if compiled is None else compiled


@functools.cache
def bundled_actors() -> ActorBook:
    """The actors that ship with the package (``actors.jsonl``): their ids read at once, the actors on first use.

    >>> book = bundled_actors()
    >>> "armenia" in book.ids, book["armenia"].name
    (True, 'Armenia')
    """
    from ._actorbook import ActorBook

    path = data_file("actors.jsonl")

    def read() -> tuple[Actor, ...]:
        from ._actors import read_actors  # the records themselves: built on first lookup only

        return read_actors(path)

    try:
        lines = path.read_bytes().splitlines()
    except OSError:
        lines = []  # reported, with the path, when the actors are first built
    ids = []
    for raw in lines:
        found = _ID.search(raw)
        if found is None:  # not a line the data writes: no shortcut, build them all
            return ActorBook(read)
        ids.append(found[1].decode())
    return ActorBook(read, ids)


_ID = re.compile(rb'^\{"id": ?"([a-z0-9-]+)"')
_TERRITORY = re.compile(rb'"territory": ?"([a-z-]+)"')
_CENTRE = re.compile(rb'"centre": ?true[,}]')
