"""The ``karabakh-status`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ._append import append
from ._chain import chain_path
from ._convert import event_to_dict
from ._errors import KarabakhStatusError, LogError
from ._events import Event, Recognition, Statement
from ._history import History, Revision, load
from ._integrity import repair, verify
from ._status import Status

__all__ = ["main"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class UsageError(KarabakhStatusError):
    """A bad argument or an output that cannot be written: exit code 2."""


def _write_file(path: str, write: Any) -> None:
    """Call ``write(path)``, reporting a path that cannot be written as a usage error."""
    try:
        write(path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _history(args: argparse.Namespace) -> History:
    if args.log is None:
        from ._bundled import default_history

        return default_history()
    return load(args.log)


def _as_of(text: str | None) -> Revision:
    if text is None:
        return None
    return int(text) if text.isascii() and text.isdigit() else text


def _table(rows: Sequence[Sequence[str]], out: TextIO) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")


def status_json(s: Status) -> dict[str, Any]:
    """The stable JSON form of a :class:`Status` (see the CLI docs)."""
    return {
        "day": s.day.isoformat(),
        "territories": {
            k: {
                "controller": v.controller,
                "since": v.since.isoformat(),
                "partial": v.partial,
                "other_holder": v.other_holder,
                "event": v.event.id if v.event else None,
            }
            for k, v in s.territories.items()
        },
        "artsakh": {
            "exists": s.artsakh.exists,
            "name": s.artsakh.name,
            "stage": s.artsakh.stage,
            "since": s.artsakh.since.isoformat(),
            "event": s.artsakh.event.id if s.artsakh.event else None,
        },
        "conditions": dict(s.conditions),
        "recognitions": [r.id for r in s.recognitions],
        "statements": [e.id for e in s.statements],
        "uncertain": [e.id for e in s.uncertain],
    }


def _print_status(s: Status, h: History, out: TextIO) -> None:
    a = s.artsakh
    out.write(f"Status on {s.day}   ({h.name}, {len(h)} events)\n\n")
    state = f"exists as the {a.name}" if a.exists else "does not exist"
    out.write(f"De facto state: {state}" + (f" ({a.stage} {a.since})" if a.stage else "") + "\n\n")
    rows = [["territory", "controller", "since", "partial (other holder)"]]
    for tid, t in s.territories.items():
        rows.append([tid, t.controller, t.since.isoformat(), f"yes ({t.other_holder})" if t.partial else ""])
    _table(rows, out)
    out.write("\nConditions: " + ", ".join(f"{k} = {v}" for k, v in s.conditions.items()) + "\n")
    recs = s.recognitions
    by_level = Counter(r.level for r in recs)
    detail = ", ".join(f"{k} {v}" for k, v in sorted(by_level.items()))
    out.write(f"Recognitions in force: {len(recs)}" + (f" ({detail})" if detail else "") + "\n")
    stmts = s.statements
    out.write(f"Statements made so far: {len(stmts)}")
    out.write(f"; latest: {stmts[-1].date} {stmts[-1].summary}\n" if stmts else "\n")
    for e in s.uncertain:
        out.write(f"Uncertain on this day: {e.id} (dated {e.date}, {e.date.precision})\n")


def _event_line(e: Event) -> list[str]:
    who = e.actor if isinstance(e, Statement | Recognition) else ""
    return [str(e.date), e.type, who, e.summary]


def _cmd_at(args: argparse.Namespace, out: TextIO) -> int:
    h = _history(args)
    s = h.status_at(args.day, as_of=_as_of(args.as_of))
    if args.json:
        json.dump(status_json(s), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        _print_status(s, h, out)
    return EXIT_OK


def _print_events(events: Sequence[Event], args: argparse.Namespace, out: TextIO) -> None:
    if args.json:
        json.dump([event_to_dict(e) for e in events], out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif events:
        _table([["date", "type", "actor", "summary"], *map(_event_line, events)], out)
    else:
        out.write("(no events)\n")


def _cmd_changes(args: argparse.Namespace, out: TextIO) -> int:
    h = _history(args)
    _print_events(h.changes_between(args.start, args.end, as_of=_as_of(args.as_of)), args, out)
    return EXIT_OK


def _cmd_events(args: argparse.Namespace, out: TextIO) -> int:
    h = _history(args)
    events = h.events(as_of=_as_of(args.as_of))
    if args.type:
        events = tuple(e for e in events if e.type == args.type)
    if args.actor:
        events = tuple(e for e in events if getattr(e, "actor", None) == args.actor)
    _print_events(events, args, out)
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace, out: TextIO) -> int:
    from ._bundled import bundled_log_path

    path = args.path or args.log or str(bundled_log_path())
    problems = verify(path)
    for p in problems:
        out.write(f"{p}\n")
    if problems:
        out.write(f"{len(problems)} problem(s) in {path}\n")
        return EXIT_DATA
    v = load(path).data_version()
    sealed = chain_path(path).exists()
    chain = "hash chain intact" if sealed else "no hash chain (run 'karabakh-status repair' to seal it)"
    out.write(f"ok: {path}: {v.revision} events, {chain}, {v.digest}\n")
    return EXIT_OK


def _cmd_append(args: argparse.Namespace, out: TextIO) -> int:
    try:
        raw = sys.stdin.read() if args.event == "-" else Path(args.event).read_text(encoding="utf-8")
        obj = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the event {args.event}: {exc}") from None
    event = append(args.path, obj)
    out.write(f"appended {event.id} to {args.path}\n")
    return EXIT_OK


def _cmd_repair(args: argparse.Namespace, out: TextIO) -> int:
    report = repair(args.path)
    if report.removed_bytes:
        out.write(f"removed a torn last line ({report.removed_bytes} bytes); backup: {report.backup}\n")
    if report.sealed:
        out.write(f"sealed {report.sealed} line(s) in the hash chain\n")
    out.write(f"ok: {args.path}: {report.events} events\n")
    return EXIT_OK


def _cmd_panel(args: argparse.Namespace, out: TextIO) -> int:
    from ._export import panel_csv, panel_rows

    h = _history(args)
    if args.csv:
        text = panel_csv(args.start, args.end, table=args.table, history=h, as_of=_as_of(args.as_of))
        if args.out:
            _write_file(args.out, lambda p: Path(p).write_text(text, encoding="utf-8"))
            out.write(f"wrote {args.out}\n")
        else:
            out.write(text)
        return EXIT_OK
    from ._export import CONTROL_COLUMNS, DAILY_COLUMNS

    header = CONTROL_COLUMNS if args.table == "control" else DAILY_COLUMNS
    rows = panel_rows(args.start, args.end, table=args.table, history=h, as_of=_as_of(args.as_of))
    _table([list(header), *([("" if c is None else str(c)) for c in r] for r in rows)], out)
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from ._schema import log_schema

    json.dump(log_schema(), out, indent=2)
    out.write("\n")
    return EXIT_OK


def _cmd_plot(args: argparse.Namespace, out: TextIO) -> int:
    try:
        from . import plot
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    h = _history(args)
    try:
        figure = plot.control_timeline(h) if args.chart == "control" else plot.recognitions(h)
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    _write_file(args.out, lambda p: figure.savefig(p, dpi=args.dpi, bbox_inches="tight"))
    out.write(f"wrote {args.out}\n")
    return EXIT_OK


def _cmd_geojson(args: argparse.Namespace, out: TextIO) -> int:
    h = _history(args)
    data = h.status_at(args.day, as_of=_as_of(args.as_of)).to_geojson()
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if args.out:
        _write_file(args.out, lambda p: Path(p).write_text(text, encoding="utf-8"))
        out.write(f"wrote {args.out} ({len(data['features'])} places)\n")
    else:
        out.write(text)
    return EXIT_OK


def _cmd_map(args: argparse.Namespace, out: TextIO) -> int:
    h = _history(args)
    if args.html:
        if args.end is None:
            raise UsageError("map --html needs a span of days: karabakh-status map FROM TO --html page.html")
        from ._page import write_timeline_page

        _write_file(args.html, lambda p: write_timeline_page(p, args.start, args.end, history=h))
        out.write(f"wrote {args.html}\n")
        return EXIT_OK
    if args.end is not None:
        raise UsageError("map FROM TO draws a page: add --html page.html (or give one DAY with --out)")
    if not args.out:
        raise UsageError("map DAY needs --out FILE.png|svg|pdf (or FROM TO --html page.html)")
    try:
        from . import plot

        figure = plot.control_map(args.start, history=h)
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    _write_file(args.out, lambda p: figure.savefig(p, dpi=args.dpi, bbox_inches="tight"))
    out.write(f"wrote {args.out}\n")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``karabakh-status``."""
    p = argparse.ArgumentParser(
        prog="karabakh-status",
        description="The political status of Nagorno-Karabakh on any day, from a sourced event log.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp: argparse.ArgumentParser, *, as_of: bool = True, as_json: bool = True) -> None:
        sp.add_argument("--log", metavar="PATH", help="read this log instead of the bundled one")
        if as_of:
            sp.add_argument(
                "--as-of", metavar="REVISION|DAY", help="pin to the first N events, or those recorded by DAY"
            )
        if as_json:
            sp.add_argument("--json", action="store_true", help="print JSON instead of a table")

    at = sub.add_parser("at", help="the status on DAY")
    at.add_argument("day", metavar="DAY", help="a day as YYYY-MM-DD")
    common(at)
    at.set_defaults(run=_cmd_at)

    ch = sub.add_parser("changes", help="what took effect after FROM, up to and including TO")
    ch.add_argument("start", metavar="FROM")
    ch.add_argument("end", metavar="TO")
    common(ch)
    ch.set_defaults(run=_cmd_changes)

    ev = sub.add_parser("events", help="the log, filtered")
    ev.add_argument("--type", choices=("status-change", "statement", "recognition", "correction"))
    ev.add_argument("--actor", metavar="ID", help="only events of this actor")
    common(ev)
    ev.set_defaults(run=_cmd_events)

    ve = sub.add_parser("verify", help="validate a log: exit 0 if sound, 1 listing each problem")
    ve.add_argument("path", nargs="?", metavar="PATH")
    common(ve, as_of=False, as_json=False)
    ve.set_defaults(run=_cmd_verify)

    ap = sub.add_parser("append", help="append one event (a JSON object) to a log, safely")
    ap.add_argument("path", metavar="PATH")
    ap.add_argument("event", metavar="EVENT.json", help="a file with one event as JSON, or - for standard input")
    ap.set_defaults(run=_cmd_append)

    re_ = sub.add_parser("repair", help="remove a torn last line (after a backup) and seal the hash chain")
    re_.add_argument("path", metavar="PATH")
    re_.set_defaults(run=_cmd_repair)

    pa = sub.add_parser("panel", help="the status for every day from FROM to TO (inclusive), as a table or CSV")
    pa.add_argument("start", metavar="FROM")
    pa.add_argument("end", metavar="TO")
    pa.add_argument(
        "--table",
        choices=("control", "daily"),
        default="control",
        help="control: a row per day and territory (default); daily: a row per day",
    )
    pa.add_argument("--csv", action="store_true", help="write CSV (with a header row)")
    pa.add_argument("--out", metavar="FILE", help="write the CSV to FILE instead of standard output")
    common(pa, as_json=False)
    pa.set_defaults(run=_cmd_panel)

    sc = sub.add_parser("schema", help="print the JSON Schema of a log line")
    sc.set_defaults(run=_cmd_schema)

    pl = sub.add_parser("plot", help="draw a chart to a PNG/SVG/PDF file (needs the 'plot' extra)")
    pl.add_argument("chart", choices=("control", "recognitions"))
    pl.add_argument("--out", metavar="FILE", required=True)
    pl.add_argument("--dpi", type=int, default=150)
    common(pl, as_of=False, as_json=False)
    pl.set_defaults(run=_cmd_plot)

    mp = sub.add_parser(
        "map",
        help="a map of DAY (--out FILE.png|svg, needs the 'plot' extra), "
        "or a page of FROM..TO with a day slider (--html)",
        description="Draw who held each place: 'map 2020-11-20 --out map.png', or a self-contained page with a "
        "day slider: 'map 2020-09-27 2020-12-31 --html page.html'.",
    )
    mp.add_argument("start", metavar="DAY|FROM", help="the day to draw, or the first day of the page")
    mp.add_argument("end", metavar="TO", nargs="?", help="the last day of the page (with --html)")
    mp.add_argument("--out", metavar="FILE", help="write the map of DAY to FILE (.png, .svg or .pdf)")
    mp.add_argument("--html", metavar="FILE", help="write a self-contained HTML page of FROM..TO to FILE")
    mp.add_argument("--dpi", type=int, default=150)
    common(mp, as_of=False, as_json=False)
    mp.set_defaults(run=_cmd_map)

    gj = sub.add_parser(
        "geojson",
        help="every place on DAY as GeoJSON (RFC 7946), with its controller",
        description="Print (or --out) the day's places as a GeoJSON FeatureCollection: "
        "'geojson 2020-11-20 --out day.geojson'.",
    )
    gj.add_argument("day", metavar="DAY")
    gj.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    common(gj, as_json=False)
    gj.set_defaults(run=_cmd_geojson)
    return p


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit code (0 fine, 1 data problem, 2 usage error)."""
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args, out)
    except LogError as exc:  # the data is bad
        sys.stderr.write(f"karabakh-status: {exc}\n")
        return EXIT_DATA
    except KarabakhStatusError as exc:  # the request is bad; anything else is a bug, and shows its traceback
        sys.stderr.write(f"karabakh-status: {exc}\n")
        return EXIT_USAGE
    return code
