"""The map of one day: every place at its coordinates, coloured by who held it (``plot.control_map``)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Final

import pendulum

from ._boundaries import CREDIT, boundaries
from ._dates import DayLike
from ._events import StatusChange
from ._history import History
from ._labels import place_labels
from ._palette import CONTROLLER_COLORS, color_of, require_matplotlib
from ._vocabulary import CONTROLLERS, TERRITORIES

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ._places import Place
    from ._status import Status

__all__ = ["KIND_SIZES", "control_map"]


KIND_SIZES: Final = {"city": 110.0, "town": 60.0, "village": 16.0, "height": 30.0, "pass": 30.0, "road-section": 20.0}
_KIND_MARKERS: Final = {"height": "^", "pass": "v", "road-section": "s"}


def _located(history: History) -> tuple[list[Place], int]:
    """The places of ``history`` that have coordinates, and how many have none."""
    everywhere = history.places.gazetteer().places
    located = [p for p in everywhere if p.located]
    return located, len(everywhere) - len(located)


def control_map(day: DayLike, *, ax: Axes | None = None, history: History | None = None) -> Figure:
    """Who held each place on ``day``, on a map with borders: every place as a point coloured by its controller.

    Under the places: the countries and Azerbaijan's districts (rayons of
    today) from Natural Earth, and in the ceasefire years (12 May 1994 to 26
    September 2020) the line held then, dashed.  Each rayon that has places
    is shaded by its nearest place's holder, up to about 7 km from the
    nearest place: an estimate, not a front line.
    No open source draws the Soviet NKAO or its districts; the project's
    districts are named at the centre of their places.  A place whose control
    that day rests only on one party's announcement is hollow; a place with an
    open claim has a dashed ring; a place named by an event still inside its
    date window has a dotted ring, and the events are listed below.  Labels
    never overlap (a town whose label finds no free spot is left unlabelled).
    The legend explains every mark; the title gives the day and the data
    revision, the footer the sources.

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

    from ._bundled import history_or_default

    h = history_or_default(history)
    status = h.status_at(day)
    places, unlocated = _located(h)
    if ax is None:
        fig = Figure(figsize=(10, 11))
        ax = fig.add_axes((0.07, 0.2, 0.9, 0.73))
    else:
        fig = ax.figure  # type: ignore[assignment]
    west, south, east, north = _extent(places)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    ceasefire = _CEASEFIRE[0] <= status.day.toordinal() <= _CEASEFIRE[1]
    _draw_outlines(ax, ceasefire, places)
    if places:
        _shade(ax, places, status)
    marks = _draw_places(ax, places, status)
    _draw_labels(ax, places, status)
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    ax.tick_params(labelsize=8)
    _legend(ax, marks, ceasefire)
    v = h.data_version()
    ax.set_title(
        f"Who held what on {status.day}: {len(places)} places drawn"
        + (f", {unlocated} more without known coordinates (not drawn)" if unlocated else "")
        + "\n"
        f"(karabakh_status data revision {h.revision(None)}, {v.digest[:19]})",
        loc="left",
        fontsize=11,
    )
    fig.text(0.07, 0.012, _footer(status), fontsize=7.5, color="#444444", va="bottom", wrap=True)
    return fig


#: The ceasefire years, when the 1994-2020 line is drawn (ordinals, inclusive).
_CEASEFIRE: Final = (pendulum.Date(1994, 5, 12).toordinal(), pendulum.Date(2020, 9, 26).toordinal())
#: How far (degrees of latitude, about 7 km) the shading reaches from the nearest place of its rayon.
_REACH: Final = 0.065
_COUNTRY_FILL: Final = {
    "azerbaijan": "#F4F1EA",
    "armenia": "#E9EEF3",
    "iran": "#EFEFEF",
    "georgia": "#ECF1E8",
    "turkey": "#F1ECEC",
    "russia": "#EEEBF2",
}


def _extent(places: list[Place]) -> tuple[float, float, float, float]:
    """West, south, east, north of the places, with a margin (the whole box of the outlines if there are none)."""
    if not places:
        west, south, east, north = boundaries().bbox
        return west, south, east, north
    lons = [p.lon or 0.0 for p in places]
    lats = [p.lat or 0.0 for p in places]
    return min(lons) - 0.15, min(lats) - 0.12, max(lons) + 0.15, max(lats) + 0.12


