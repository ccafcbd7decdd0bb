/* The timeline page's script: DATA (built by karabakh_status._page._page_data) drawn for one day at a time. */
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const ctrl = DATA.controllers, places = DATA.places, segs = DATA.segments;
  const DAY_MS = 86400000, first = Date.parse(DATA.first + "T00:00:00Z");
  const dayText = (i) => new Date(first + i * DAY_MS).toISOString().slice(0, 10);
  const lastText = dayText(DATA.days - 1);
  const el = (id) => document.getElementById(id);
  const esc = (s) => String(s).replace(/[&<>"]/g, (ch) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[ch]));
  const slider = el("slider"), dateBox = el("date"), message = el("message");
  slider.max = String(DATA.days - 1);
  dateBox.min = DATA.first;
  dateBox.max = lastText;

  /* The header: which revision of the record this page was built from. */
  const digest = String(DATA.digest || "").replace(/^(\w+:)?(.{16}).*$/, "$1$2\u2026");
  el("version").innerHTML = "Built from the record at revision <strong>" + esc(DATA.revision) + "</strong>, digest <code title=\""
    + esc(DATA.digest) + "\">" + esc(digest) + "</code>.";
  el("unlocated").textContent = DATA.unlocated ? DATA.unlocated + " more places have no known coordinates and are not drawn (they are in the tables and the claims)." : "";

  /* The map: an equirectangular projection of the located places, scaled at their mean latitude (its frame and the
     outlines, already projected to whole units, come from karabakh_status._page_map). */
  const M = DATA.map;
  const [minLon, maxLon, minLat, maxLat, W, H] = M.frame;
  const svg = el("map");
  svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  const x = (lon) => ((lon - minLon) / (maxLon - minLon)) * W;
  const y = (lat) => H - ((lat - minLat) / (maxLat - minLat)) * H;
  const alsoCalled = (p) => p[1] + (p[7].length ? " (also " + p[7].join(", ") + ")" : "");
  const svgNode = (name, attrs, parent) => {
    const node = document.createElementNS(NS, name);
    Object.entries(attrs).forEach(([key, value]) => node.setAttribute(key, value));
    (parent || svg).appendChild(node);
    return node;
  };
  const named = (o) => o[1] + (o[2] && o[2] !== o[1] ? " (" + o[2] + ")" : "");
  /* Under the places: the countries, the shaded cells, today's rayons, the 1994-2020 line.  The view box frames the
     places; where the map's height is capped the outlines go on to the edges of the box (the svg clips them there). */
  const ground = svgNode("g", {class: "ground"});
  M.countries.forEach((c) => {
    svgNode("title", {}, svgNode("path", {class: "country", "data-id": c[0], d: c[3]}, ground)).textContent = named(c);
  });
  const cellLayer = svgNode("g", {class: "cells"}, ground);
  const cells = M.cells.map((d, j) => d ? svgNode("path", {class: "cell", "data-place": places[j][0], d}, cellLayer) : null);
  M.rayons.forEach((r) => {
    svgNode("title", {}, svgNode("path", {class: "rayon", "data-id": r[0], d: r[4]}, ground)).textContent =
      named(r) + ": a district (rayon) of today\u2019s Azerbaijan";
  });
  const heldLine = svgNode("path", {class: "held-line", d: M.held}, ground);
  svgNode("title", {}, heldLine).textContent = "Line held 1994\u20132020 (Natural Earth; approximate)";
  const heldShown = (i) => i >= DATA.held[0] && i <= DATA.held[1];
  const dots = places.map((p) => {
    const c = svgNode("circle", {cx: x(p[2]).toFixed(1), cy: y(p[3]).toFixed(1), r: p[6], "data-place": p[0], "stroke-width": "1.5"});
    svgNode("title", {}, c);
    return c;
  });
  /* Labels: the city first, then each district at the centre of its places, then the towns; see layoutLabels. */
  const labels = [];
  const marked = places.map((p, j) => [p, j]).filter(([p]) => p[4] === "city" || p[4] === "town")
    .sort((a, b) => (a[0][4] === "city" ? 0 : 1) - (b[0][4] === "city" ? 0 : 1) || a[0][1].localeCompare(b[0][1]));
  const townLabel = ([p]) => {
    const t = svgNode("text", {class: "town", "data-place": p[0]});
    t.appendChild(document.createTextNode(p[1]));
    svgNode("title", {}, t).textContent = alsoCalled(p);
    labels.push({node: t, px: x(p[2]), py: y(p[3]), r: p[6], size0: p[6], district: false, size: 12});
  };
  marked.filter(([p]) => p[4] === "city").forEach(townLabel);
  const byTerritory = {};
  places.forEach((p) => { (byTerritory[p[5]] = byTerritory[p[5]] || []).push(p); });
  DATA.territories.forEach(([id, name]) => {
    const own = byTerritory[id]; if (!own) return;
    const t = svgNode("text", {class: "district", "data-territory": id});
    t.appendChild(document.createTextNode(name.toUpperCase()));
    svgNode("title", {}, t).textContent = name + ": " + own.length + " places drawn: " + own.map((p) => p[1]).join(", ");
    const px = own.reduce((a, p) => a + x(p[2]), 0) / own.length, py = own.reduce((a, p) => a + y(p[3]), 0) / own.length;
    labels.push({node: t, px, py, r: 0, district: true, size: 11.5});
  });
  const spotLabel = (o, spots, cls) => {
    if (!spots.length) return;
    const t = svgNode("text", {class: cls, "data-id": o[0]});
    t.appendChild(document.createTextNode(cls === "country" ? o[1].toUpperCase() : o[1] + " rayon"));
    svgNode("title", {}, t).textContent = named(o) + (cls === "rayon" ? ": a district (rayon) of today\u2019s Azerbaijan, across the Soviet districts" : "");
    labels.push({node: t, spots, r: 0, district: true, size: cls === "country" ? 13 : 11.5});
  };
  M.countries.forEach((c) => spotLabel(c, c[4], "country"));
  marked.filter(([p]) => p[4] !== "city").forEach(townLabel);
  M.rayons.forEach((r) => spotLabel(r, r[5], "rayon"));
  const overlaps = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;

  /* Greedy label placement at the map's drawn size: each label (in the order above) takes the first of its candidate
     boxes that overlaps no label placed before, no city or town dot and stays on the map; a label with none is not
     drawn (its place's name is in the dot's title). Type is 12 px (districts 11.5 px) on screen at any width, so a
     narrower map shows fewer labels; it is laid out again when the window is resized. */
  function layoutLabels() {
    const ctm = svg.getScreenCTM();
    if (!ctm || !ctm.a) return;
    const scale = ctm.a;  /* screen px per map unit (the map keeps its aspect when its height is capped) */
    const grow = Math.max(1, 0.6 / scale);  /* on a narrow map the dots keep at least 0.6 of their size in px */
    dots.forEach((c, j) => c.setAttribute("r", (places[j][6] * grow).toFixed(2)));
    labels.forEach((lab) => { if (!lab.district) lab.r = lab.size0 * grow; });
    const taken = marked.map(([p]) => {
      const cx = x(p[2]), cy = y(p[3]), r = p[6] * grow + 1;
      return {l: cx - r, r: cx + r, t: cy - r, b: cy + r};
    });
    labels.forEach((lab) => {
      const t = lab.node;
      t.style.display = "";
      t.setAttribute("font-size", (lab.size / scale).toFixed(2));
      t.setAttribute("x", "0"); t.setAttribute("y", "0");
      const box = t.getBBox(), w = box.width, h = box.height, g = lab.r + 3 / scale, px = lab.px, py = lab.py;
      const candidates = [];
      if (lab.spots) {
        lab.spots.forEach(([cx, cy]) => candidates.push([cx - w / 2, cy - h / 2]));
      } else if (lab.district) {
        candidates.push([px - w / 2, py - h / 2]);
        for (let ring = 1; ring <= 4; ring++) {
          for (let a = 0; a < 8; a++) {
            const angle = a * Math.PI / 4;
            candidates.push([px - w / 2 + Math.cos(angle) * ring * h, py - h / 2 + Math.sin(angle) * ring * h]);
          }
        }
      } else {
        const d = g * 0.7;
        candidates.push([px + g, py - h / 2], [px - g - w, py - h / 2], [px + d, py - d - h], [px + d, py + d],
          [px - w / 2, py - g - h], [px - w / 2, py + g], [px - d - w, py - d - h], [px - d - w, py + d]);
      }
      const spot = candidates.map(([l, top]) => ({l, r: l + w, t: top, b: top + h}))
        .find((c) => c.l >= 0 && c.r <= W && c.t >= 0 && c.b <= H && !taken.some((o) => overlaps(o, c)));
      if (!spot) { t.style.display = "none"; return; }
      t.setAttribute("x", (spot.l - box.x).toFixed(1));
      t.setAttribute("y", (spot.t - box.y).toFixed(1));
      taken.push(spot);
    });
  }

  /* The legend: each colour in use, then what each marker and size means. */
  const used = new Set();
  segs.forEach((s) => { for (const ch of s.p) used.add(Number(ch)); s.t.forEach((t) => { used.add(t[0]); if (t[1] >= 0) used.add(t[1]); }); });
  const marker = (r, attrs) => '<svg width="' + (2 * r + 4) + '" height="' + (2 * r + 4) + '" aria-hidden="true"><circle cx="' + (r + 2) + '" cy="' + (r + 2)
    + '" r="' + r + '" ' + attrs + "/></svg>";
  const kinds = [["city", "city"], ["town", "town"], ["village", "village"], ["height", "height or pass"], ["road-section", "road section"]]
    .filter(([kind]) => places.some((p) => p[4] === kind || (kind === "height" && p[4] === "pass")));
  const sizeOf = (kind) => places.find((p) => p[4] === kind)[6];
  el("legend").innerHTML = ctrl.filter((c, j) => used.has(j)).map((c) => "<span>" + marker(5, 'fill="' + c[2] + '"') + "held by " + esc(c[1]) + "</span>").join("")
    + "<span>" + marker(5, 'fill="#777" stroke="#fff" stroke-width="1.5"') + "filled dot: held</span>"
    + "<span>" + marker(5, 'fill="none" stroke="#777" stroke-width="1.5"') + "hollow ring: held, announced by one party only</span>"
    + "<span>" + marker(5, 'fill="#777" stroke="#333" stroke-width="1.5" stroke-dasharray="2 1.5"') + "dashed ring: an open claim about it</span>"
    + "<span>sizes:" + kinds.map(([kind, text]) => marker(sizeOf(kind), 'fill="#777"') + esc(text)).join(" ") + "</span>"
    + '<span><svg width="24" height="12" aria-hidden="true">' + ctrl.filter((c, j) => used.has(j)).slice(-3).map((c, j, all) =>
      '<rect x="' + (j * 24 / all.length) + '" width="' + (24 / all.length) + '" height="12" fill="' + c[2] + '" fill-opacity="0.25"/>').join("") + "</svg>"
    + "Shading: nearest place\u2019s holder \u2014 an estimate, not a front line</span>"
    + '<span><svg width="22" height="12" aria-hidden="true"><path d="M1 6h20" class="rayon"/></svg>district (rayon) of today\u2019s Azerbaijan</span>'
    + (DATA.held[1] >= 0 && DATA.held[0] < DATA.days ? '<span class="held-key"><svg width="30" height="12" aria-hidden="true"><path d="M1 6h28" class="held-line"/></svg>'
      + "Line held 1994\u20132020 (Natural Earth; approximate), on the ceasefire days</span>" : "");
  el("map-notes").textContent = "Names in capitals are the Soviet districts, written at the centre of their places: no open source draws "
    + "the Soviet NKAO or its districts, so the thin lines are Azerbaijan\u2019s districts (rayons) of today. " + M.credit + ".";

  const heldKey = document.querySelector("#legend .held-key");

  /* Days: the segment of a day, the change days, and reading a day typed or linked. */
  const starts = segs.map((s) => s.d);
  const eventDays = Object.keys(DATA.events).map(Number).sort((a, b) => a - b);
  const changeDays = Array.from(new Set(starts.concat(eventDays))).sort((a, b) => a - b);
  function segmentAt(i) {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= i) lo = mid; else hi = mid - 1; }
    return segs[lo];
  }
  function dayIndex(text) {
    const span = " Pick a day from " + DATA.first + " to " + lastText + ".";
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return {error: "\u201c" + text + "\u201d is not a day (write YYYY-MM-DD)." + span};
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (new Date(t).toISOString().slice(0, 10) !== text) return {error: text + " is not a day of the calendar." + span};
    const i = Math.round((t - first) / DAY_MS);
    if (i < 0 || i >= DATA.days) return {error: text + " is outside this page\u2019s days." + span};
    return {i};
  }
  function say(text) { message.textContent = text; message.hidden = !text; }
  /* The address follows the day shown; while the slider is dragged, at most every quarter second (browsers
     throttle pages that rewrite their address many times a second). */
  let hashTimer = 0, hashWritten = 0;
  function writeHash(day) {
    clearTimeout(hashTimer);
    const write = () => {
      hashWritten = Date.now();
      if (location.hash === "#" + day) return;
      try { history.replaceState(null, "", "#" + day); } catch (e) { /* an address that cannot change: keep the page working */ }
    };
    if (Date.now() - hashWritten > 250) write(); else hashTimer = setTimeout(write, 250);
  }

  function show(i, linked) {
    i = Math.max(0, Math.min(DATA.days - 1, i));
    say("");
    slider.value = String(i);
    const day = dayText(i), s = segmentAt(i);
    dateBox.value = day;
    if (linked !== false) writeHash(day);
    el("day").textContent = day;
    slider.setAttribute("aria-valuetext", day);
    const claimed = {};
    s.k.forEach((c) => { if (c[0] >= 0) (claimed[c[0]] = claimed[c[0]] || []).push(c[2]); });
    heldLine.style.display = heldShown(i) ? "" : "none";
    if (heldKey) heldKey.classList.toggle("off", !heldShown(i));
    cells.forEach((c, j) => {
      if (!c) return;
      const who = ctrl[Number(s.p[j])];
      if (c.dataset.controller !== who[0]) { c.dataset.controller = who[0]; c.setAttribute("fill", who[2]); }
    });
    dots.forEach((c, j) => {
      const who = ctrl[Number(s.p[j])], hollow = s.a[j] === "1", open = claimed[j];
      c.setAttribute("data-controller", who[0]);
      c.setAttribute("data-claims", open ? String(open.length) : "0");
      c.setAttribute("fill", hollow ? "none" : who[2]);
      c.setAttribute("stroke", hollow ? who[2] : open ? "#333333" : "#ffffff");
      c.setAttribute("stroke-dasharray", open ? "2 1.5" : "");
      c.firstChild.textContent = alsoCalled(places[j]) + ": " + who[1] + (hollow ? " (announced by one party only)" : "")
        + (open ? "\nOpen claim: " + open.join("\nOpen claim: ") : "");
    });
    const banner = el("uncertain");
    banner.hidden = !s.u.length;
    el("uncertain-head").textContent = s.u.length ? "The answer for " + day + " is uncertain: " + (s.u.length === 1 ? "one event is" : s.u.length + " events are")
      + " dated only within a window that contains this day: each may or may not have happened yet. The map shows them as not yet in force (each takes effect on the last day of its window)." : "";
    banner.querySelector("ul").innerHTML = s.u.map((u) => {
      const e = DATA.uncertain[u];
      return '<li data-event="' + esc(e[0]) + '" title="' + esc(e[0]) + '">' + esc(e[2]) + ' <span class="window">(dated ' + esc(e[1]).replace("/", " to ")
        + "; in force from " + esc(e[3]) + ")</span></li>";
    }).join("");
    el("claims-head").textContent = "Open claims (" + s.k.length + ")";
    el("claims").innerHTML = s.k.length ? s.k.map((c) => '<li data-claim="' + esc(c[1]) + '"><strong>' + esc(c[1]) + "</strong>: " + esc(c[2]) + "</li>").join("") : "<li>None on this day.</li>";
    el("state").textContent = s.x ? "The de facto state exists as the " + s.x + "." : "The de facto state does not exist.";
    document.querySelector("#districts tbody").innerHTML = DATA.territories.map(([id, name], j) => {
      const t = s.t[j];
      return '<tr data-territory="' + id + '" data-controller="' + ctrl[t[0]][0] + '"><td>' + esc(name) + "</td><td>" + esc(ctrl[t[0]][1])
        + "</td><td>" + (t[1] >= 0 ? esc(ctrl[t[1]][1]) : "") + "</td><td>" + t[2] + "</td></tr>";
    }).join("");
    el("conditions").textContent = "Conditions: " + Object.entries(s.c).map(([key, v]) => key + " = " + v).join(", ");
    const evs = DATA.events[String(i)] || [];
    el("events").innerHTML = evs.length ? evs.map((e) =>
      '<li data-event="' + esc(e[0]) + '"><strong>' + esc(e[1]) + "</strong> " + esc(e[3]) + (e[5] ? " <em>(" + esc(e[5]) + ")</em>" : "")
      + '<div class="src">' + e[6].map((src) => src[1] ? '<a href="' + esc(src[1]) + '">' + esc(src[0]) + "</a>" : esc(src[0])).join("; ") + "</div></li>"
    ).join("") : "<li>Nothing took effect on this day.</li>";
  }
  function showLinked(text, quiet) {
    const got = dayIndex(text);
    if (got.error) { show(0, false); say(got.error); return; }
    show(got.i, quiet ? false : undefined);
  }

  /* Moving: slider, keys, buttons, date box, #YYYY-MM-DD in the address, play. */
  const nextChange = (i) => changeDays.find((d) => d > i);
  function jump(direction) {
    const i = Number(slider.value);
    const target = direction > 0 ? nextChange(i) : [...changeDays].reverse().find((d) => d < i);
    if (target !== undefined) show(target);
  }
  slider.addEventListener("input", () => show(Number(slider.value)));
  slider.addEventListener("keydown", (ev) => {
    if (ev.key === "PageDown") { ev.preventDefault(); jump(1); }
    if (ev.key === "PageUp") { ev.preventDefault(); jump(-1); }
  });
  el("next").addEventListener("click", () => jump(1));
  el("prev").addEventListener("click", () => jump(-1));
  dateBox.addEventListener("change", () => {
    if (!dateBox.value) { say("Not a whole day: pick or type one from " + DATA.first + " to " + lastText + "."); return; }
    const got = dayIndex(dateBox.value);
    if (got.error) say(got.error); else show(got.i);
  });
  const hashDay = () => { try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return location.hash.slice(1); } };
  window.addEventListener("hashchange", () => { if (location.hash) showLinked(hashDay(), true); });
  let timer = null;
  const play = el("play");
  function stop() { clearInterval(timer); timer = null; play.textContent = "play"; play.setAttribute("aria-pressed", "false"); }
  play.addEventListener("click", () => {
    if (timer) { stop(); return; }
    if (nextChange(Number(slider.value)) === undefined) show(0);
    play.textContent = "pause"; play.setAttribute("aria-pressed", "true");
    timer = setInterval(() => { const before = Number(slider.value); jump(1); if (Number(slider.value) === before) stop(); }, 600);
  });
  let pending = 0;
  window.addEventListener("resize", () => { cancelAnimationFrame(pending); pending = requestAnimationFrame(layoutLabels); });
  window.karabakhShow = show;
  layoutLabels();
  if (location.hash) showLinked(hashDay(), true); else show(0, false);
})();
