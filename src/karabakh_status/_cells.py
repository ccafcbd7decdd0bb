"""Nearest-place cells: each place's Voronoi cell, clipped to the districts that hold places (pure Python).

The page shades each cell faintly in the colour of its place's holder: an
estimate of who held the ground around the places, not a front line.  The
cells come from half-plane clipping (each place's cell is the box cut by the
perpendicular bisector towards every nearer place), then each district's
rings are clipped by the convex cell (Sutherland–Hodgman).  A district's rings
are read with the even-odd rule (holes are rings too), so a piece of a hole
cuts the same piece of its outer ring.

>>> cells = voronoi_cells([(0.0, 0.0), (10.0, 0.0)], (-10.0, -10.0, 20.0, 10.0))
>>> [sorted(set(round(x) for x, _ in c)) for c in cells]
[[-10, 5], [5, 20]]
>>> square = [(-5.0, -5.0), (15.0, -5.0), (15.0, 5.0), (-5.0, 5.0)]
>>> pieces = nearest_cells([(0.0, 0.0), (10.0, 0.0)], [[square]])
>>> [inside((1.0, 1.0), p) for p in pieces], [inside((9.0, 1.0), p) for p in pieces]
([True, False], [False, True])
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["clip_convex", "inside", "nearest_cells", "voronoi_cells"]

Point = tuple[float, float]
Ring = list[Point]


def _clip_half_plane(ring: Ring, a: float, b: float, c: float) -> Ring:
    """The part of ``ring`` where ``a*x + b*y <= c`` (one Sutherland–Hodgman step)."""
    out: Ring = []
    n = len(ring)
    for i in range(n):
        p, q = ring[i], ring[(i + 1) % n]
        fp, fq = a * p[0] + b * p[1] - c, a * q[0] + b * q[1] - c
        if fp <= 0:
            out.append(p)
        if (fp < 0 < fq) or (fq < 0 < fp):
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def voronoi_cells(points: Sequence[Point], box: tuple[float, float, float, float]) -> list[Ring]:
    """Each point's Voronoi cell inside ``box`` (x0, y0, x1, y1), a convex ring (empty for a repeated point
    after its first).

    Neighbours are tried nearest first; once a neighbour is farther than twice the cell's farthest corner from
    its point, no bisector can cut the cell any more.
    """
    x0, y0, x1, y1 = box
    cells: list[Ring] = []
    for i, (px, py) in enumerate(points):
        cell: Ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        others = sorted(((qx - px) ** 2 + (qy - py) ** 2, j, qx, qy) for j, (qx, qy) in enumerate(points) if j != i)
        reach = max((cx - px) ** 2 + (cy - py) ** 2 for cx, cy in cell)
        for d2, j, qx, qy in others:
            if d2 > 4 * reach or not cell:
                break
            if d2 == 0:
                if j < i:  # the same spot twice: the first place keeps the cell
                    cell = []
                continue
            # nearer to p than to q: 2 (q - p) . x <= |q|^2 - |p|^2
            cell = _clip_half_plane(cell, 2 * (qx - px), 2 * (qy - py), qx * qx + qy * qy - px * px - py * py)
            if cell:
                reach = max((cx - px) ** 2 + (cy - py) ** 2 for cx, cy in cell)
        cells.append(cell)
    return cells


def clip_convex(ring: Ring, convex: Ring) -> Ring:
    """The part of ``ring`` (any simple ring) inside the ``convex`` ring (either winding)."""
    n = len(convex)
    if n < 3 or len(ring) < 3:
        return []
    area2 = sum(convex[i][0] * convex[(i + 1) % n][1] - convex[(i + 1) % n][0] * convex[i][1] for i in range(n))
    sign = 1.0 if area2 > 0 else -1.0
    out = ring
    for i in range(n):
        (ax, ay), (bx, by) = convex[i], convex[(i + 1) % n]
        # inside is to the left of a->b for a counter-clockwise ring: cross(b - a, x - a) >= 0
        a, b = sign * (by - ay), -sign * (bx - ax)
        out = _clip_half_plane(out, a, b, a * ax + b * ay)
        if not out:
            break
    return out


def inside(point: Point, rings: Sequence[Sequence[Point]]) -> bool:
    """Whether ``point`` is inside ``rings`` by the even-odd rule (a ring may or may not repeat its first point)."""
    x, y = point
    hit = False
    for ring in rings:
        n = len(ring)
        for i in range(n):
            (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
    return hit


def _bbox(rings: Sequence[Sequence[Point]]) -> tuple[float, float, float, float]:
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def nearest_cells(points: Sequence[Point], regions: Sequence[Sequence[Sequence[Point]]]) -> list[list[Ring]]:
    """For each point, the rings of its Voronoi cell inside the regions (each a list of rings, even-odd).

    The rings of one point are drawn together with the even-odd rule.  Points outside every region still get
    the parts of their cells that fall inside one.
    """
    if not points:
        return []
    boxes = [_bbox(r) for r in regions]
    x0 = min([b[0] for b in boxes] + [p[0] for p in points]) - 1
    y0 = min([b[1] for b in boxes] + [p[1] for p in points]) - 1
    x1 = max([b[2] for b in boxes] + [p[0] for p in points]) + 1
    y1 = max([b[3] for b in boxes] + [p[1] for p in points]) + 1
    out: list[list[Ring]] = []
    for cell in voronoi_cells(points, (x0, y0, x1, y1)):
        pieces: list[Ring] = []
        if cell:
            cx0, cy0, cx1, cy1 = _bbox([cell])
            for rings, (rx0, ry0, rx1, ry1) in zip(regions, boxes, strict=True):
                if rx0 > cx1 or cx0 > rx1 or ry0 > cy1 or cy0 > ry1:
                    continue
                for ring in rings:
                    piece = clip_convex(_open(ring), cell)
                    if len(piece) >= 3 and abs(_area(piece)) > 1e-9:
                        pieces.append(piece)
        out.append(pieces)
    return out


def _open(ring: Sequence[Point]) -> Ring:
    """The ring without its closing point (where it repeats the first)."""
    points = list(ring)
    return points[:-1] if len(points) > 1 and points[0] == points[-1] else points


def _area(ring: Ring) -> float:
    n = len(ring)
    return sum(ring[i][0] * ring[(i + 1) % n][1] - ring[(i + 1) % n][0] * ring[i][1] for i in range(n)) / 2
