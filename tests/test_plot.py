"""Figures: built from the timeline's change days, one bar per territory, one band per level."""

from __future__ import annotations

import io
import sys

import pendulum
import pytest

import karabakh_status as ks
from karabakh_status import plot


def event(kind: type[ks.records.Event], id_: str, date: str, **kw: object) -> ks.records.Event:
    """A minimal valid event of ``kind``."""
    return kind(  # type: ignore[call-arg]
        id=id_,
        date=ks.answers.parse_when(date),
        summary=f"{id_}.",
        sources=(ks.records.Source(work="test"),),
        recorded=pendulum.Date(2026, 1, 1),
        **kw,
    )


@pytest.fixture
def mpl() -> object:
    """matplotlib on the Agg backend, or skip."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    return matplotlib


def render(fig: object) -> bytes:
    """The figure as PNG bytes (drawing it all, so layout problems surface)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=40)  # type: ignore[attr-defined]
    return buf.getvalue()


def bars_at(fig: object, territory: str, day: str) -> list[object]:
    """The rectangles of a territory's bar that cover a day."""
    import matplotlib.dates as mdates
    from matplotlib.patches import Rectangle

    ax = fig.axes[0]  # type: ignore[attr-defined]
    y = list(ks.vocabulary.TERRITORIES).index(territory)
    x = mdates.date2num(ks.answers.parse_when(day).latest)
    return [
        p
        for p in ax.patches
        if isinstance(p, Rectangle)
        and abs(p.get_y() + p.get_height() / 2 - y) < 1e-9
        and p.get_x() <= x < p.get_x() + p.get_width()
    ]


def test_control_timeline_bars_and_legend(mpl: object) -> None:
    """One bar per territory, labelled with display names; a legend entry per controller that appears, plus partial."""
    from matplotlib.figure import Figure

    fig = plot.control_timeline()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [t.name for t in ks.vocabulary.TERRITORIES.values()]
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    held = {t.controller for s in ks.status_range("1988-01-01", "2026-01-01")[::7] for t in s.territories.values()}
    assert texts[:-1] == [name for c, name in ks.vocabulary.CONTROLLERS.items() if c in held]
    assert "Armenia" not in texts  # Armenia never held a territory in the log
    assert texts[-1].startswith("partial control")
    for territory in ks.vocabulary.TERRITORIES:
        assert len(bars_at(fig, territory, "1988-01-01")) == 1
    assert render(fig).startswith(b"\x89PNG")


def test_control_timeline_colours_follow_the_log(mpl: object) -> None:
    """Each stretch has its controller's colour; partial control is hatched."""
    from matplotlib.colors import to_rgba

    fig = plot.control_timeline()
    for territory, day in [("shusha", "1995-01-01"), ("shusha", "2021-01-01"), ("martakert", "2000-01-01")]:
        state = ks.status_at(day).territories[territory]
        (bar,) = bars_at(fig, territory, day)
        assert bar.get_facecolor() == to_rgba(plot.CONTROLLER_COLORS[state.controller])
        assert (bar.get_hatch() == "//") is state.partial


def test_control_timeline_window(mpl: object) -> None:
    """``start`` and ``end`` bound the axis; a start after the end is refused."""
    import matplotlib.dates as mdates

    fig = plot.control_timeline(start="2020-09-01", end="2021-01-31")
    lo, hi = fig.axes[0].get_xlim()
    assert mdates.num2date(lo).date().isoformat() == "2020-09-01"
    assert mdates.num2date(hi).date().isoformat() == "2021-02-01"
    with pytest.raises(ks.InvalidDateError):
        plot.control_timeline(start="2021-01-01", end="2020-01-01")


def test_recognitions_bands_and_legend(mpl: object) -> None:
    """One stacked band and one legend entry per recognition level."""
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure

    fig = plot.recognitions()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    shown = {
        r.level
        for s in ks.status_range("2000-01-01", ks.data_version().last_recorded or "2026-01-01")[::30]
        for r in s.recognitions
    }
    assert len(bands) == len(shown)  # a band per level that appears, no more
    assert len(ax.get_legend().get_texts()) == len(shown)
    assert render(fig).startswith(b"\x89PNG")


