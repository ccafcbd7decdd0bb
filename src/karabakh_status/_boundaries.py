"""The outlines the maps draw under the places: countries, Azerbaijan's districts, the 1994–2020 line (Natural Earth).

Read from ``data/boundaries.geojson`` (built by ``tools/build_boundaries.py``
from Natural Earth's public-domain 1:10m files; ``data/BOUNDARIES.md`` says
exactly which).  No open source draws the Soviet NKAO or its districts, so
neither is here: the districts are Azerbaijan's rayons of today.

>>> b = boundaries()
>>> sorted(f.id for f in b.countries)
['armenia', 'azerbaijan', 'georgia', 'iran', 'russia', 'turkey']
>>> b.district("lachin").territory, b.breakaway.id
('lachin', 'nk-held-1994-2020')
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import Any, Final

import attrs

from ._data import data_file
from ._errors import KarabakhStatusError

__all__ = ["CREDIT", "Boundaries", "Outline", "boundaries"]

#: The credit line Natural Earth suggests, shown on every map that draws its outlines.
CREDIT: Final = "Outlines: Natural Earth (public domain)"

Ring = tuple[tuple[float, float], ...]


@attrs.frozen
class Outline:
    """One feature of the boundary file: its rings of (lon, lat) points, outer rings and holes alike.

    Attributes:
        kind: ``"country"``, ``"district"`` or ``"breakaway"``.
        id: A slug (``"armenia"``, ``"lachin"``, ``"nk-held-1994-2020"``).
        name: The English name.
        native: The name in the country's language, where the file has one.
        territory: For a district, the project territory it is (``None`` where a rayon of today
            straddles the Soviet districts, as Khojaly, Khojavend and Tartar do).
        iso: For a district, its ISO 3166-2 code (as :attr:`Place.rayon <karabakh_status.records.Place.rayon>`
            gives a place's); ``None`` for the others.
        rings: Every ring of every polygon, each a closed sequence of (lon, lat).
    """

    kind: str
    id: str
    name: str
    native: str | None
    territory: str | None
    iso: str | None
    rings: tuple[Ring, ...]


@attrs.frozen
class Boundaries:
    """Everything the boundary file holds, by kind."""

    countries: tuple[Outline, ...]
    districts: tuple[Outline, ...]
    breakaway: Outline
    bbox: tuple[float, float, float, float]

    def district(self, id_: str) -> Outline:
        """The district (rayon) with this id."""
        for d in self.districts:
            if d.id == id_:
                return d
        raise KeyError(id_)


def _rings(geometry: dict[str, Any]) -> tuple[Ring, ...]:
    coords = geometry["coordinates"]
    polygons: Sequence[Any] = coords if geometry["type"] == "MultiPolygon" else [coords]
    return tuple(tuple((float(x), float(y)) for x, y in ring) for polygon in polygons for ring in polygon)


@functools.cache
def boundaries() -> Boundaries:
    """The shipped outlines, read once."""
    path = data_file("boundaries.geojson")
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise KarabakhStatusError(f"cannot read the map outlines {path}: {exc}") from None
    outlines = [
        Outline(
            kind=p["kind"],
            id=p["id"],
            name=p["name"],
            native=p.get("native"),
            territory=p.get("territory"),
            iso=p.get("iso_3166_2"),
            rings=_rings(f["geometry"]),
        )
        for f in data["features"]
        for p in [f["properties"]]
    ]
    breakaway = [o for o in outlines if o.kind == "breakaway"]
    return Boundaries(
        countries=tuple(o for o in outlines if o.kind == "country"),
        districts=tuple(o for o in outlines if o.kind == "district"),
        breakaway=breakaway[0],
        bbox=tuple(data["bbox"]),
    )