def _draw_outlines(ax: Axes, ceasefire: bool, places: list[Place]) -> None:
    """Countries (filled, named where they show), the rayons' outlines and, in the ceasefire years, the line."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    def patch(rings: tuple[tuple[tuple[float, float], ...], ...], **kw: Any) -> None:
        codes: list[Any] = []
        verts: list[tuple[float, float]] = []
        for ring in rings:
            verts.extend(ring)
            codes.extend([Path.MOVETO] + [Path.LINETO] * (len(ring) - 1))
        ax.add_patch(PathPatch(Path(verts, codes), **kw))

    b = boundaries()
    for c in b.countries:
        fill = _COUNTRY_FILL.get(c.id, "#F0F0F0")
        patch(c.rings, facecolor=fill, edgecolor="#555555", linewidth=1.1, zorder=0, gid=f"country:{c.id}")
    for d in b.districts:
        patch(d.rings, facecolor="none", edgecolor="#9A9A9A", linewidth=0.5, zorder=0.7, gid=f"district:{d.id}")
    _name_countries(ax, places)
    if ceasefire:
        patch(
            b.breakaway.rings,
            facecolor="none",
            edgecolor="#B22222",
            linewidth=1.3,
            linestyle=(0, (5, 3)),
            zorder=1,
            gid="line-1994-2020",
        )


def _name_countries(ax: Axes, places: list[Place]) -> None:
    """Each country's name inside its part of the view, at the spot farthest from any place (and from the frame)."""
    import numpy as np
    from matplotlib.path import Path

    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    xs, ys = np.linspace(west, east, 60)[7:-7], np.linspace(south, north, 60)[4:-4]
    grid = np.column_stack([a.ravel() for a in np.meshgrid(xs, ys)])
    at = np.array([(p.lon or 0.0, p.lat or 0.0) for p in places]) if places else np.zeros((0, 2))
    for c in boundaries().countries:
        inside = Path(max(c.rings, key=len)).contains_points(grid)  # its main land only (not Nakhchivan)
        spots = grid[inside]
        if len(spots) < 12:  # too little of it in view to name
            continue
        if len(at):
            distance = np.min(np.hypot(spots[:, 0:1] - at[:, 0], spots[:, 1:2] - at[:, 1]), axis=1)
            x, y = spots[int(np.argmax(distance))]
        else:
            x, y = spots.mean(axis=0)
        ax.text(x, y, c.name.upper(), fontsize=12, color="#7A7A7A", ha="center", va="center", zorder=0.9)


def _shade(ax: Axes, places: list[Place], status: Status) -> None:
    """Each rayon with places, cell by cell, in the colour of its nearest place's holder (faint: an estimate)."""
    import numpy as np
    from matplotlib.colors import to_rgba
    from matplotlib.path import Path

    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    coslat = math.cos(math.radians((south + north) / 2))
    nx = 320
    ny = max(1, round(nx * (north - south) / ((east - west) * coslat)))
    xs, ys = np.linspace(west, east, nx), np.linspace(south, north, ny)
    grid = np.column_stack([a.ravel() for a in np.meshgrid(xs, ys)])
    rgba = np.zeros((len(grid), 4))
    states = status.places
    order = list(CONTROLLERS)
    points = np.array([(p.lon or 0.0, p.lat or 0.0) for p in places])
    for d in boundaries().districts:
        # the places inside this outline as drawn (a place's rayon code can disagree with a generalised border)
        holds = np.zeros(len(points), dtype=bool)
        for ring in d.rings:
            holds ^= Path(ring).contains_points(points)
        group = [p for p, held in zip(places, holds, strict=True) if held]
        if not group:
            continue
        inside = np.zeros(len(grid), dtype=bool)
        for ring in d.rings:
            inside ^= Path(ring).contains_points(grid)  # even-odd: a hole cancels its outer ring
        cells = np.nonzero(inside)[0]
        if not len(cells):
            continue
        at = np.array([(p.lon or 0.0, p.lat or 0.0) for p in group])
        dx = (grid[cells, 0:1] - at[:, 0]) * coslat
        dy = grid[cells, 1:2] - at[:, 1]
        squared = dx * dx + dy * dy
        nearest = np.argmin(squared, axis=1)
        near = squared[np.arange(len(cells)), nearest] <= _REACH**2  # no guess far from every place
        colours = np.array([to_rgba(color_of(states[p.id].controller, CONTROLLER_COLORS, order), 0.3) for p in group])
        rgba[cells[near]] = colours[nearest[near]]
    ax.imshow(
        rgba.reshape(ny, nx, 4),
        gid="shading",
        extent=(west, east, south, north),
        origin="lower",
        interpolation="nearest",
        aspect="auto",
        zorder=0.8,
    )


def _draw_places(ax: Axes, places: list[Place], status: Status) -> dict[str, int]:
    """The places as points (hollow where announced only), rings for open claims and uncertain events; the counts."""
    states = status.places
    order = list(CONTROLLERS)
    claimed = {c.place for c in status.claims}
    uncertain = {p for e in status.uncertain if isinstance(e, StatusChange) for p in e.places}
    marks: dict[str, int] = {"announced": 0, "claimed": 0, "uncertain": 0}
    for c in order + sorted({states[p.id].controller for p in places} - set(order)):
        marks["holder:" + c] = sum(1 for p in places if states[p.id].controller == c)
    for kind in ("village", "road-section", "pass", "height", "town", "city"):
        group = [p for p in places if p.kind == kind]
        for hollow in (False, True):
            sel = [p for p in group if (states[p.id].basis == "announced") == hollow]
            if not sel:
                continue
            colours = [color_of(states[p.id].controller, CONTROLLER_COLORS, order) for p in sel]
            ax.scatter(
                [p.lon or 0.0 for p in sel],
                [p.lat or 0.0 for p in sel],
                s=KIND_SIZES[kind],
                marker=_KIND_MARKERS.get(kind, "o"),
                c="none" if hollow else colours,
                edgecolors=colours if hollow else "white",
                linewidths=1.4 if hollow else 0.5,
                zorder=3 if kind in ("city", "town") else 2,
            )
            marks["announced"] += len(sel) if hollow else 0
    for key, chosen, style in (("claimed", claimed, (0, (2, 1.5))), ("uncertain", uncertain, (0, (0.6, 1.2)))):
        ringed = [p for p in places if p.id in chosen]
        marks[key] = len(ringed)
        if ringed:
            ax.scatter(
                [p.lon or 0.0 for p in ringed],
                [p.lat or 0.0 for p in ringed],
                s=[KIND_SIZES[p.kind] * 4.5 for p in ringed],
                facecolors="none",
                edgecolors="#222222",
                linewidths=1.0,
                linestyle=style,
                zorder=4,
                gid=key,  # "claimed" or "uncertain": rings, not places
            )
    return marks