def test_recognitions_counts_what_is_in_force(mpl: object) -> None:
    """The legend counts the recognitions in force on the last day, by level; withdrawals end them."""
    made = event(ks.records.Recognition, "m", "2013-04-10", actor="maine", action="recognize", level="subnational")
    gone = event(ks.records.Recognition, "w", "2013-04-30", actor="maine", action="withdraw", level="subnational")
    call = event(ks.records.Recognition, "c", "2013-05-01", actor="paris", action="call", level="municipal")
    nsw = event(
        ks.records.Recognition, "n", "2012-10", actor="new-south-wales", action="recognize", level="subnational"
    )
    h = ks.History([nsw, made, gone, call])
    label = plot.LEVEL_LABELS["subnational"]

    def legend(end: str) -> list[str]:
        fig = plot.recognitions(history=h, start="2012-01-01", end=end)
        return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]

    assert f"{label} (2)" in legend("2013-04-20")
    assert f"{label} (1)" in legend("2013-06-01")
    assert not any(t.startswith(plot.LEVEL_LABELS["municipal"]) for t in legend("2013-06-01"))  # a call never counts


def test_empty_history_still_plots(mpl: object) -> None:
    """A log with no events draws the initial state and no recognitions."""
    from matplotlib.colors import to_rgba

    h = ks.History([])
    fig = plot.control_timeline(history=h, end="2000-01-01")
    assert len(fig.axes[0].get_yticklabels()) == len(ks.vocabulary.TERRITORIES)
    assert {p.get_facecolor() for p in fig.axes[0].patches} == {to_rgba(plot.CONTROLLER_COLORS["ussr"])}
    render(fig)
    fig = plot.recognitions(history=h)
    assert fig.axes[0].get_legend() is None  # nothing appears, so nothing is listed
    render(fig)


