"""The page's map under the places: its frame, the outlines as compact SVG paths, the shaded cells, label spots.

Everything is projected as the page projects its places (equirectangular,
scaled at the places' mean latitude, 1000 units wide) and rounded to whole
units, so each outline is an SVG path string of small relative integers.

>>> frame = Frame.around([(46.0, 39.0), (47.0, 40.0)])
>>> frame.width, frame.height, [round(v, 1) for v in frame.xy(46.0, 39.0)]
(1000, 1296, [45.5, 1237.1])
>>> path_of([[(0.0, 0.0), (10.0, 0.0), (10.4, 5.0), (3.0, 7.0), (0.0, 0.2)]])
'M0 0h10v5l-7 2z'
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Iterable, Sequence
from typing import Any, Final

import attrs
import pendulum

from ._boundaries import CREDIT, Outline, boundaries
from ._cells import inside, nearest_cells

__all__ = ["HELD_LINE_DAYS", "Frame", "map_layers", "path_of"]

#: Degrees of margin around the places' extent.
MARGIN: Final = 0.05
#: The map's width in SVG units.
WIDTH: Final = 1000
#: The rayons (of today) whose names the map writes, besides those that are a project territory (which are named
#: already, at the centre of their places): they straddle the Soviet districts.
NAMED_RAYONS: Final = ("khojaly", "khojavend", "tartar")

#: The days the 1994-2020 line is drawn: from the ceasefire taking effect to the eve of the 2020 war.
HELD_LINE_DAYS: Final = (pendulum.Date(1994, 5, 12), pendulum.Date(2020, 9, 26))

Point = tuple[float, float]


@attrs.frozen
class Frame:
    """The map's view: the places' extent with a margin, and the projection to SVG units (y down)."""

    lon0: float
    lon1: float
    lat0: float
    lat1: float
    width: int
    height: int

    @classmethod
    def around(cls, points: Sequence[Point]) -> Frame:
        """The frame of these (lon, lat) points, with :data:`MARGIN` degrees around them."""
        lon0, lon1 = min(p[0] for p in points) - MARGIN, max(p[0] for p in points) + MARGIN
        lat0, lat1 = min(p[1] for p in points) - MARGIN, max(p[1] for p in points) + MARGIN
        k = math.cos(math.radians((lat0 + lat1) / 2))
        height = math.floor(WIDTH * (lat1 - lat0) / ((lon1 - lon0) * k) + 0.5)  # as JavaScript's Math.round
        return cls(lon0, lon1, lat0, lat1, WIDTH, height)

    def xy(self, lon: float, lat: float) -> Point:
        """Where (lon, lat) falls on the map, in SVG units."""
        return (
            (lon - self.lon0) / (self.lon1 - self.lon0) * self.width,
            self.height - (lat - self.lat0) / (self.lat1 - self.lat0) * self.height,
        )

    def rings(self, outline: Outline) -> list[list[Point]]:
        """An outline's rings, projected."""
        return [[self.xy(lon, lat) for lon, lat in ring] for ring in outline.rings]


def _number(n: int, after: str) -> str:
    """``n`` written after ``after``: no space before a minus sign or after a command letter."""
    return str(n) if n < 0 or not after or after[-1].isalpha() else " " + str(n)


def path_of(rings: Iterable[Sequence[Point]]) -> str:
    """SVG path data of closed rings, rounded to whole units, in relative moves (``h``/``v`` where they fit).

    Repeated points after rounding are dropped, and rings left with fewer than three points.
    """
    out = ""
    x = y = 0
    for ring in rings:
        points: list[tuple[int, int]] = []
        for px, py in ring:
            p = (math.floor(px + 0.5), math.floor(py + 0.5))
            if not points or p != points[-1]:
                points.append(p)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) < 3:
            continue
        (sx, sy), rest = points[0], points[1:]
        out += "M" + str(sx) + _number(sy, str(sx))
        x, y = sx, sy
        for px, py in rest:
            dx, dy = px - x, py - y
            if dy == 0:
                out += "h" + str(dx)
            elif dx == 0:
                out += "v" + str(dy)
            else:
                out += "l" + str(dx) + _number(dy, str(dx))
            x, y = px, py
        out += "z"
    return out