def _draw_labels(ax: Axes, places: list[Place], status: Status) -> None:
    """District names at their places' centre, then the city and towns, none overlapping."""
    labels: list[tuple[str, float, float, dict[str, Any]]] = []
    district = {"fontsize": 9.5, "color": "#555555", "style": "italic", "zorder": 5}
    for tid, territory in TERRITORIES.items():
        own = [p for p in places if p.territory == tid]
        if own:
            state = status.territories[tid]
            name = territory.name.upper() + (" (in part)" if state.partial else "")
            lon = sum(p.lon or 0.0 for p in own) / len(own)
            lat = sum(p.lat or 0.0 for p in own) / len(own)
            labels.append((name, lon, lat, district))
    towns = sorted((p for p in places if p.kind in ("city", "town")), key=lambda p: p.kind != "city")
    town = {"fontsize": 8.5, "color": "#111111", "zorder": 6}
    labels += [(p.name, p.lon or 0.0, p.lat or 0.0, town) for p in towns]
    centred = ((0.0, 0.0, "center", "center"), (0.0, 10.0, "center", "center"), (0.0, -10.0, "center", "center"))
    n_districts = len(labels) - len(towns)
    avoid = [(p.lon or 0.0, p.lat or 0.0) for p in towns]
    taken: list[Any] = []
    place_labels(ax, labels[:n_districts], avoid=avoid, avoid_radius=4.0, offsets=centred, taken=taken)
    place_labels(ax, labels[n_districts:], avoid=(), taken=taken)


def _legend(ax: Axes, marks: dict[str, int], ceasefire: bool) -> None:
    """One entry for every mark drawn: holders, hollow, rings, kinds, shading, outlines."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    order = list(CONTROLLERS)

    def dot(label: str, **kw: Any) -> Line2D:
        return Line2D([], [], linestyle="", markersize=kw.pop("markersize", 7), label=label, **kw)

    handles: list[Any] = [
        dot(f"{CONTROLLERS.get(c, c)} ({n})", marker="o", color=color_of(c, CONTROLLER_COLORS, order))
        for key, n in marks.items()
        if key.startswith("holder:") and n
        for c in [key.removeprefix("holder:")]
    ]
    handles += [
        dot("city / town / village (size)", marker="o", color="#777777", markersize=5),
        dot("height ▲, pass ▼, road section ■", marker="^", color="#777777", markersize=6),
    ]
    if marks["announced"]:
        hollow = "held on one party's announcement only"
        handles.append(dot(f"{hollow} ({marks['announced']})", marker="o", markerfacecolor="none", color="#333333"))
    if marks["claimed"]:
        label = f"open claim by the other side, dashed ring ({marks['claimed']})"
        handles.append(dot(label, marker="o", markerfacecolor="none", color="#222222", markersize=11))
    if marks["uncertain"]:
        label = f"named by an event still in its date window, dotted ring ({marks['uncertain']})"
        handles.append(dot(label, marker="o", markerfacecolor="none", color="#888888", markersize=11))
    label = "shading: nearest place's holder, up to ~7 km (an estimate)"
    handles.append(Patch(facecolor="#0072B2", alpha=0.3, label=label))
    handles.append(Line2D([], [], color="#9A9A9A", linewidth=0.8, label="districts (rayons of today)"))
    if ceasefire:
        handles.append(Line2D([], [], color="#B22222", linestyle="--", label="line held 1994–2020 (approximate)"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.06), ncol=2, fontsize=8.5, frameon=False)


def _footer(status: Status) -> str:
    """The sources of the outlines, what they are not, and the events still inside their window."""
    text = (
        f"{CREDIT}. Districts drawn are Azerbaijan's rayons of today: no open source draws the Soviet NKAO or its "
        "districts, whose names stand at the centre of their places. The shading is not a front line."
    )
    if status.uncertain:
        first = sorted(status.uncertain, key=lambda e: not isinstance(e, StatusChange))  # control first
        ids = ", ".join(e.id for e in first[:4]) + (" ..." if len(status.uncertain) > 4 else "")
        text += f"\nUncertain on this day: {len(status.uncertain)} event(s) still inside their date window: {ids}"
    return text
