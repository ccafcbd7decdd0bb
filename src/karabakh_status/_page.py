"""A self-contained HTML page of a span of days: every place on a map, with a day slider."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any, Final

import pendulum

from ._dates import COVERAGE_START_ORDINAL, DayLike
from ._events import StatusChange
from ._history import History, _span
from ._vocabulary import CONTROLLERS, TERRITORIES

__all__ = ["timeline_page", "write_timeline_page"]

#: The fill colour of each controller on the page (the same as the figures').
PAGE_COLORS: Final = {
    "ussr": "#BBBBBB",
    "azerbaijan": "#0072B2",
    "artsakh": "#E69F00",
    "armenia": "#CC79A7",
    "russia": "#009E73",
}
_SIZE: Final = {"city": 7.0, "town": 5.5, "village": 3.2, "height": 4.0, "pass": 4.0, "road-section": 3.5}


def _page_data(history: History, lo: int, hi: int) -> dict[str, Any]:
    """Everything the page shows, as compact JSON-ready data."""
    everywhere = history.places.gazetteer().places
    places = [p for p in everywhere if p.located]
    drawn = {p.id: j for j, p in enumerate(places)}
    codes = list(CONTROLLERS)
    segments = []
    for segment in history.segments(pendulum.Date.fromordinal(lo), pendulum.Date.fromordinal(hi)):
        s = segment.status
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
        "controllers": [[c, CONTROLLERS[c], PAGE_COLORS.get(c, "#777777")] for c in codes],
        "territories": [[t.id, t.name] for t in TERRITORIES.values()],
        "places": [[p.id, p.name, p.lon, p.lat, p.kind, p.territory, _SIZE[p.kind]] for p in places],
        "unlocated": len(everywhere) - len(places),
        "segments": segments,
        "events": {str(k): v for k, v in sorted(events.items())},
    }


def timeline_page(start: DayLike, end: DayLike, *, history: History | None = None) -> str:
    """One self-contained HTML page (no network: script, style and data inline) of the days from ``start`` to ``end``.

    A day slider, previous/next-change and play buttons; every place on a map
    coloured by its controller that day (hollow where only one party
    announced it), the district table, the conditions, and the events of the
    chosen day with their sources.  Keyboard accessible: the slider moves by
    arrow keys, ``PageUp``/``PageDown`` jump to the previous or next change.

    >>> page = timeline_page("2020-11-01", "2020-11-30")
    >>> page.startswith("<!DOCTYPE html>"), "http" not in page.split("<script>")[1].split("const DATA")[0]
    (True, True)
    """
    from ._bundled import history_or_default

    history = history_or_default(history)
    lo, hi = _span(start, end)
    data = json.dumps(_page_data(history, lo, hi), ensure_ascii=False, separators=(",", ":"))
    data = data.replace("</", "<\\/")  # nothing in the data may close the script element
    title = html.escape(
        f"Nagorno-Karabakh: who held what, {pendulum.Date.fromordinal(lo)} to {pendulum.Date.fromordinal(hi)}"
    )
    return _TEMPLATE.replace("{{TITLE}}", title).replace("{{DATA}}", data)


def write_timeline_page(path: str | Path, start: DayLike, end: DayLike, *, history: History | None = None) -> Path:
    """Write :func:`timeline_page` to ``path`` (UTF-8) and return the path."""
    target = Path(path)
    target.write_text(timeline_page(start, end, history=history), encoding="utf-8")
    return target


_TEMPLATE: Final = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #fff; }
header { padding: 10px 16px; border-bottom: 1px solid #ddd; }
h1 { font-size: 18px; margin: 0 0 4px; }
#controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 8px 16px; }
#controls input[type=range] { flex: 1 1 320px; }
#controls button { font: inherit; padding: 3px 10px; }
#day { font-weight: bold; min-width: 7em; }
main { display: flex; flex-wrap: wrap; gap: 16px; padding: 0 16px 16px; }
#mapbox { flex: 1 1 520px; }
svg { width: 100%; height: auto; border: 1px solid #ddd; background: #fbfbf8; }
svg text.district { font-size: 9px; fill: #777; font-style: italic; text-anchor: middle; pointer-events: none; }
svg text.town { font-size: 8px; fill: #222; pointer-events: none; }
aside { flex: 1 1 360px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 2px 6px; border-bottom: 1px solid #eee; vertical-align: top; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; }
.hollow { background: none !important; border: 2px solid #333; width: 7px; height: 7px; }
#events li { margin-bottom: 6px; }
#events .src { color: #555; font-size: 12px; }
:focus-visible { outline: 3px solid #CC79A7; outline-offset: 2px; }
</style>
</head>
<body>
<header>
<h1>{{TITLE}}</h1>
<div id="legend" aria-label="Legend"></div>
<p id="unlocated"></p>
</header>
<div id="controls">
<button id="prev" type="button" title="Previous change (PageUp)">&#9664; previous change</button>
<input id="slider" type="range" min="0" value="0" step="1" aria-label="Day">
<button id="next" type="button" title="Next change (PageDown)">next change &#9654;</button>
<button id="play" type="button" aria-pressed="false">play</button>
<span id="day" aria-live="polite"></span>
</div>
<main>
<div id="mapbox"><svg id="map" role="img" aria-label="Map of the places, coloured by who held them"></svg></div>
<aside>
<p id="state"></p>
<table id="districts"><thead><tr><th>district</th><th>controller</th><th>rest held by</th><th>since</th></tr></thead><tbody></tbody></table>
<p id="conditions"></p>
<h2>Events of the day</h2>
<ul id="events"></ul>
<h2 id="claims-head">Open claims</h2>
<ul id="claims"></ul>
</aside>
</main>
<script>
const DATA = {{DATA}};
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const ctrl = DATA.controllers, places = DATA.places, segs = DATA.segments;
  const first = new Date(DATA.first + "T00:00:00Z");
  const dayText = (i) => new Date(first.getTime() + i * 86400000).toISOString().slice(0, 10);
  const slider = document.getElementById("slider");
  slider.max = String(DATA.days - 1);
  const lons = places.map((p) => p[2]), lats = places.map((p) => p[3]);
  const minLon = Math.min(...lons) - 0.05, maxLon = Math.max(...lons) + 0.05;
  const minLat = Math.min(...lats) - 0.05, maxLat = Math.max(...lats) + 0.05;
  const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const W = 1000, H = Math.round(W * (maxLat - minLat) / ((maxLon - minLon) * k));
  const svg = document.getElementById("map");
  svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  const x = (lon) => ((lon - minLon) / (maxLon - minLon)) * W;
  const y = (lat) => H - ((lat - minLat) / (maxLat - minLat)) * H;
  const centres = {};
  places.forEach((p) => { (centres[p[5]] = centres[p[5]] || []).push(p); });
  DATA.territories.forEach(([id, name]) => {
    const own = centres[id]; if (!own) return;
    const t = document.createElementNS(NS, "text");
    t.setAttribute("class", "district");
    t.setAttribute("x", own.reduce((a, p) => a + x(p[2]), 0) / own.length);
    t.setAttribute("y", own.reduce((a, p) => a + y(p[3]), 0) / own.length);
    t.textContent = name.toUpperCase();
    svg.appendChild(t);
  });
  const dots = places.map((p) => {
    const c = document.createElementNS(NS, "circle");
    c.setAttribute("cx", x(p[2]).toFixed(1)); c.setAttribute("cy", y(p[3]).toFixed(1));
    c.setAttribute("r", p[6]); c.setAttribute("data-place", p[0]); c.setAttribute("stroke-width", "1.5");
    const title = document.createElementNS(NS, "title"); c.appendChild(title);
    svg.appendChild(c);
    if (p[4] === "city" || p[4] === "town") {
      const t = document.createElementNS(NS, "text");
      t.setAttribute("class", "town"); t.setAttribute("x", x(p[2]) + 6); t.setAttribute("y", y(p[3]) - 4);
      t.textContent = p[1]; svg.appendChild(t);
    }
    return c;
  });
  const legend = document.getElementById("legend");
  const used = new Set();
  segs.forEach((s) => { for (const ch of s.p) used.add(Number(ch)); s.t.forEach((t) => { used.add(t[0]); if (t[1] >= 0) used.add(t[1]); }); });
  legend.innerHTML = ctrl.filter((c, j) => used.has(j)).map((c) => '<span><span class="swatch" style="background:' + c[2] + '"></span>' + c[1] + "</span>").join(" &nbsp; ")
    + ' &nbsp; <span><span class="swatch hollow"></span>held on one party&rsquo;s word only</span>'
    + ' &nbsp; <span><span class="swatch" style="border:2px dashed #333;background:none;width:7px;height:7px"></span>an open claim about it</span>';
  document.getElementById("unlocated").textContent = DATA.unlocated ? DATA.unlocated + " more places have no known coordinates and are not drawn (they are in the tables and the claims)." : "";
  const starts = segs.map((s) => s.d);
  const eventDays = Object.keys(DATA.events).map(Number).sort((a, b) => a - b);
  const changeDays = Array.from(new Set(starts.concat(eventDays))).sort((a, b) => a - b);
  function segmentAt(i) {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= i) lo = mid; else hi = mid - 1; }
    return segs[lo];
  }
  const esc = (s) => String(s).replace(/[&<>"]/g, (ch) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[ch]));
  function show(i) {
    i = Math.max(0, Math.min(DATA.days - 1, i));
    slider.value = String(i);
    const day = dayText(i), s = segmentAt(i);
    document.getElementById("day").textContent = day;
    slider.setAttribute("aria-valuetext", day);
    const claimed = {};
    s.k.forEach((k) => { if (k[0] >= 0) (claimed[k[0]] = claimed[k[0]] || []).push(k[2]); });
    dots.forEach((c, j) => {
      const who = ctrl[Number(s.p[j])], hollow = s.a[j] === "1", open = claimed[j];
      c.setAttribute("data-controller", who[0]);
      c.setAttribute("data-claims", open ? String(open.length) : "0");
      c.setAttribute("fill", hollow ? "none" : who[2]);
      c.setAttribute("stroke", hollow ? who[2] : open ? "#333333" : "#ffffff");
      c.setAttribute("stroke-dasharray", open ? "2 1.5" : "");
      c.firstChild.textContent = places[j][1] + ": " + who[1] + (hollow ? " (on one party's word only)" : "") + (open ? "\\nOpen claim: " + open.join("\\nOpen claim: ") : "");
    });
    document.getElementById("claims-head").textContent = "Open claims (" + s.k.length + ")";
    document.getElementById("claims").innerHTML = s.k.length ? s.k.map((k) => '<li data-claim="' + esc(k[1]) + '"><strong>' + esc(k[1]) + "</strong>: " + esc(k[2]) + "</li>").join("") : "<li>None on this day.</li>";
    document.getElementById("state").textContent = s.x ? "The de facto state exists as the " + s.x + "." : "The de facto state does not exist.";
    document.querySelector("#districts tbody").innerHTML = DATA.territories.map(([id, name], j) => {
      const t = s.t[j];
      return '<tr data-territory="' + id + '" data-controller="' + ctrl[t[0]][0] + '"><td>' + esc(name) + "</td><td>" + esc(ctrl[t[0]][1])
        + "</td><td>" + (t[1] >= 0 ? esc(ctrl[t[1]][1]) : "") + "</td><td>" + t[2] + "</td></tr>";
    }).join("");
    document.getElementById("conditions").textContent = "Conditions: " + Object.entries(s.c).map(([k, v]) => k + " = " + v).join(", ");
    const evs = DATA.events[String(i)] || [];
    document.getElementById("events").innerHTML = evs.length ? evs.map((e) =>
      '<li data-event="' + esc(e[0]) + '"><strong>' + esc(e[1]) + "</strong> " + esc(e[3]) + (e[5] ? " <em>(" + esc(e[5]) + ")</em>" : "")
      + '<div class="src">' + e[6].map((src) => src[1] ? '<a href="' + esc(src[1]) + '">' + esc(src[0]) + "</a>" : esc(src[0])).join("; ") + "</div></li>"
    ).join("") : "<li>Nothing took effect on this day.</li>";
  }
  function jump(direction) {
    const i = Number(slider.value);
    const target = direction > 0 ? changeDays.find((d) => d > i) : [...changeDays].reverse().find((d) => d < i);
    if (target !== undefined) show(target);
  }
  slider.addEventListener("input", () => show(Number(slider.value)));
  slider.addEventListener("keydown", (ev) => {
    if (ev.key === "PageDown") { ev.preventDefault(); jump(1); }
    if (ev.key === "PageUp") { ev.preventDefault(); jump(-1); }
  });
  document.getElementById("next").addEventListener("click", () => jump(1));
  document.getElementById("prev").addEventListener("click", () => jump(-1));
  let timer = null;
  const play = document.getElementById("play");
  play.addEventListener("click", () => {
    if (timer) { clearInterval(timer); timer = null; play.textContent = "play"; play.setAttribute("aria-pressed", "false"); return; }
    play.textContent = "pause"; play.setAttribute("aria-pressed", "true");
    timer = setInterval(() => { const before = Number(slider.value); jump(1); if (Number(slider.value) === before) play.click(); }, 600);
  });
  window.karabakhShow = show;
  show(0);
})();
</script>
</body>
</html>
"""
