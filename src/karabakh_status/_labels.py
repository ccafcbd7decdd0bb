"""Labels that avoid each other on a figure: each tries a few spots around its point and keeps the first free one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation

__all__ = ["place_labels"]

#: Where a label may stand around its point, in points (right, upper right, left, ...).
OFFSETS: tuple[tuple[float, float, str, str], ...] = (
    (5, 3, "left", "bottom"),
    (5, -3, "left", "top"),
    (-5, 3, "right", "bottom"),
    (-5, -3, "right", "top"),
    (0, 7, "center", "bottom"),
    (0, -7, "center", "top"),
    (8, 0, "left", "center"),
    (-8, 0, "right", "center"),
)


def _overlaps(box: Any, boxes: Iterable[Any]) -> bool:
    return any(box.overlaps(other) for other in boxes)


def place_labels(
    ax: Axes,
    labels: Sequence[tuple[str, float, float, dict[str, Any]]],
    *,
    avoid: Sequence[tuple[float, float]] = (),
    avoid_radius: float = 3.0,
    offsets: Sequence[tuple[float, float, str, str]] = OFFSETS,
    taken: list[Any] | None = None,
) -> list[Annotation]:
    """Annotate ``ax`` with ``labels`` (text, x, y, text properties) in order, none overlapping another.

    Each label tries ``offsets`` in turn and keeps the first spot whose box
    overlaps no label placed before it, no point of ``avoid`` (data
    coordinates, each a square of ``avoid_radius`` points) and stays inside
    the axes; a label with no free spot is left out.  Earlier labels win, so
    pass the most important first.  ``taken``: the boxes (display
    coordinates) of labels placed by an earlier call, which these avoid too;
    the boxes placed here are added to it.  The axes' limits and aspect must be set
    before (they fix where everything falls).

    Returns the annotations kept.
    """
    from matplotlib.transforms import Bbox

    fig = ax.figure
    if not hasattr(fig.canvas, "get_renderer"):  # a Figure made without pyplot: measure text with Agg
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)  # type: ignore[arg-type]
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    ax.apply_aspect()
    frame = ax.get_window_extent(renderer)
    scale = fig.dpi / 72.0
    r = avoid_radius * scale
    taken = [] if taken is None else taken
    for x, y in avoid:
        px, py = ax.transData.transform((x, y))
        taken.append(Bbox.from_extents(px - r, py - r, px + r, py + r))
    kept: list[Annotation] = []
    for text, x, y, props in labels:
        for dx, dy, ha, va in offsets:
            a = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, **props)
            box = a.get_window_extent(renderer).expanded(1.04, 1.1)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not _overlaps(box, taken):
                taken.append(box)
                kept.append(a)
                break
            a.remove()
    return kept
