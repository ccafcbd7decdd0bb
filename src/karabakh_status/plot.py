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
from typing import TYPE_CHECKING

from ._dates import DayLike, day_ordinal, day_span
from ._history import History
from ._map_figure import KIND_SIZES, control_map
from ._palette import (
    CONTROLLER_COLORS,
    GROUP_LABELS,
    LEVEL_COLORS,
    LEVEL_LABELS,
    PARTIAL_HATCH,
    color_of,
    require_matplotlib,
)
from ._vocabulary import CONTROLLERS, RECOGNITION_LEVELS, TERRITORIES

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


__all__ = [
    "CONTROLLER_COLORS",
    "KIND_SIZES",
    "LEVEL_COLORS",
    "LEVEL_LABELS",
    "control_map",
    "control_timeline",
    "recognitions",
]


def _span(history: History | None, start: DayLike, end: DayLike | None) -> tuple[History, int, int]:
    """The history asked about and the first and last day (ordinals) to draw."""
    from ._bundled import history_or_default

    h = history_or_default(history)
    # by default the history's last day (a figure does not change with the calendar), or the start if later
    if end is None:
        return h, day_ordinal(start), max(h.last_day().toordinal(), day_ordinal(start))
    lo, hi = day_span(start, end)
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


def control_timeline(
    start: DayLike = "1988-01-01", end: DayLike | None = None, *, history: History | None = None
) -> Figure:
    """Who held each territory over time: one bar per territory, coloured by controller.

    Args:
        history: The log to draw; ``None`` for the bundled one
            (:func:`karabakh_status.default_history`).
        start: The first day drawn (anything
            :func:`karabakh_status.status_at` accepts).
        end: The last day drawn; ``None`` for the day the record was last
            reviewed (:attr:`DataVersion.last_recorded
            <karabakh_status.answers.DataVersion.last_recorded>`).

    Returns:
        A figure with one horizontal bar per territory, in the order of
        :data:`karabakh_status.vocabulary.TERRITORIES`; each stretch of a bar has the
        colour of its controller (legend: the display names of
        :data:`karabakh_status.vocabulary.CONTROLLERS`).  A territory held only in part
        is hatched (``//``) in the colour of the other holder.

    Raises:
        ImportError: matplotlib is not installed.
        karabakh_status.InvalidDateError: ``start`` or ``end`` is not a day
            the library answers for, or ``start`` comes after ``end``.
    """
    require_matplotlib()
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
                color=color_of(controller, CONTROLLER_COLORS, controllers),
                hatch=PARTIAL_HATCH if other is not None else None,
                edgecolor=color_of(other, CONTROLLER_COLORS, controllers) if other is not None else "none",
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
                GROUP_LABELS.get(g, g),
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
        Patch(facecolor=color_of(c, CONTROLLER_COLORS, controllers), label=CONTROLLERS[c])
        for c in controllers
        if c in drawn  # only the controllers that appear
    ]
    handles.append(
        Patch(
            facecolor="#F2F2F2",
            edgecolor="#222222",
            hatch=PARTIAL_HATCH,
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


def recognitions(
    start: DayLike = "2000-01-01", end: DayLike | None = None, *, history: History | None = None
) -> Figure:
    """Recognitions of the de facto state in force over time, stacked by level.

    Counts the ``recognize`` events in force on each day (made, and not
    withdrawn); calls for recognition, rejected motions and support for
    self-determination never count (see :class:`karabakh_status.records.Recognition`).

    Args:
        history: The log to draw; ``None`` for the bundled one
            (:func:`karabakh_status.default_history`).
        start: The first day drawn (anything
            :func:`karabakh_status.status_at` accepts).
        end: The last day drawn; ``None`` for the day the record was last
            reviewed (:attr:`DataVersion.last_recorded
            <karabakh_status.answers.DataVersion.last_recorded>`).

    Returns:
        A figure with a stacked step area per level of
        :data:`karabakh_status.vocabulary.RECOGNITION_LEVELS` (legend: each level with
        its count on ``end``).

    Raises:
        ImportError: matplotlib is not installed.
        karabakh_status.InvalidDateError: ``start`` or ``end`` is not a day
            the library answers for, or ``start`` comes after ``end``.
    """
    require_matplotlib()
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
            colors=[color_of(level, LEVEL_COLORS, list(RECOGNITION_LEVELS)) for level in levels],
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
