"""Figures of a log: who held each territory over time, a map of a day, and recognitions in force.

Needs matplotlib (``pip install 'karabakh-status[plot]'``), imported only when
a function here is called.  Each function returns a
:class:`matplotlib.figure.Figure` built without :mod:`matplotlib.pyplot`, so
it touches no global figure state; save it with ``fig.savefig("out.png")``
or let Jupyter show it.

Both figures are built from :meth:`History.segments
<karabakh_status.History.segments>` (one answer per run of days on which
nothing changed), never by asking for every day in between.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from ._dates import DayLike, day_ordinal
from ._errors import InvalidDateError
from ._history import History
from ._vocabulary import CONTROLLERS, RECOGNITION_LEVELS, TERRITORIES

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ._places import Place

__all__ = [
    "CONTROLLER_COLORS",
    "KIND_SIZES",
    "LEVEL_COLORS",
    "LEVEL_LABELS",
    "control_map",
    "control_timeline",
    "recognitions",
]

_NEEDS_MATPLOTLIB: Final = "karabakh_status.plot needs matplotlib: pip install 'karabakh-status[plot]'"

# The Okabe & Ito palette, distinguishable with the common colour-vision deficiencies.
_OKABE_ITO: Final = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)

#: The fill colour of each controller in :func:`control_timeline`.
CONTROLLER_COLORS: Final = {
    "ussr": "#BBBBBB",
    "azerbaijan": "#0072B2",
    "artsakh": "#E69F00",
    "armenia": "#CC79A7",
    "russia": "#009E73",
}

#: The colour of each recognition level in :func:`recognitions`.
LEVEL_COLORS: Final = {
    "un-member-state": "#000000",
    "non-un-state": "#D55E00",
    "national-legislature": "#CC79A7",
    "subnational": "#0072B2",
    "municipal": "#56B4E9",
    "party": "#E69F00",
}

#: How :func:`recognitions` names each recognition level in its legend.
LEVEL_LABELS: Final = {
    "un-member-state": "UN member states",
    "non-un-state": "Non-UN states",
    "national-legislature": "National legislatures",
    "subnational": "Subnational (states, regions)",
    "municipal": "Municipalities",
    "party": "Political parties",
}

_PARTIAL_HATCH: Final = "//"
_GROUP_LABELS: Final = {
    "nkao": "former NKAO",
    "surrounding": "surrounding districts",
    "claimed": "claimed",
    "corridor": "corridor",
}


def _require_matplotlib() -> None:
    try:
        import matplotlib
    except ImportError:
        raise ImportError(_NEEDS_MATPLOTLIB) from None
    del matplotlib


def _color(key: str, palette: dict[str, str], order: Sequence[str]) -> str:
    """The colour of ``key``: its own, or a free one of the palette for ids added later."""
    if key in palette:
        return palette[key]
    free = [c for c in _OKABE_ITO if c not in palette.values()]
    i = list(order).index(key) if key in order else 0
    return free[i % len(free)] if free else "#777777"


def _span(history: History | None, start: object, end: object) -> tuple[History, int, int]:
    """The history asked about and the first and last day (ordinals) to draw."""
    from ._bundled import default_history

    h = history if history is not None else default_history()
    lo = day_ordinal(start)
    if end is None:  # the last day the record was reviewed: a figure does not change with the calendar
        last = h.data_version().last_recorded
        hi = max(day_ordinal(last), lo) if last is not None else lo
    else:
        hi = day_ordinal(end)
    if lo > hi:
        raise InvalidDateError(f"expected start on or before end; got {start!r} after {end!r}")
    return h, lo, hi


def _date(ordinal: int) -> _dt.date:
    return _dt.date.fromordinal(ordinal)


def _num(ordinal: int) -> float:
    """The day as a matplotlib date number (the axes are made date axes by :func:`_date_axis`)."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(_date(ordinal)))  # type: ignore[no-untyped-call]


