"""The map of one day: every place at its coordinates, coloured by who held it (``plot.control_map``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ._dates import DayLike
from ._history import History
from ._palette import CONTROLLER_COLORS, color_of, require_matplotlib
from ._vocabulary import CONTROLLERS, TERRITORIES

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ._places import Place

__all__ = ["KIND_SIZES", "control_map"]


KIND_SIZES: Final = {"city": 110.0, "town": 60.0, "village": 16.0, "height": 30.0, "pass": 30.0, "road-section": 20.0}
_KIND_MARKERS: Final = {"height": "^", "pass": "v", "road-section": "s"}


def _located(history: History) -> tuple[list[Place], int]:
    """The places of ``history`` that have coordinates, and how many have none."""
    everywhere = history.places.gazetteer().places
    located = [p for p in everywhere if p.located]
    return located, len(everywhere) - len(located)


def control_map(day: DayLike, *, ax: Axes | None = None, history: History | None = None) -> Figure:
    """Who held each place on ``day``: every place of the gazetteer as a point, coloured by its controller.

    Cities and towns are larger and labelled; each district's name stands at
    the centre of its places (districts are labelled, not outlined: the
    figure draws no outlines; the HTML page does).  A place whose control that day rests only on
    one party's announcement is drawn hollow.  The legend lists only the
    controllers that appear; the title gives the day and the data revision.

    Args:
        day: The day to draw (anything :func:`karabakh_status.status_at` accepts).
        ax: Draw on these axes instead of a new figure.
        history: The log to draw; ``None`` for the bundled one.

    Returns:
        The figure drawn on.

    Raises:
        ImportError: matplotlib is not installed.
        karabakh_status.InvalidDateError: ``day`` is not a day the library answers for.
    """
    require_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from ._bundled import history_or_default

    h = history_or_default(history)
    status = h.status_at(day)
    places, unlocated = _located(h)
    states = status.places
    if ax is None:
        fig = Figure(figsize=(9.5, 10.5), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure  # type: ignore[assignment]
    controllers = list(CONTROLLERS)
    seen: list[str] = []
    announced = 0
    for kind in ("village", "road-section", "pass", "height", "town", "city"):
        group = [p for p in places if p.kind == kind]
        for basis_hollow in (False, True):
            sel = [p for p in group if (states[p.id].basis == "announced") == basis_hollow]
            if not sel:
                continue
            colours = [color_of(states[p.id].controller, CONTROLLER_COLORS, controllers) for p in sel]
            for p in sel:
                if states[p.id].controller not in seen:
                    seen.append(states[p.id].controller)
            ax.scatter(
                [p.lon or 0.0 for p in sel],
                [p.lat or 0.0 for p in sel],
                s=KIND_SIZES[kind],
                marker=_KIND_MARKERS.get(kind, "o"),
                c="none" if basis_hollow else colours,
                edgecolors=colours if basis_hollow else "white",
                linewidths=1.4 if basis_hollow else 0.5,
                zorder=3 if kind in ("city", "town") else 2,
            )
            announced += len(sel) if basis_hollow else 0
    for p in places:
        if p.kind in ("city", "town"):
            assert p.lon is not None
            assert p.lat is not None
            ax.annotate(p.name, (p.lon, p.lat), xytext=(4, 3), textcoords="offset points", fontsize=7.5, zorder=4)
    for tid, territory in TERRITORIES.items():
        own = [p for p in places if p.territory == tid]
        if own:
            lon = sum(p.lon or 0.0 for p in own) / len(own)
            lat = sum(p.lat or 0.0 for p in own) / len(own)
            state = status.territories[tid]
            ax.annotate(
                territory.name.upper() + ("\n(held in part)" if state.partial else ""),
                (lon, lat),
                ha="center",
                va="center",
                fontsize=7,
                color="#666666",
                style="italic",
                alpha=0.8,
                zorder=1,
            )
    import math

    mid = sum(p.lat or 0.0 for p in places) / max(len(places), 1)
    ax.set_aspect(1 / math.cos(math.radians(mid)))
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    ax.grid(color="#EEEEEE", linewidth=0.6)
    ax.set_axisbelow(True)
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=7,
            color=color_of(c, CONTROLLER_COLORS, controllers),
            label=CONTROLLERS.get(c, c),
        )
        for c in controllers + [c for c in seen if c not in controllers]
        if c in seen
    ]
    if announced:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=7,
                markerfacecolor="none",
                markeredgecolor="#333333",
                label=f"announced by one party only ({announced})",
            )
        )
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.07), ncol=2, fontsize=8, frameon=False)
    v = h.data_version()
    ax.set_title(
        f"Who held what on {status.day}: {len(places)} places drawn"
        + (f", {unlocated} more without known coordinates (not drawn)" if unlocated else "")
        + "\n"
        f"(karabakh_status data revision {h.revision(None)}, {v.digest[:19]})",
        loc="left",
        fontsize=10,
    )
    return fig
