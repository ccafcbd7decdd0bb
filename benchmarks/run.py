"""Benchmarks of karabakh_status, printed as one table with their targets.

    python benchmarks/run.py --quick      # under 2 minutes: sizes 10^3..10^5
    python benchmarks/run.py              # full: adds 10^6 events, more repeats
    python benchmarks/run.py --json out.json   # also keep the raw numbers

Every number is the median of repeated runs, measured side by side in the same
run as the floor or reference it is compared with:

* cold start: wall time of fresh processes (``python -c ...``);
* warm query: ``status_at`` per call (timeit), against a naive reference that
  replays the whole bundled log for every query, and a zoneinfo lookup;
* daily panel: the status of every day from 1988-01-01 to today;
* load: ``karabakh_status.load`` of synthetic logs (``benchmarks/generate.py``)
  against bare ``json.loads`` of the same lines, with peak RSS measured in a
  fresh process per size;
* scaling: warm query time and the memory of the index (the Timeline) as the
  log grows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

try:  # run from a checkout without an install: use src/ (and pass it on to children)
    import karabakh_status  # noqa: F401
except ImportError:  # pragma: no cover - depends on the environment
    sys.path.insert(0, str(REPO / "src"))
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))

MU = "\u00b5"  # micro sign
TIMES = "\u00d7"
LE, GE = "\u2264", "\u2265"
QUERY_DAY = "2020-11-10"
COVERAGE_START = dt.date(1988, 1, 1)
MB = 1024 * 1024


# -- formatting --------------------------------------------------------------


def fmt_time(seconds: float) -> str:
    if seconds < 0.9995e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} {MU}s" if seconds < 1e-5 else f"{seconds * 1e6:.1f} {MU}s"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_bytes(n: float) -> str:
    if n < 10 * 1024:
        return f"{n:.0f} B"
    if n < 10 * MB:
        return f"{n / 1024:.0f} KB"
    return f"{n / MB:.1f} MB"


def fmt_ratio(r: float) -> str:
    if r <= 0:
        return "-"
    if r < 0.1:
        return f"1/{1 / r:,.0f}"
    return f"{r:.2f}{TIMES}"


def fmt_rate(per_s: float) -> str:
    return f"{per_s:,.0f} ev/s"


def size_label(n: int) -> str:
    exp = len(str(n)) - 1
    return f"10^{exp}" if n == 10**exp else f"{n:,}"


class Table:
    """Rows of: section, measurement, median, compared with, its median, ratio, target, met."""

    HEAD = ("section", "measurement", "median", "compared with", "its median", "ratio", "target", "met")

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def add(
        self, section: str, what: str, value: str, *compare: str, target: str = "", met: bool | str | None = None
    ) -> None:
        """One row; ``compare`` is (compared with, its median, ratio), as far as given."""
        verdict = met if isinstance(met, str) else {True: "met", False: "NOT MET", None: ""}[met]
        ref, ref_value, ratio = (*compare, "", "", "")[:3]
        self.rows.append((section, what, value, ref, ref_value, ratio, target, verdict))

    def render(self) -> str:
        widths = [max(len(r[i]) for r in [self.HEAD, *self.rows]) for i in range(len(self.HEAD))]

        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

        out = [line(self.HEAD), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        out.extend(line(r) for r in self.rows)
        return "\n".join(out)


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- machine -------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    meminfo = ""
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
        for text in Path("/proc/meminfo").read_text().splitlines():
            if text.startswith("MemTotal"):
                meminfo = f"{int(text.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    from importlib.metadata import version

    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        usable = os.cpu_count() or 0
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "memory": meminfo,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "versions": {p: version(p) for p in ("karabakh-status", "attrs", "cattrs", "pendulum")},
        "load_average": os.getloadavg(),
    }


# -- timing helpers --------------------------------------------------------------


#: Seconds each timed repeat of a micro-benchmark lasts at least (``--quick`` lowers it).
REPEAT_SECONDS = 0.2
AB_ROUNDS = 5  # rounds of the in-process load A/B (7 in a full run)


def _calibrated(stmt: str, namespace: dict[str, Any]) -> tuple[timeit.Timer, int]:
    """A timer for ``stmt`` and how many executions last about ``REPEAT_SECONDS``."""
    timer = timeit.Timer(stmt, globals=namespace)
    number = 1
    while (elapsed := timer.timeit(number)) < REPEAT_SECONDS / 4:
        number *= 10 if elapsed < REPEAT_SECONDS / 400 else 2
    return timer, max(1, round(number * REPEAT_SECONDS / max(elapsed, 1e-9)))


def per_call_each(stmts: dict[str, str], namespace: dict[str, Any], repeat: int) -> dict[str, float]:
    """Median seconds per execution of each statement (timeit; gc off while timing, as timeit does).

    The repeats are interleaved (one of each statement in turn), so that
    whatever else the machine does falls on all of them alike.
    """
    timers = {k: _calibrated(stmt, namespace) for k, stmt in stmts.items()}
    samples: dict[str, list[float]] = {k: [] for k in stmts}
    for _ in range(repeat):
        for k, (timer, number) in timers.items():
            samples[k].append(timer.timeit(number) / number)
    return {k: statistics.median(v) for k, v in samples.items()}


def total_times(fns: Sequence[Callable[[], object]], repeat: int) -> list[float]:
    """Median wall seconds of each ``fn()``, gc on as in real use, the repeats interleaved."""
    samples: list[list[float]] = [[] for _ in fns]
    for fn in fns:
        fn()
    for _ in range(repeat):
        for fn, times in zip(fns, samples, strict=True):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
    return [statistics.median(times) for times in samples]


# -- cold start ------------------------------------------------------------------

COLD = {
    "pass": "pass",
    "attrs": "import attrs",
    "floor": "import attrs, cattrs, pendulum",
    "import": "import karabakh_status",
    # The first answer, read: a day's status, a district's holder and the de facto state's name.
    "query": f"import karabakh_status as ks; s = ks.status_at({QUERY_DAY!r}); s.controller('lachin'), s.artsakh.name",
}

BREAKDOWN = f"""
import time
t0 = time.perf_counter()
import attrs, cattrs, pendulum
t1 = time.perf_counter()
import karabakh_status as ks
from karabakh_status import _bundled
t2 = time.perf_counter()
h = _bundled.default_history()
t3 = time.perf_counter()
h.timeline()
t4 = time.perf_counter()
s = ks.status_at({QUERY_DAY!r})
s.controller("lachin"), s.artsakh.name
t5 = time.perf_counter()
s.controller("Hadrut")
t6 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)
"""


#: The environment of the cold-start processes: .pyc files may be written and read, as in a normal install.
#: (With PYTHONDONTWRITEBYTECODE set, as on some machines, an editable install's modules would be compiled
#: from source in every process, while the installed wheels of attrs, cattrs and pendulum carry their .pyc.)
COLD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cold_start(table: Table, runs: int, results: dict[str, Any]) -> None:
    progress(f"cold start: {len(COLD)} commands x {runs} fresh processes")
    times: dict[str, list[float]] = {k: [] for k in COLD}
    for code in COLD.values():  # warm the OS cache and write the .pyc files
        subprocess.run([sys.executable, "-c", code], check=True, env=COLD_ENV)
    for i in range(runs):
        keys = list(COLD)
        keys = keys[i % len(keys) :] + keys[: i % len(keys)]  # rotate, so no command always goes first
        for key in keys:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", COLD[key]], check=True, env=COLD_ENV)
            times[key].append(time.perf_counter() - t0)
    med = {k: statistics.median(v) for k, v in times.items()}
    parts: list[list[float]] = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", BREAKDOWN], check=True, capture_output=True, text=True, env=COLD_ENV
        )
        parts.append([float(x) for x in out.stdout.split()])
    part = [statistics.median(col) for col in zip(*parts, strict=True)]
    results["cold_start"] = {"median_s": med, "runs": runs, "breakdown_s": part}

    s = "cold start"
    table.add(s, "python -c pass", fmt_time(med["pass"]))
    table.add(s, "import attrs", fmt_time(med["attrs"]))
    table.add(s, "import attrs, cattrs, pendulum (floor)", fmt_time(med["floor"]))
    budget = med["attrs"] + 0.010
    table.add(
        s,
        "import karabakh_status",
        fmt_time(med["import"]),
        "import attrs",
        fmt_time(med["attrs"]),
        fmt_ratio(med["import"] / med["attrs"]),
        target=f"{LE} import attrs + 10 ms",
        met=med["import"] <= budget,
    )
    ratio = med["query"] / med["floor"]
    table.add(
        s,
        f"import + status_at({QUERY_DAY!r}) + 2 answers read",
        fmt_time(med["query"]),
        "floor",
        fmt_time(med["floor"]),
        fmt_ratio(ratio),
        target=f"{LE} 1.15{TIMES} floor",
        met=ratio <= 1.15,
    )
    names = [
        "import attrs+cattrs+pendulum",
        "import karabakh_status modules",
        "load bundled log (compiled: checked, not parsed)",
        "its timeline (compiled: not folded)",
        "first status_at, 2 answers read",
        "then a first place (names read, places decoded)",
    ]
    for name, t in zip(names, part, strict=True):
        table.add(s, f"  in-process: {name}", fmt_time(t))


# -- warm query --------------------------------------------------------------------


def snapshot_reference(events: Sequence[Any]) -> Callable[[object], Any]:
    """The territories, de facto state and conditions of a day, replayed from the start per query.

    A lighter reference than :func:`naive_reference`: it is given the
    correction-filtered events sorted by effective day once, and folds only
    the snapshot (no recognitions, statements or uncertain events).
    """
    from karabakh_status._data import bundled_index
    from karabakh_status._dates import day_ordinal
    from karabakh_status._events import Correction
    from karabakh_status._fold import apply, effect_rank, initial_snapshot

    index = bundled_index()
    dropped = {e.target for e in events if isinstance(e, Correction)}
    ordered = sorted(
        (e for e in events if not isinstance(e, Correction) and e.id not in dropped),
        key=lambda e: (e.effective.toordinal(), effect_rank(e)),
    )

    def replay_snapshot(when: object) -> Any:
        ordinal = day_ordinal(when)
        state = initial_snapshot(index)
        for e in ordered:
            if e.effective.toordinal() > ordinal:
                break
            state = apply(state, e, index)
        return state

    return replay_snapshot


def naive_reference(events: Sequence[Any]) -> Callable[[object], tuple[Any, ...]]:
    """``status_at`` the naive way: replay the whole log for every query.

    Each query drops the corrected events, orders the rest by effective day
    (log order within a day), and folds them up to the day into everything a
    :class:`~karabakh_status.Status` holds: the snapshot (territories, the de
    facto state, conditions), the recognitions in force, the statements made
    and the events still uncertain.
    """
    from karabakh_status._data import bundled_index
    from karabakh_status._dates import day_ordinal
    from karabakh_status._events import Correction, Recognition, Statement, StatusChange
    from karabakh_status._fold import apply, effect_rank, initial_snapshot

    log = tuple(events)
    index = bundled_index()

    def replay_status_at(when: object) -> tuple[Any, ...]:
        ordinal = day_ordinal(when)
        dropped = {e.target for e in log if isinstance(e, Correction)}
        live = sorted(
            (e for e in log if not isinstance(e, Correction) and e.id not in dropped),
            key=lambda e: (e.effective.toordinal(), effect_rank(e)),
        )
        state = initial_snapshot(index)
        open_by_actor: dict[str, list[Any]] = {}
        statements: list[Any] = []
        uncertain: list[Any] = []
        for k, e in enumerate(live):
            day = e.effective.toordinal()
            if e.date.earliest.toordinal() <= ordinal < day:
                uncertain.append(e)
            if day > ordinal:
                continue
            state = apply(state, e, index)
            if isinstance(e, Statement):
                statements.append(e)
            elif isinstance(e, StatusChange) and e.state == "dissolved":
                open_by_actor.clear()
            elif isinstance(e, Recognition):
                if e.action == "recognize":
                    open_by_actor.setdefault(e.actor, []).append((k, e))
                elif e.action == "withdraw":
                    open_by_actor.pop(e.actor, None)
        in_force = [r for _, r in sorted(kr for made in open_by_actor.values() for kr in made)]
        return state, in_force, statements, uncertain

    return replay_status_at


def cross_check(reference: Callable[[object], tuple[Any, ...]]) -> int:
    """Days around every change day on which the reference and status_at disagree."""
    import karabakh_status as ks

    tl = ks.default_history().timeline()
    days = {d.toordinal() + k for d in tl.change_days for k in (-1, 0, 1)} | {COVERAGE_START.toordinal()}
    for e in ks.events():
        days |= {e.date.earliest.toordinal() - 1, e.date.earliest.toordinal()}
    bad = 0
    for o in sorted(days):
        if o < COVERAGE_START.toordinal():
            continue
        d = dt.date.fromordinal(o)
        (state, in_force, statements, uncertain), got = reference(d), ks.status_at(d)
        want = (dict(state.territories), state.artsakh, dict(state.conditions), in_force, statements, uncertain)
        if want != (
            dict(got.territories),
            got.artsakh,
            dict(got.conditions),
            list(got.recognitions),
            list(got.statements),
            list(got.uncertain),
        ):
            bad += 1
    return bad


def warm_query(table: Table, repeat: int, results: dict[str, Any]) -> None:
    import zoneinfo

    import pendulum

    import karabakh_status as ks

    progress("warm query")
    h = ks.default_history()
    reference = naive_reference(h.events())
    mismatches = cross_check(reference)
    snapshot_ref = snapshot_reference(h.events())
    day = dt.date.fromisoformat(QUERY_DAY)
    aware = dt.datetime(2020, 11, 10, 12, 0, tzinfo=dt.UTC)
    today = dt.datetime.now(dt.UTC).date()
    iso_days = [dt.date.fromordinal(o).isoformat() for o in range(COVERAGE_START.toordinal(), today.toordinal() + 1)]
    ns: dict[str, Any] = {
        "status_at": ks.status_at,
        "h": h,
        "tl": h.timeline(),
        "memo": h._answers,  # the History's one answer cache, emptied by the "memo emptied" rows
        "reference": reference,
        "snapshot_ref": snapshot_ref,
        "day": day,
        "pday": pendulum.Date(2020, 11, 10),
        "iso": QUERY_DAY,
        "aware": aware,
        "paware": pendulum.instance(aware),
        "ordinal": day.toordinal(),
        "iso_days": iso_days,
        "ZoneInfo": zoneinfo.ZoneInfo,
        "naive_dt": aware.replace(tzinfo=None),
    }
    t = per_call_each(
        {
            "replay": "reference(day)",
            "replay_snapshot": "snapshot_ref(day)",
            "date": "status_at(day)",
            "pendulum": "status_at(pday)",
            "iso": "status_at(iso)",
            "iso_distinct": "for s in iso_days: status_at(s)",
            "aware": "status_at(aware)",
            "paware": "status_at(paware)",
            "history": "h.status_at(day)",
            "timeline": "tl.status(ordinal)",
            "zoneinfo": 'ZoneInfo("Asia/Baku").utcoffset(naive_dt)',
        },
        ns,
        repeat,
    )
    # The same queries with the remembered answers thrown away first (timed
    # apart, after the others, so that they empty the memo of no other row).
    t |= per_call_each(
        {
            "date_cold": "memo.clear(); status_at(day)",
            "iso_cold": "memo.clear(); status_at(iso)",
            "clear": "memo.clear()",
            "iso_distinct_cold": "memo.clear()\nfor s in iso_days: status_at(s)",
        },
        ns,
        repeat,
    )
    t["iso_distinct"] /= len(iso_days)
    t["iso_distinct_cold"] = (t["iso_distinct_cold"] - t["clear"]) / len(iso_days)
    t["date_cold"] = max(t["date_cold"] - t["clear"], 0.0)
    t["iso_cold"] = max(t["iso_cold"] - t["clear"], 0.0)
    results["warm_query"] = {"per_call_s": t, "replay_mismatching_days": mismatches, "events": len(h)}

    s = "warm query"
    ref = f"replay reference ({len(h)} ev)"
    table.add(s, f"naive replay of the whole log per query (checked: {mismatches} days differ)", fmt_time(t["replay"]))
    table.add(
        s,
        "  lighter: replay of the pre-sorted log into the snapshot only",
        fmt_time(t["replay_snapshot"]),
        ref,
        fmt_time(t["replay"]),
        fmt_ratio(t["replay_snapshot"] / t["replay"]),
        target="(info)",
    )
    rows = [
        ("date", "status_at(datetime.date)", 1.5e-6),
        ("pendulum", "status_at(pendulum.Date)", None),
        ("iso", f"status_at('{QUERY_DAY}')", 2e-6),
        ("iso_distinct", f"status_at(ISO str), {len(iso_days):,} distinct days", 2e-6),
        ("date_cold", "status_at(datetime.date), memo emptied first", 1.5e-6),
        ("iso_cold", f"status_at('{QUERY_DAY}'), memo emptied first", 2e-6),
        ("iso_distinct_cold", f"status_at(ISO str), {len(iso_days):,} distinct days, memo emptied", 2e-6),
        ("aware", "status_at(aware datetime, UTC) (never remembered)", None),
        ("paware", "status_at(pendulum.DateTime, UTC) (never remembered)", None),
        ("history", "History.status_at(date) (no module wrapper)", None),
        ("timeline", "Timeline.status(ordinal) (internal floor)", None),
    ]
    for key, name, limit in rows:
        speedup = t["replay"] / t[key]
        checks = [(f"{GE}1000{TIMES}", speedup >= 1000)]
        target = f"{GE}1000{TIMES} faster"
        if limit is not None:
            checks.insert(0, (f"{limit * 1e6:g} {MU}s", t[key] <= limit))
            target = f"{LE} {limit * 1e6:g} {MU}s, {target}"
        failed = [what for what, ok in checks if not ok]
        met: str | None = f"NOT MET ({', '.join(failed)})" if failed else "met"
        if key in ("history", "timeline"):
            target, met = "(info)", None
        table.add(s, name, fmt_time(t[key]), ref, fmt_time(t["replay"]), fmt_ratio(1 / speedup), target=target, met=met)
    table.add(
        s,
        'ZoneInfo("Asia/Baku").utcoffset(dt) (lookup floor)',
        fmt_time(t["zoneinfo"]),
        ref,
        fmt_time(t["replay"]),
        fmt_ratio(t["zoneinfo"] / t["replay"]),
    )


# -- daily panel -----------------------------------------------------------------------


def daily_panel(table: Table, repeat: int, results: dict[str, Any]) -> None:
    import karabakh_status as ks

    progress("daily panel")
    h = ks.default_history()
    tl = h.timeline()
    today = dt.datetime.now(dt.UTC).date()
    days = [dt.date.fromordinal(o) for o in range(COVERAGE_START.toordinal(), today.toordinal() + 1)]
    ordinals = [d.toordinal() for d in days]

    def via_history() -> list[Any]:
        return [h.status_at(d) for d in days]

    def via_timeline() -> list[Any]:
        return [tl.status(o) for o in ordinals]

    def via_range() -> list[Any]:
        return h.status_range(days[0], days[-1])

    assert via_history() == via_timeline() == via_range()
    t_h, t_t, t_r = total_times([via_history, via_timeline, via_range], repeat)
    results["daily_panel"] = {"days": len(days), "history_s": t_h, "timeline_s": t_t, "status_range_s": t_r}
    s = "daily panel"
    span = f"{len(days):,} days {COVERAGE_START}..{today}"
    table.add(
        s,
        f"History.status_at per day, {span}",
        fmt_time(t_h),
        "per day",
        fmt_time(t_h / len(days)),
        "",
        target=f"{LE} 10 ms",
        met=t_h <= 0.010,
    )
    table.add(
        s,
        f"Timeline.status(ordinal) per day, {span}",
        fmt_time(t_t),
        "per day",
        fmt_time(t_t / len(days)),
        fmt_ratio(t_t / t_h) + " of above",
        target="(info)",
    )
    table.add(
        s,
        f"History.status_range (one walk), {span}",
        fmt_time(t_r),
        "per day",
        fmt_time(t_r / len(days)),
        fmt_ratio(t_r / t_h) + " of status_at per day",
        target=f"{LE} 10 ms",
        met=t_r <= 0.010,
    )
    place_panel(table, repeat, results, days)


def place_panel(table: Table, repeat: int, results: dict[str, Any], days: list[dt.date]) -> None:
    """Every place's controller on every day of coverage, walked by History.segments."""
    import tracemalloc

    import karabakh_status as ks

    h = ks.default_history()
    ids = [p.id for p in ks.places()]

    def panel() -> list[tuple[Any, int, tuple[str, ...]]]:
        rows = []
        for g in h.segments(days[0], days[-1]):
            controller = g.status.places.controller
            rows.append((g.first, g.days, tuple(map(controller, ids))))
        return rows

    rows = panel()
    place_days = sum(r[1] for r in rows) * len(ids)
    check = days[len(days) // 2]
    held = next(r for r in rows if r[0] <= check < r[0].add(days=r[1]))[2]
    assert held == tuple(h.status_at(check).places[p].controller for p in ids)
    (t,) = total_times([panel], repeat)
    gc.collect()
    tracemalloc.start()
    kept = panel()
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    results["place_panel"] = {"places": len(ids), "place_days": place_days, "seconds": t, "bytes": size}
    table.add(
        "daily panel",
        f"every place's controller, {len(ids)} places x {len(days):,} days (History.segments)",
        fmt_time(t),
        "per place-day",
        f"{t / place_days * 1e9:.1f} ns",
        f"{size / place_days:.2f} B/place-day",
        target=f"{LE} 50 ms",
        met=t <= 0.050,
    )


# -- load and scaling (one fresh process per size and loader) -------------------------


def _rss_bytes() -> int:
    """The peak resident set size of this process so far."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _reset_peak_rss() -> bool:
    """Lower this process's peak RSS to its current RSS (Linux), so that the
    import-time peak does not hide a small load; ``False`` where unsupported."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        return False
    return True


def _current_rss() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # pragma: no cover - not on Linux
        return 0


def _json_lines(path: str) -> list[Any]:
    """The parse floor: read, decode once, split, ``json.loads`` each line (the fastest plain way)."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


def ab_worker(path: str, rounds: int) -> dict[str, Any]:
    """Run in one fresh process: ``karabakh_status.load`` and the ``json.loads`` floor, alternated ``rounds`` times.

    The floor is measured twice per round, with the cyclic garbage collector
    on (plain code as a user writes it) and off (as the loader runs its own
    parse).  The order within a round rotates, so that no contender always
    runs right after another's garbage is freed.
    """
    import karabakh_status as ks
    from karabakh_status import _bundled, _history, _timeline  # noqa: F401 - imported before timing

    def floor_gc_off() -> Any:
        gc.disable()
        try:
            return _json_lines(path)
        finally:
            gc.enable()

    contenders: dict[str, Callable[[], Any]] = {
        "ks": lambda: ks.load(path),
        "json_gc_on": lambda: _json_lines(path),
        "json_gc_off": floor_gc_off,
    }
    names = list(contenders)
    times: dict[str, list[float]] = {k: [] for k in names}
    for r in range(rounds):
        for name in names[r % 3 :] + names[: r % 3]:
            gc.collect()
            t0 = time.perf_counter()
            loaded = contenders[name]()
            times[name].append(time.perf_counter() - t0)
            del loaded
    gc.collect()
    ratios_on = [k / j for k, j in zip(times["json_gc_on"], times["ks"], strict=True)]
    ratios_off = [k / j for k, j in zip(times["json_gc_off"], times["ks"], strict=True)]
    return {
        "rounds": rounds,
        "times": times,
        "median_ratio_gc_on": statistics.median(ratios_on),
        "median_ratio_gc_off": statistics.median(ratios_off),
    }


def worker(mode: str, path: str, repeat: int) -> dict[str, Any]:
    """Run in a fresh process: load ``path`` ``repeat`` times and measure (see ``load_scaling``)."""
    if mode == "ab":
        return ab_worker(path, repeat)
    import karabakh_status as ks

    # The modules a load uses, imported before the baseline: what is measured is the log, not the code.
    from karabakh_status import _bundled, _checks, _convert, _history, _load, _log, _timeline  # noqa: F401

    gc.collect()
    reset = _reset_peak_rss()
    base_peak, base_now = _rss_bytes(), _current_rss()
    t0 = time.perf_counter()
    loaded: Any = ks.load(path) if mode == "ks" else _json_lines(path)
    times = [time.perf_counter() - t0]
    out: dict[str, Any] = {
        "events": len(loaded),
        # The kernel's RSS counters are approximate: the peak is at least what is still resident.
        "peak_rss_delta": max(_rss_bytes() - base_peak, _current_rss() - base_now),
        "retained_rss_delta": _current_rss() - base_now,
        "peak_reset": reset,
    }
    if mode == "ks":
        import tracemalloc

        h = loaded
        t1 = time.perf_counter()
        tl = h.timeline()  # what the first query after a load pays
        out["timeline_build_s"] = time.perf_counter() - t1
        out["change_days"] = len(tl.change_days)
        del tl
        twin = ks.History(h.events())  # the same event objects, no timeline yet
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        tl = twin.timeline()
        after, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out["index_bytes"] = after - before
        out["index_peak_bytes"] = peak - before
        del tl, twin
        ns = {"h": h, "day": dt.date.fromisoformat(QUERY_DAY), "iso": QUERY_DAY}
        full = "s = h.status_at(day); s.territories; s.artsakh; s.conditions; s.recognitions; s.statements; s.uncertain"
        q = per_call_each(
            {"query": "h.status_at(day)", "query_iso": "h.status_at(iso)", "full_read": full},
            ns,
            min(7, max(3, repeat)),
        )
        out.update({f"{k}_s": v for k, v in q.items()})
        del h
    del loaded
    gc.collect()
    for _ in range(repeat - 1):
        t0 = time.perf_counter()
        loaded = ks.load(path) if mode == "ks" else _json_lines(path)
        times.append(time.perf_counter() - t0)
        del loaded
        gc.collect()
    out["load_s"] = statistics.median(times)
    out["load_runs"] = len(times)
    return out


def _run_worker(mode: str, path: Path, repeat: int) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, str(path), str(repeat)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def load_scaling(table: Table, sizes: Sequence[int], repeats: dict[int, int], results: dict[str, Any]) -> None:
    per_size: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="ks-bench-") as tmp:
        for n in sizes:
            path = Path(tmp) / f"log-{n}.jsonl"
            progress(f"load {size_label(n)}: generating")
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), str(n), "-o", str(path), "--seed", str(n)], check=True
            )
            file_size = path.stat().st_size
            progress(f"load {size_label(n)}: karabakh_status.load x{repeats[n]}")
            ks_res = _run_worker("ks", path, repeats[n])
            if ks_res["events"] != n:
                raise SystemExit(f"the {n}-event log loaded {ks_res['events']} events")
            progress(f"load {size_label(n)}: json.loads x{repeats[n]}")
            js_res = _run_worker("json", path, repeats[n])
            per_size[n] = {"file_bytes": file_size, "ks": ks_res, "json": js_res}
            if n == 10**5:
                progress(f"load {size_label(n)}: load and json.loads alternated x{AB_ROUNDS} in one process")
                per_size[n]["ab"] = _run_worker("ab", path, AB_ROUNDS)
            path.unlink()
    results["load_scaling"] = {str(n): v for n, v in per_size.items()}

    s = "load"
    for n, r in per_size.items():
        ks_rate = n / r["ks"]["load_s"]
        js_rate = n / r["json"]["load_s"]
        table.add(
            s,
            f"load {size_label(n)} ev ({r['file_bytes'] / n:.0f} B/ev), x{r['ks']['load_runs']}, separate processes",
            fmt_rate(ks_rate),
            "json.loads floor",
            fmt_rate(js_rate),
            fmt_ratio(ks_rate / js_rate),
        )
        ab = r.get("ab")
        if ab is not None:  # the verdict: alternated in one process, median of the per-round ratios
            ks_ab = n / statistics.median(ab["times"]["ks"])
            for floor, label in (("gc_on", "gc on"), ("gc_off", "gc off")):
                ratio = ab[f"median_ratio_{floor}"]
                table.add(
                    s,
                    f"load {size_label(n)} ev, alternated x{ab['rounds']} in one process",
                    fmt_rate(ks_ab),
                    f"json.loads floor, {label}",
                    fmt_rate(n / statistics.median(ab["times"][f"json_{floor}"])),
                    f"{fmt_ratio(ratio)} (median of rounds)",
                    target=f"{GE} 1.0{TIMES} json.loads" if floor == "gc_on" else "(info)",
                    met=(ratio >= 1.0) if floor == "gc_on" else None,
                )
    for n, r in per_size.items():
        peak = r["ks"]["peak_rss_delta"]
        at_target = n == 10**6
        table.add(
            s,
            f"peak RSS {size_label(n)} ev (retained {fmt_bytes(r['ks']['retained_rss_delta'])})",
            f"{fmt_bytes(peak)} = {peak / n:,.0f} B/ev",
            "json.loads RSS",
            f"{fmt_bytes(r['json']['peak_rss_delta'])}",
            fmt_ratio(peak / max(r["json"]["peak_rss_delta"], 1)),
            target=f"{LE} 1 KB/ev" if at_target else "",
            met=(peak / n <= 1024) if at_target else None,
        )
    if 10**6 not in per_size:
        table.add(s, "load / peak RSS at 10^6 ev", "not run", target=f"{LE} 1 KB/ev", met="not run (quick)")

    s = "scaling"
    smallest = min(per_size)
    q0 = per_size[smallest]["ks"]["query_s"]
    for n, r in per_size.items():
        q = r["ks"]["query_s"]
        at_target = n == 10**6
        table.add(
            s,
            f"warm h.status_at(date) at {size_label(n)} ev",
            fmt_time(q),
            f"at {size_label(smallest)}",
            fmt_time(q0),
            fmt_ratio(q / q0),
            target=f"{LE} 10{TIMES} at 10^3" if at_target else "",
            met=(q <= 10 * q0) if at_target else None,
        )
    for n, r in per_size.items():
        table.add(s, f"  status_at(ISO str) at {size_label(n)} ev", fmt_time(r["ks"]["query_iso_s"]))
        table.add(
            s,
            f"  status_at + read every field at {size_label(n)} ev",
            fmt_time(r["ks"]["full_read_s"]),
            f"at {size_label(smallest)}",
            fmt_time(per_size[smallest]["ks"]["full_read_s"]),
            fmt_ratio(r["ks"]["full_read_s"] / per_size[smallest]["ks"]["full_read_s"]),
        )
    for n, r in per_size.items():
        idx = r["ks"]["index_bytes"]
        at_target = n == 10**6
        table.add(
            s,
            f"index (Timeline) at {size_label(n)} ev, {r['ks']['change_days']:,} change days",
            f"{fmt_bytes(idx)} = {idx / n:,.0f} B/ev",
            "build time",
            fmt_time(r["ks"]["timeline_build_s"]),
            f"peak {fmt_bytes(r['ks']['index_peak_bytes'])}",
            target=f"{LE} 20 MB" if at_target else "",
            met=(idx <= 20 * MB) if at_target else None,
        )
    if 10**6 not in per_size:
        table.add(
            s, "query ratio / index at 10^6 ev", "not run", target=f"{LE} 10{TIMES}; {LE} 20 MB", met="not run (quick)"
        )


# -- main ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark karabakh_status; print one table with targets.")
    p.add_argument("--quick", action="store_true", help="fewer repeats, sizes up to 10^5 (under 2 minutes)")
    p.add_argument("--json", metavar="PATH", help="also write the raw results as JSON")
    p.add_argument(
        "--only",
        action="append",
        choices=("cold", "warm", "panel", "load"),
        help="run only this section (repeatable); the default is all four",
    )
    p.add_argument("--worker", nargs=3, metavar=("MODE", "PATH", "REPEAT"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        mode, path, repeat = args.worker
        print(json.dumps(worker(mode, path, int(repeat))))
        return 0

    started = time.perf_counter()
    info = machine()
    results: dict[str, Any] = {"machine": info, "mode": "quick" if args.quick else "full"}
    table = Table()
    global REPEAT_SECONDS
    if args.quick:
        REPEAT_SECONDS = 0.05
        sizes, repeats = [10**3, 10**4, 10**5], {10**3: 5, 10**4: 3, 10**5: 1}
        cold_runs, micro_repeat, panel_repeat = 7, 5, 7
    else:
        sizes, repeats = [10**3, 10**4, 10**5, 10**6], {10**3: 15, 10**4: 9, 10**5: 5, 10**6: 3}
        cold_runs, micro_repeat, panel_repeat = 31, 9, 21
    global AB_ROUNDS
    AB_ROUNDS = 5 if args.quick else 7
    only = set(args.only or ("cold", "warm", "panel", "load"))
    if "cold" in only:
        cold_start(table, cold_runs, results)
    if "warm" in only:
        warm_query(table, micro_repeat, results)
    if "panel" in only:
        daily_panel(table, panel_repeat, results)
    if "load" in only:
        load_scaling(table, sizes, repeats, results)
    elapsed = time.perf_counter() - started
    results["elapsed_s"] = elapsed

    versions = ", ".join(f"{k} {v}" for k, v in info["versions"].items())
    print(f"karabakh_status benchmarks ({results['mode']} mode, {elapsed:.0f} s), medians of repeated runs")
    print(
        f"machine: {info['platform']}; {info['cpu']}; {info['cpu_count']} CPUs "
        f"({info['cpus_usable']} usable); {info['memory']}"
    )
    print(f"python:  {info['python']}; {versions}")
    print(
        f"load average at start: {', '.join(f'{x:.2f}' for x in info['load_average'])}; "
        f"at end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print()
    print(table.render())
    met = sum(r[-1] == "met" for r in table.rows)
    missed = sum(r[-1].startswith("NOT MET") for r in table.rows)
    print(f"\ntargets: {met} met, {missed} not met")
    if args.json:
        results["table"] = [dict(zip(Table.HEAD, r, strict=True)) for r in table.rows]
        Path(args.json).write_text(json.dumps(results, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