def _date_axis(ax: Axes) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=6, maxticks=14)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def control_timeline(history: History | None = None, start: object = "1988-01-01", end: object = None) -> Figure:
    """Who held each territory over time: one bar per territory, coloured by controller.

    Args:
        history: The log to draw; ``None`` for the bundled one
            (:func:`karabakh_status.default_history`).
        start: The first day drawn (anything
            :func:`karabakh_status.status_at` accepts).
        end: The last day drawn; ``None`` for the day the record was last
            reviewed (:attr:`DataVersion.last_recorded
            <karabakh_status.DataVersion.last_recorded>`).

    Returns:
        A figure with one horizontal bar per territory, in the order of
        :data:`karabakh_status.TERRITORIES`; each stretch of a bar has the
        colour of its controller (legend: the display names of
        :data:`karabakh_status.CONTROLLERS`).  A territory held only in part
        is hatched (``//``) in the colour of the other holder.

    Raises:
        ImportError: matplotlib is not installed.
        karabakh_status.InvalidDateError: ``start`` or ``end`` is not a day
            the library answers for, or ``start`` comes after ``end``.
    """
    _require_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    h, lo, hi = _span(history, start, end)
    ids = list(TERRITORIES)
    # (first day, day after the last, controller, other holder if partial) for each territory
    runs: dict[str, list[tuple[int, int, str, str | None]]] = {t: [] for t in ids}
    for segment in h.segments(_date(lo), _date(hi)):
        day, until = segment.first.toordinal(), segment.last.toordinal() + 1
        territories = segment.status.territories
        for t in ids:
            state = territories[t]
            key = (state.controller, state.other_holder if state.partial else None)
            r = runs[t]
            if r and (r[-1][2], r[-1][3]) == key and r[-1][1] == day:
                r[-1] = (r[-1][0], until, *key)
            else:
                r.append((day, until, *key))

    controllers = list(CONTROLLERS)
    fig = Figure(figsize=(11, 6.5), layout="constrained")
    ax = fig.add_subplot()
    for y, t in enumerate(ids):
        for first, after, controller, other in runs[t]:
            ax.barh(
                y,
                after - first,
                left=_num(first),
                height=0.72,
                color=_color(controller, CONTROLLER_COLORS, controllers),
                hatch=_PARTIAL_HATCH if other is not None else None,
                edgecolor=_color(other, CONTROLLER_COLORS, controllers) if other is not None else "none",
                linewidth=0,
            )
    ax.set_yticks(range(len(ids)), [TERRITORIES[t].name for t in ids])
    ax.set_ylim(len(ids) - 0.4, -0.6)
    groups = [TERRITORIES[t].group for t in ids]
    for y in range(1, len(ids)):
        if groups[y] != groups[y - 1]:
            ax.axhline(y - 0.5, color="#444444", linewidth=0.8, linestyle=(0, (2, 2)))
    for y, g in enumerate(groups):
        if y == 0 or g != groups[y - 1]:
            ax.annotate(
                _GROUP_LABELS.get(g, g),
                (1.0, y - 0.5),
                xycoords=("axes fraction", "data"),
                xytext=(4, -2),
                textcoords="offset points",
                va="top",
                fontsize=8,
                color="#444444",
                annotation_clip=False,
            )
    ax.set_xlim(_num(lo), _num(hi + 1))
    _date_axis(ax)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)

    drawn = {run[2] for r in runs.values() for run in r}
    handles = [
        Patch(facecolor=_color(c, CONTROLLER_COLORS, controllers), label=CONTROLLERS[c])
        for c in controllers
        if c in drawn  # only the controllers that appear
    ]
    handles.append(
        Patch(
            facecolor="#F2F2F2",
            edgecolor="#222222",
            hatch=_PARTIAL_HATCH,
            linewidth=0,
            label="partial control (hatched in the other holder's colour)",
        )
    )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.07),
        ncol=3,
        frameon=False,
        fontsize=9,
    )
    ax.set_title(f"Who controlled each territory, {_date(lo)} to {_date(hi)}", loc="left")
    return fig


def recognitions(history: History | None = None, start: object = "2000-01-01", end: object = None) -> Figure:
    """Recognitions of the de facto state in force over time, stacked by level.

    Counts the ``recognize`` events in force on each day (made, and not
    withdrawn); calls for recognition, rejected motions and support for
    self-determination never count (see :class:`karabakh_status.Recognition`).

    Args:
        history: The log to draw; ``None`` for the bundled one
            (:func:`karabakh_status.default_history`).
        start: The first day drawn (anything
            :func:`karabakh_status.status_at` accepts).
        end: The last day drawn; ``None`` for the day the record was last
            reviewed (:attr:`DataVersion.last_recorded
            <karabakh_status.DataVersion.last_recorded>`).

    Returns:
        A figure with a stacked step area per level of
        :data:`karabakh_status.RECOGNITION_LEVELS` (legend: each level with
        its count on ``end``).

    Raises:
        ImportError: matplotlib is not installed.
        karabakh_status.InvalidDateError: ``start`` or ``end`` is not a day
            the library answers for, or ``start`` comes after ``end``.
    """
    _require_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    h, lo, hi = _span(history, start, end)
    segments = list(h.segments(_date(lo), _date(hi)))
    days = [*(g.first.toordinal() for g in segments), hi]
    counts = {level: [0] * len(days) for level in RECOGNITION_LEVELS}
    for i, status in enumerate([*(g.status for g in segments), segments[-1].status]):
        for r in status.recognitions:
            if r.level in counts:
                counts[r.level][i] += 1
    levels = [level for level in RECOGNITION_LEVELS if any(counts[level])]  # only the levels that appear

    fig = Figure(figsize=(11, 5.5), layout="constrained")
    ax = fig.add_subplot()
    x = [_num(d) for d in days]
    if levels:
        ax.stackplot(
            x,
            *(counts[level] for level in levels),
            labels=[f"{LEVEL_LABELS.get(level, level)} ({counts[level][-1]})" for level in levels],
            colors=[_color(level, LEVEL_COLORS, list(RECOGNITION_LEVELS)) for level in levels],
            step="post",
            edgecolor="white",
            linewidth=0.3,
        )
    else:
        ax.annotate("No recognition in force in this span.", (0.5, 0.5), xycoords="axes fraction", ha="center")
    total = [sum(counts[level][i] for level in levels) for i in range(len(days))]
    ax.set_xlim(x[0], max(x[-1], x[0] + 1))  # at least one day wide (an empty log has no reviewed day)
    ax.set_ylim(0, max(max(total) * 1.08, 1))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _date_axis(ax)
    ax.grid(color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_ylabel("recognitions in force")
    if levels:
        ax.legend(
            loc="upper left",
            frameon=False,
            fontsize=9,
            title=f"Level (number on {_date(hi)})",
            title_fontsize=9,
            alignment="left",
            reverse=True,
        )
    ax.set_title(
        f"Recognitions of Nagorno-Karabakh's independence in force, {_date(lo)} to {_date(hi)}"
        f" ({total[-1]} on the last day)",
        loc="left",
    )
    return fig


#: Marker size (points²) of each kind of place in :func:`control_map`.
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
    the centre of its places (districts are labelled, not outlined: no
    boundary data is shipped).  A place whose control that day rests only on
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
    _require_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from ._bundled import default_history

    h = history if history is not None else default_history()
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
            colours = [_color(states[p.id].controller, CONTROLLER_COLORS, controllers) for p in sel]
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
            color=_color(c, CONTROLLER_COLORS, controllers),
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