def test_built_from_change_days_not_daily_queries(mpl: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither figure asks for the status of every day."""
    h = ks.load(ks.records.bundled_log_path())

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("status_at called")

    monkeypatch.setattr(ks.History, "status_at", refuse)
    plot.control_timeline(history=h)
    plot.recognitions(history=h)


def test_without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without matplotlib each function says how to install it."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    for draw in (plot.control_timeline, plot.recognitions):
        with pytest.raises(ImportError, match=r"pip install 'karabakh-status\[plot\]'"):
            draw(ks.History([]))


def test_control_map_colours_every_place_by_its_controller(mpl: object) -> None:
    """control_map draws every place once, coloured by its controller that day; hollow where only announced."""
    from matplotlib.colors import to_rgba

    day = "2020-11-20"
    fig = plot.control_map(day)
    ax = fig.axes[0]
    s = ks.status_at(day)
    points = {}
    for coll in ax.collections:
        if coll.get_gid() in ("claimed", "uncertain"):  # rings around places, not places
            continue
        offsets = coll.get_offsets()
        faces = coll.get_facecolors()
        edges = coll.get_edgecolors()
        for k, (lon, lat) in enumerate(offsets):
            face = faces[k if len(faces) > 1 else 0] if len(faces) else None
            edge = edges[k if len(edges) > 1 else 0]
            points[(round(float(lon), 5), round(float(lat), 5))] = (face, edge)
    located = [p for p in ks.places() if p.lon is not None and p.lat is not None]
    assert len(points) >= len({(p.lon, p.lat) for p in located}) - 1
    for p in located:
        assert p.lon is not None
        assert p.lat is not None
        face, edge = points[(round(p.lon, 5), round(p.lat, 5))]
        want = to_rgba(plot.CONTROLLER_COLORS[s.places[p.id].controller])
        hollow = s.places[p.id].basis == "announced"
        got = tuple(edge) if hollow else tuple(face)
        assert got == pytest.approx(want), p.id
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert all(not label.startswith("USSR") for label in labels)  # only what appears
    assert "2020-11-20" in ax.get_title(loc="left")
    render(fig)


def test_control_map_reads_as_a_map(mpl: object) -> None:
    """Countries and rayons under the places, the 1994-2020 line only in the ceasefire years, the credit."""
    from karabakh_status._boundaries import CREDIT, boundaries

    b = boundaries()
    for day, line in (("2000-01-01", True), ("2021-01-01", False), ("1993-01-01", False)):
        fig = plot.control_map(day)
        ax = fig.axes[0]
        gids = [p.get_gid() or "" for p in ax.patches]
        assert sum(g.startswith("country:") for g in gids) == len(b.countries)
        assert sum(g.startswith("district:") for g in gids) == len(b.districts)
        assert ("line-1994-2020" in gids) is line, day
        names = {t.get_text() for t in ax.texts}
        assert {"ARMENIA", "IRAN", "AZERBAIJAN"} <= names
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert any(text.startswith("line held 1994") for text in legend) is line
        assert any(CREDIT in t.get_text() for t in fig.texts)
        render(fig)


def test_control_map_shading_is_each_place_holder(mpl: object) -> None:
    """At every located place the shading has the colour of that place's holder that day (nearest is itself)."""
    from matplotlib.colors import to_rgba
    from matplotlib.path import Path

    from karabakh_status._boundaries import boundaries

    def outline_of(x: float, y: float) -> str | None:
        for d in boundaries().districts:
            inside = False
            for ring in d.rings:
                inside ^= bool(Path(ring).contains_point((x, y)))
            if inside:
                return d.id
        return None

    for day in ("1992-06-15", "2020-10-20", "2020-11-10"):
        fig = plot.control_map(day)
        ax = fig.axes[0]
        [image] = [i for i in ax.images if i.get_gid() == "shading"]
        pixels = image.get_array()
        west, east, south, north = image.get_extent()
        rows, cols = pixels.shape[:2]
        s = ks.status_at(day)
        checked = 0
        for p in ks.places():
            if p.lon is None or p.lat is None:
                continue
            col = round((p.lon - west) / (east - west) * (cols - 1))
            row = round((p.lat - south) / (north - south) * (rows - 1))
            got = tuple(float(v) for v in pixels[row, col])
            x = west + col * (east - west) / (cols - 1)
            y = south + row * (north - south) / (rows - 1)
            if got[3] == 0 or outline_of(x, y) != outline_of(p.lon, p.lat):
                continue  # the cell's centre fell outside the place's rayon (an edge cell)
            want = to_rgba(plot.CONTROLLER_COLORS[s.places[p.id].controller], 0.3)
            neighbours = [p2 for p2 in ks.places() if p2.lon is not None and p2.id != p.id]
            if any(abs(p2.lon - p.lon) < 0.01 and abs((p2.lat or 0) - p.lat) < 0.01 for p2 in neighbours):
                continue  # another place shares the cell
            assert got == pytest.approx(want), (day, p.id)
            checked += 1
        assert checked > 200, checked


def test_control_map_labels_never_overlap(mpl: object) -> None:
    """No two labels' boxes overlap, and the city and the district names are there."""
    fig = plot.control_map("2020-11-10")
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [(a.get_text(), a.get_window_extent(renderer)) for a in ax.texts if a.get_gid() != "country"]
    boxes = [(t, b) for t, b in boxes if t and t.upper() not in {"ARMENIA", "IRAN", "AZERBAIJAN", "GEORGIA"}]
    for i, (t1, b1) in enumerate(boxes):
        for t2, b2 in boxes[i + 1 :]:
            assert not b1.overlaps(b2), (t1, t2)
    texts = {t for t, _ in boxes}
    assert "Stepanakert" in texts
    assert any(t.startswith("HADRUT") for t in texts)


def test_control_map_on_given_axes(mpl: object) -> None:
    """control_map draws on the axes it is given and rejects a bad day."""
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    assert plot.control_map("1995-01-01", ax=ax) is fig
    with pytest.raises(ks.InvalidDateError):
        plot.control_map("1987-01-01")


def test_figures_end_on_the_last_reviewed_day(mpl: object) -> None:
    """With no end given, both figures end on the day the record was last reviewed, not on today's date."""
    import matplotlib.dates as mdates

    last = ks.data_version().last_reviewed
    assert last is not None
    for fig in (plot.control_timeline(), plot.recognitions()):
        title = fig.axes[0].get_title(loc="left")
        assert f"to {last}" in title, title
        right = mdates.num2date(fig.axes[0].get_xlim()[1]).date()
        assert right.isoformat() >= last
