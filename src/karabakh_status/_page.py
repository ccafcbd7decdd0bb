"""A self-contained HTML page of a span of days: every place on a map, with a day slider."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

import pendulum

from ._dates import COVERAGE_START_ORDINAL, DayLike, day_span
from ._events import StatusChange
from ._history import History
from ._page_map import HELD_LINE_DAYS, map_layers
from ._palette import CONTROLLER_COLORS, color_of
from ._vocabulary import CONTROLLERS, TERRITORIES

__all__ = ["timeline_page", "write_timeline_page"]

_SIZE: Final = {"city": 7.0, "town": 5.5, "village": 3.2, "height": 4.0, "pass": 4.0, "road-section": 3.5}


def _page_data(history: History, lo: int, hi: int) -> dict[str, Any]:
    """Everything the page shows, as compact JSON-ready data.

    One entry per segment (a run of days with the same answers, from ``d`` days after
    the first): each place's controller (``p``) and basis (``a``), the districts (``t``),
    conditions (``c``), the de facto state (``x``), open claims (``k``) and the events
    still inside their date window (``u``, indexes into ``uncertain``).  ``map`` is the
    map under the places (:func:`~karabakh_status._page_map.map_layers`); ``held``, the
    first and last day (from the first day) on which the 1994–2020 line is drawn.

    >>> import karabakh_status as ks
    >>> lo = pendulum.Date(2023, 9, 25).toordinal()
    >>> data = _page_data(ks.default_history(), lo, lo)
    >>> ids = [data["uncertain"][u][0] for u in data["segments"][0]["u"]]
    >>> ids == [e.id for e in ks.status_at("2023-09-25").uncertain], len(ids)
    (True, 7)
    """
    everywhere = history.places.gazetteer().places
    places = [p for p in everywhere if p.located]
    drawn = {p.id: j for j, p in enumerate(places)}
    codes = list(CONTROLLERS)
    segments = []
    uncertain: dict[str, int] = {}  # event id -> its index in the page's list of events inside their date window
    windows: list[list[str]] = []
    for segment in history.segments(pendulum.Date.fromordinal(lo), pendulum.Date.fromordinal(hi)):
        s = segment.status
        # A segment starts on every day an event takes effect (the last day of its window) and every day a window
        # opens, so the events inside their window are the same on each of its days (the tests check it day by day).
        for e in s.uncertain:
            if e.id not in uncertain:
                uncertain[e.id] = len(windows)
                windows.append([e.id, str(e.date), e.summary, e.effective.isoformat()])
        states = s.places
        claims = sorted(s.claims, key=lambda c: c.event.effective, reverse=True)
        segments.append(
            {
                "d": segment.first.toordinal() - lo,
                "p": "".join(str(codes.index(states[p.id].controller)) for p in places),
                "a": "".join("1" if states[p.id].basis == "announced" else "0" for p in places),
                "t": [
                    [codes.index(t.controller), codes.index(t.other_holder) if t.other_holder else -1, str(t.since)]
                    for t in s.territories.values()
                ],
                "c": dict(s.conditions),
                "x": s.artsakh.name if s.artsakh.exists else None,
                "k": [[drawn.get(c.place, -1), c.place, c.describe()] for c in claims],
                "u": [uncertain[e.id] for e in s.uncertain],
            }
        )
    events: dict[int, list[list[Any]]] = {}
    lo_day = pendulum.Date.fromordinal(lo)
    before = pendulum.Date.fromordinal(max(lo - 1, COVERAGE_START_ORDINAL))  # (before, hi]: from the first day on
    for e in history.changes_between(before, pendulum.Date.fromordinal(hi)):
        gist = e.gist()
        sources = [[src.work, src.url or ""] for src in e.sources]
        basis = e.basis if isinstance(e, StatusChange) else None
        events.setdefault(e.effective.toordinal() - lo, []).append(
            [e.id, str(e.date), e.type, e.summary, gist, basis, sources]
        )
    v = history.data_version()
    return {
        "first": lo_day.isoformat(),
        "days": hi - lo + 1,
        "revision": v.revision,
        "digest": v.digest,
        "controllers": [[c, CONTROLLERS[c], color_of(c, CONTROLLER_COLORS, codes)] for c in codes],
        "territories": [[t.id, t.name] for t in TERRITORIES.values()],
        "places": [
            [p.id, p.name, p.lon, p.lat, p.kind, p.territory, _SIZE[p.kind], [n for n in p.names if n != p.name]]
            for p in places
        ],
        "unlocated": len(everywhere) - len(places),
        "map": map_layers([(p.lon, p.lat) for p in places if p.lon is not None and p.lat is not None]),
        "held": [d.toordinal() - lo for d in HELD_LINE_DAYS],
        "segments": segments,
        "events": {str(k): v for k, v in sorted(events.items())},
        "uncertain": windows,
    }


def timeline_page(start: DayLike, end: DayLike, *, history: History | None = None) -> str:
    """One self-contained HTML page (no network: script, style and data inline) of the days from ``start`` to ``end``.

    A day slider and a date box, previous/next-change and play buttons; every
    place on a map coloured by its controller that day (hollow where only one
    party announced it) with a legend, the district table, the conditions, the
    events of the chosen day with their sources, and a banner on days inside
    an event's date window.  ``page.html#2020-10-20`` opens on that day, and
    the address follows the day shown.  Keyboard accessible: the slider moves
    by arrow keys, ``PageUp``/``PageDown`` jump to the previous or next change.
    The markup, style and script are the package's ``page/`` files, inlined.

    >>> page = timeline_page("2020-11-01", "2020-11-30")
    >>> page.startswith("<!DOCTYPE html>"), "http" not in page.split("<script>")[1].split("const DATA")[0]
    (True, True)
    """
    from ._bundled import history_or_default

    history = history_or_default(history)
    lo, hi = day_span(start, end)
    data = json.dumps(_page_data(history, lo, hi), ensure_ascii=False, separators=(",", ":"))
    data = data.replace("</", "<\\/")  # nothing in the data may close the script element
    title = html.escape(
        f"Nagorno-Karabakh: who held what, {pendulum.Date.fromordinal(lo)} to {pendulum.Date.fromordinal(hi)}"
    )
    parts = {"TITLE": title, "DATA": data, **_assets()}
    return _SLOT.sub(lambda m: parts[m[1]], _assets_template())


_SLOT: Final = re.compile(r"\{\{(TITLE|DATA|STYLE|SCRIPT)\}\}")


@cache
def _assets_template() -> str:
    """The page's markup (``page/page.html``) with slots ``{{TITLE}}``, ``{{STYLE}}``, ``{{SCRIPT}}``, ``{{DATA}}``."""
    return (resources.files(__package__) / "page" / "page.html").read_text(encoding="utf-8")


@cache
def _assets() -> dict[str, str]:
    """The page's style and script (``page/page.css``, ``page/page.js``), to be inlined.

    >>> sorted(_assets()), "</script" in _assets()["SCRIPT"]
    (['SCRIPT', 'STYLE'], False)
    """
    folder = resources.files(__package__) / "page"
    return {
        "STYLE": (folder / "page.css").read_text(encoding="utf-8").strip(),
        "SCRIPT": (folder / "page.js").read_text(encoding="utf-8").strip(),
    }


def write_timeline_page(path: str | Path, start: DayLike, end: DayLike, *, history: History | None = None) -> Path:
    """Write :func:`timeline_page` to ``path`` (UTF-8) and return the path."""
    target = Path(path)
    target.write_text(timeline_page(start, end, history=history), encoding="utf-8")
    return target