def _crossings(rings: Sequence[Sequence[Point]], y: float) -> list[float]:
    """The sorted x where the horizontal line at ``y`` crosses the rings' edges."""
    xs = []
    for ring in rings:
        n = len(ring)
        for i in range(n):
            (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
            if (y1 > y) != (y2 > y):
                xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    return sorted(xs)


def label_spots(
    rings: Sequence[Sequence[Point]], frame: Frame, places: Sequence[Point], *, half: float, cap: float
) -> list[list[int]]:
    """Up to eight spots (centres) for a name inside ``rings`` and on the map, best first.

    A spot has the shape's inside at least ``half`` units to its left and right and 14 above and below; it is
    better the farther it is from the nearest place (counted up to ``cap`` units), then the nearer to the middle
    of the shape's part on the map.  Spots are at least 40 units apart.
    """
    step = 10
    grid: list[Point] = []
    for gy in range(step, frame.height - step + 1, step):
        rows = [_crossings(rings, gy + dy) for dy in (-14, 0, 14)]
        grid.extend(
            (float(gx), float(gy))
            for gx in range(step, frame.width - step + 1, step)
            if all(bisect.bisect(r, x) % 2 for r in rows for x in (gx - half, gx, gx + half))
        )
    if not grid:
        return []
    mx, my = sum(p[0] for p in grid) / len(grid), sum(p[1] for p in grid) / len(grid)
    buckets: dict[tuple[int, int], list[Point]] = {}
    size = max(cap, 1.0)
    for p in places:
        buckets.setdefault((int(p[0] // size), int(p[1] // size)), []).append(p)

    def near(g: Point) -> float:
        bx, by = int(g[0] // size), int(g[1] // size)
        ds = [
            math.hypot(g[0] - p[0], g[1] - p[1])
            for i in (-1, 0, 1)
            for j in (-1, 0, 1)
            for p in buckets.get((bx + i, by + j), [])
        ]
        return min([cap, *ds])

    ranked = sorted(grid, key=lambda g: (-near(g), math.hypot(g[0] - mx, g[1] - my)))
    spots: list[Point] = []
    for g in ranked:
        if all(math.hypot(g[0] - s[0], g[1] - s[1]) >= 40 for s in spots):
            spots.append(g)
            if len(spots) == 8:
                break
    return [[int(x), int(y)] for x, y in spots]


@functools.lru_cache(maxsize=8)  # a few gazetteers per process at most (bundled, own)
def _layers(located: tuple[tuple[float, float], ...]) -> dict[str, Any]:
    b = boundaries()
    frame = Frame.around(located)
    points = [frame.xy(lon, lat) for lon, lat in located]
    rayons = [(d, frame.rings(d)) for d in b.districts]
    held = [rings for _, rings in rayons if any(inside(p, rings) for p in points)]
    cells = nearest_cells(points, held)

    def name_spots(o: Outline, rings: list[list[Point]], cap: float, suffix: str = "") -> list[list[int]]:
        return label_spots(rings, frame, points, half=len(o.name + suffix) * 4.5, cap=cap)

    return {
        "frame": [frame.lon0, frame.lon1, frame.lat0, frame.lat1, frame.width, frame.height],
        "countries": [
            [c.id, c.name, c.native or "", path_of(rings), name_spots(c, rings, 120.0)]
            for c in b.countries
            for rings in [frame.rings(c)]
        ],
        "rayons": [
            [d.id, d.name, d.native or "", d.territory, path_of(rings), name_spots(d, rings, 25.0, " rayon")]
            if d.id in NAMED_RAYONS
            else [d.id, d.name, d.native or "", d.territory, path_of(rings), []]
            for d, rings in rayons
        ],
        "held": path_of(frame.rings(b.breakaway)),
        "cells": [path_of(pieces) for pieces in cells],
        "credit": CREDIT,
    }


def map_layers(located: Sequence[Point]) -> dict[str, Any]:
    """The page's map data for places at these (lon, lat): ``frame`` (lon0, lon1, lat0, lat1, width, height),
    ``countries`` (id, name, native name, path, label spots), ``rayons`` (id, name, native name, territory,
    path, label spots: only for :data:`NAMED_RAYONS`), ``held`` (the 1994–2020 line's path), ``cells`` (each
    place's shaded cell, a path, empty where it has none) and ``credit``.  Computed once per set of places.
    """
    return _layers(tuple((float(lon), float(lat)) for lon, lat in located))
