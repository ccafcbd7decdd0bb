"""The ``karabakh-status`` command line: its arguments, and the exit codes of ``main``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from . import _commands as c
from ._catalogue import cmd_actors, cmd_places
from ._commands import EXIT_DATA, EXIT_OK, EXIT_USAGE
from ._errors import KarabakhStatusError, LogError
from ._export_command import cmd_export
from ._place_commands import cmd_place
from ._vocabulary import ACTOR_KINDS

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]


class _Version(argparse.Action):
    """``--version``: the package's version and the bundled data's revision (read only when asked)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kw: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=kw.get("help"))  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import version

        from ._bundled import data_version

        v = data_version()
        sys.stdout.write(
            f"karabakh-status {version('karabakh-status')}; data revision {v.revision} "
            f"(last reviewed {v.last_recorded}), {v.digest}\n"
        )
        parser.exit()


def _command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, summary: str, example: str
) -> argparse.ArgumentParser:
    """A subcommand whose help says what it does and shows an example."""
    return sub.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``karabakh-status``."""
    p = argparse.ArgumentParser(
        prog="karabakh-status",
        description="The political status of Nagorno-Karabakh on any day, from a sourced event log. "
        "Days are written YYYY-MM-DD; 'karabakh-status COMMAND --help' describes each command.",
        epilog="example:\n  karabakh-status at 2020-11-25",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action=_Version, help="print the version and the data revision, and exit")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp: argparse.ArgumentParser, *, as_of: bool = True, as_json: bool = True) -> None:
        sp.add_argument("--log", metavar="PATH", help="read this log instead of the bundled one")
        if as_of:
            sp.add_argument(
                "--as-of", metavar="REVISION|DAY", help="pin to the first N events, or those recorded by DAY"
            )
        if as_json:
            sp.add_argument("--json", action="store_true", help="print JSON instead of a table")

    at = _command(
        sub,
        "at",
        "the status on DAY: who held each district, the de facto state, conditions",
        "karabakh-status at 2020-11-25",
    )
    at.add_argument("day", metavar="DAY", help="a day as YYYY-MM-DD")
    at.add_argument("--uncertain", action="store_true", help="list the events dated only within a window around DAY")
    common(at)
    at.set_defaults(run=c.cmd_at)

    ch = _command(
        sub,
        "changes",
        "what took effect from FROM to TO, both included, each real change as before → after",
        "karabakh-status changes 2020-11-20 2020-11-25",
    )
    ch.add_argument("start", metavar="FROM", help="the first day shown (YYYY-MM-DD)")
    ch.add_argument("end", metavar="TO", help="the last day shown (YYYY-MM-DD)")
    common(ch)
    ch.set_defaults(run=c.cmd_changes)

    ev = _command(
        sub,
        "events",
        "the records in force, in date order, filtered, with what each does (--all: every line, marked)",
        "karabakh-status events --type recognition --actor Maine",
    )
    ev.add_argument(
        "--type", choices=("status-change", "statement", "recognition", "correction"), help="only events of this kind"
    )
    ev.add_argument("--actor", metavar="NAME", help="only events of this actor (its id or name, any case)")
    ev.add_argument("--log-order", action="store_true", help="in the order of the log's lines, not by date")
    ev.add_argument(
        "--all", action="store_true", help="also corrections and the records they superseded or retracted, marked"
    )
    common(ev)
    ev.set_defaults(run=c.cmd_events)

    ve = _command(
        sub,
        "verify",
        "validate a log: exit 0 if sound, 1 listing its problems (the first 20, and a count)",
        "karabakh-status verify my-events.jsonl",
    )
    ve.add_argument("path", nargs="?", metavar="PATH", help="the log to check (default: the bundled one)")
    common(ve, as_of=False, as_json=False)
    ve.set_defaults(run=c.cmd_verify)

    ap = _command(
        sub,
        "append",
        "append one event (a JSON object) to a log, safely",
        "karabakh-status append my-events.jsonl event.json",
    )
    ap.add_argument("path", metavar="PATH", help="the log to append to (created if missing)")
    ap.add_argument("event", metavar="EVENT.json", help="a file with one event as JSON, or - for standard input")
    ap.set_defaults(run=c.cmd_append)

    re_ = _command(
        sub,
        "repair",
        "remove a torn last line (after a backup) and seal the hash chain",
        "karabakh-status repair my-events.jsonl",
    )
    re_.add_argument("path", metavar="PATH", help="the log to repair")
    re_.set_defaults(run=c.cmd_repair)

    pa = _command(
        sub,
        "panel",
        "the status for every day from FROM to TO (inclusive), as a table or CSV",
        "karabakh-status panel 2020-09-27 2020-12-01 --csv --out panel.csv",
    )
    pa.add_argument("start", metavar="FROM", help="the first day (YYYY-MM-DD)")
    pa.add_argument("end", metavar="TO", help="the last day (YYYY-MM-DD)")
    pa.add_argument(
        "--table",
        choices=("control", "daily"),
        default="control",
        help="control: a row per day and territory (default); daily: a row per day",
    )
    pa.add_argument("--csv", action="store_true", help="write CSV (with a header row)")
    pa.add_argument("--out", metavar="FILE", help="write the CSV to FILE instead of standard output")
    common(pa, as_json=False)
    pa.set_defaults(run=c.cmd_panel)

    sc = _command(sub, "schema", "print the JSON Schema of a log line", "karabakh-status schema > event.schema.json")
    sc.set_defaults(run=c.cmd_schema)

    pl = _command(
        sub,
        "plot",
        "draw a chart to a PNG/SVG/PDF file (needs the 'plot' extra)",
        "karabakh-status plot control --out control.png",
    )
    pl.add_argument(
        "chart", choices=("control", "recognitions"), help="who held each territory, or recognitions in force"
    )
    pl.add_argument("--out", metavar="FILE", required=True, help="the file to write (.png, .svg or .pdf)")
    pl.add_argument("--dpi", type=int, default=150, help="resolution of a PNG, 10 to 1200 (default 150)")
    common(pl, as_json=False)
    pl.set_defaults(run=c.cmd_plot)

    mp = _command(
        sub,
        "map",
        "a map of DAY (--out, needs the 'plot' extra), or a self-contained page of FROM..TO with a day slider (--html)",
        "karabakh-status map 2020-11-20 --out map.png\n  karabakh-status map 2020-09-27 2020-12-31 --html page.html",
    )
    mp.add_argument("start", metavar="DAY|FROM", help="the day to draw, or the first day of the page")
    mp.add_argument("end", metavar="TO", nargs="?", help="the last day of the page (with --html)")
    mp.add_argument("--out", metavar="FILE", help="write the map of DAY to FILE (.png, .svg or .pdf)")
    mp.add_argument("--html", metavar="FILE", help="write a self-contained HTML page of FROM..TO to FILE")
    mp.add_argument("--dpi", type=int, default=150, help="resolution of a PNG, 10 to 1200 (default 150)")
    common(mp, as_json=False)
    mp.set_defaults(run=c.cmd_map)

    gj = _command(
        sub,
        "geojson",
        "every place on DAY as GeoJSON (RFC 7946), with its controller",
        "karabakh-status geojson 2020-11-20 --out day.geojson",
    )
    gj.add_argument("day", metavar="DAY", help="a day as YYYY-MM-DD")
    gj.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    common(gj, as_json=False)
    gj.set_defaults(run=c.cmd_geojson)

    pl = _command(
        sub,
        "place",
        "who held a town or village, run by run (or on one day with --on), with its names and coordinates",
        'karabakh-status place "Mets Shen" --on 2021-06-01',
    )
    pl.add_argument("name", metavar="NAME", help="a place id or any of its names (case and diacritics ignored)")
    pl.add_argument("--on", metavar="DAY", help="only who held it on DAY")
    pl.add_argument("--from", dest="start", metavar="DAY", help="the first day (default 1988-01-01)")
    pl.add_argument(
        "--to", dest="end", metavar="DAY", help="the last day (default: the day the record was last reviewed)"
    )
    common(pl)
    pl.set_defaults(run=cmd_place)

    ps = _command(
        sub,
        "places",
        "every place that can be asked about (of one district with --district), and who held each --on a day",
        "karabakh-status places --district Hadrut --on 2020-10-20",
    )
    ps.add_argument("--district", metavar="NAME", help="only the places of this district (its id or any name)")
    ps.add_argument("--on", metavar="DAY", help="add who held each place on DAY, and on what basis")
    ps.add_argument("--unlocated", action="store_true", help="only the places without known coordinates")
    common(ps)
    ps.set_defaults(run=cmd_places)

    ac = _command(
        sub,
        "actors",
        "every actor that can be asked about, with how many records in force each made or announced",
        "karabakh-status actors --kind un-member-state",
    )
    ac.add_argument("--kind", choices=ACTOR_KINDS, help="only actors of this kind")
    common(ac)
    ac.set_defaults(run=cmd_actors)

    ex = _command(
        sub,
        "export",
        "write the log and its daily answers to DIR as a Frictionless Data Package (CSV, and Parquet with pyarrow)",
        "karabakh-status export out/ --from 2020-09-27 --to 2020-12-31",
    )
    ex.add_argument("directory", metavar="DIR", help="the folder for datapackage.json and the tables (made if missing)")
    ex.add_argument(
        "--from", dest="start", metavar="DAY", help="the first day of the daily tables (default 1988-01-01)"
    )
    ex.add_argument(
        "--to", dest="end", metavar="DAY", help="the last day of the daily tables (default: the log's last)"
    )
    common(ex, as_json=False)
    ex.set_defaults(run=cmd_export)

    di = _command(
        sub,
        "diff",
        "every run of days whose answers differ between revisions A and B, with the events responsible",
        "karabakh-status diff 251 latest --from 2020-09-27 --to 2020-12-31",
    )
    di.add_argument("a", metavar="A", help="a revision: a number of events, a recorded day (YYYY-MM-DD), or latest")
    di.add_argument("b", metavar="B", help="the other revision, in the same forms")
    di.add_argument("--from", dest="start", metavar="DAY", help="the first day compared (default 1988-01-01)")
    di.add_argument("--to", dest="end", metavar="DAY", help="the last day compared (default: the later log's last)")
    common(di, as_of=False)
    di.set_defaults(run=c.cmd_diff)
    return p


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit code (0 fine, 1 data problem, 2 usage error)."""
    out = out or sys.stdout
    parser = build_parser()
    given = sys.argv[1:] if argv is None else list(argv)
    if not given:  # bare `karabakh-status`: what it can do, not an error
        parser.print_help(out)
        return EXIT_OK
    args = parser.parse_args(given)
    try:
        code: int = args.run(args, out)
        out.flush()
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except LogError as exc:  # the data is bad
        sys.stderr.write(f"karabakh-status: {exc}\n")
        return EXIT_DATA
    except KarabakhStatusError as exc:  # the request is bad; anything else is a bug, and shows its traceback
        sys.stderr.write(f"karabakh-status: {exc}\n")
        return EXIT_USAGE
    return code
