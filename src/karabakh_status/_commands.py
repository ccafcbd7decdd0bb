"""What each ``karabakh-status`` command does, and how it prints its answer."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, TextIO

import pendulum

from ._append import append
from ._chain import chain_path
from ._claim_text import print_claims
from ._convert import event_to_dict
from ._dates import Revision, day_ordinal
from ._errors import KarabakhStatusError
from ._events import Event, StatusChange
from ._history import History
from ._integrity import repair, verify
from ._listing import event_rows, in_force
from ._load import load
from ._status import Status

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "UsageError"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
#: How many problems ``verify`` lists before it only counts the rest.
VERIFY_SHOWN = 20


class UsageError(KarabakhStatusError):
    """A bad argument or an output that cannot be written: exit code 2."""


def _write_file(path: str, write: Any) -> None:
    """Call ``write(path)``, reporting a path that cannot be written as a usage error."""
    try:
        write(path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _history(args: argparse.Namespace) -> History:
    from ._bundled import history_or_default

    return history_or_default(None if args.log is None else load(args.log))


def _as_of(text: str | None) -> Revision:
    """A revision argument: a number of events, a recorded day, or ``latest`` (the whole log, as by default)."""
    if text is None or text == "latest":
        return None
    return int(text) if text.isascii() and text.isdigit() else text


def _table(rows: Sequence[Sequence[str]], out: TextIO) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")


def _reviewed_note(h: History, day: pendulum.Date, out: TextIO) -> None:
    """Say so when the log is empty, or when ``day`` is after the day the record was last reviewed."""
    last = h.data_version().last_recorded
    if last is None:
        out.write(f"Note: the log {h.name} is empty: every answer is the initial state of 1988-01-01.\n\n")
    elif day > pendulum.Date.fromisoformat(last):
        out.write(f"Note: the record was last reviewed on {last}; what happened after that day is not in it.\n\n")


def _print_status(s: Status, h: History, out: TextIO, *, list_uncertain: bool = False) -> None:
    a = s.artsakh
    out.write(f"Status on {s.day}   ({h.name}, {len(h)} events)\n\n")
    _reviewed_note(h, s.day, out)
    state = f"exists as the {a.name}" if a.exists else "does not exist"
    out.write(f"De facto state: {state}" + (f" ({a.stage} {a.since})" if a.stage else "") + "\n\n")
    rows = [["territory", "controller", "since", "held in part by others"]]
    for tid, t in s.territories.items():
        rows.append([tid, t.controller, t.since.isoformat(), ", ".join(t.holders[1:])])
    _table(rows, out)
    out.write("\nConditions: " + ", ".join(f"{k} = {v}" for k, v in s.conditions.items()) + "\n")
    recs = s.recognitions
    by_level = Counter(r.level for r in recs)
    detail = ", ".join(f"{k} {v}" for k, v in sorted(by_level.items()))
    out.write(f"Recognitions in force: {len(recs)}" + (f" ({detail})" if detail else "") + "\n")
    stmts = s.statements
    out.write(f"Statements made so far: {len(stmts)}")
    out.write(f"; latest: {stmts[-1].date} {stmts[-1].summary}\n" if stmts else "\n")
    uncertain = s.uncertain
    if uncertain and not list_uncertain:
        out.write(f"Uncertain on this day: {len(uncertain)} events dated within a window (--uncertain lists them)\n")
    elif list_uncertain:
        out.write(f"Uncertain on this day: {len(uncertain)}\n")
        for e in uncertain:
            out.write(f"  {e.date} ({e.date.precision})  {e.id}\n")
    print_claims(s.claims, out)


def cmd_at(args: argparse.Namespace, out: TextIO) -> int:
    h = _history(args)
    s = h.status_at(args.day, as_of=_as_of(args.as_of))
    if args.json:
        json.dump(s.to_dict(), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        _print_status(s, h, out, list_uncertain=args.uncertain)
    return EXIT_OK


def _print_events(
    events: Sequence[Event], args: argparse.Namespace, out: TextIO, h: History, *, marked: bool = False
) -> None:
    if args.json:
        json.dump([event_to_dict(e) for e in events], out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif events:
        _table(event_rows(events, h.events(as_of=_as_of(getattr(args, "as_of", None))), marked=marked), out)
    elif not len(h):
        out.write(f"(no events: the log {h.name} is empty)\n")
    else:
        out.write("(no events)\n")


def cmd_changes(args: argparse.Namespace, out: TextIO) -> int:
    h = _history(args)
    as_of = _as_of(args.as_of)
    first, last = day_ordinal(args.start), day_ordinal(args.end)
    if first > last:
        raise UsageError(f"FROM ({args.start}) is after TO ({args.end})")
    changes = h.timeline(as_of).effective_between(first - 1, last)  # FROM included, like every range command
    if args.json or not changes:
        _print_events(changes, args, out, h)
        return EXIT_OK
    width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 160))
    for e in changes:
        out.write(f"{e.date}  {e.type}  {e.id}\n")
        out.write(textwrap.fill(e.summary, width, initial_indent="    ", subsequent_indent="    ") + "\n")
        if isinstance(e, StatusChange):
            before = h.status_at(e.effective.subtract(days=1), as_of=as_of) if e.effective > _FIRST_DAY else None
            after = h.status_at(e.effective, as_of=as_of)
            for line in _transitions(e, before, after):
                out.write(textwrap.fill(line, width, initial_indent="    ", subsequent_indent="      ") + "\n")
    return EXIT_OK


_FIRST_DAY = pendulum.Date(1988, 1, 1)


def _held(state: Any) -> str:
    rest = getattr(state, "other_holder", None) if getattr(state, "partial", False) else None
    return f"{state.controller}" + (f" (part; rest {rest})" if rest else "")


def _transitions(e: StatusChange, before: Status | None, after: Status) -> list[str]:
    """Each territory, place, condition or state step the change touches: ``name: before → after``."""
    lines = []
    for t in e.territories:
        was = _held(before.territories[t]) if before else "ussr"
        if was != _held(after.territories[t]):
            lines.append(f"{t}: {was} → {_held(after.territories[t])}")
    for p in e.places:
        if p in after.places:
            old = (before.places[p].controller, before.places[p].basis) if before else ("ussr", None)
            new = (after.places[p].controller, after.places[p].basis)
            if old[0] != new[0]:
                lines.append(f"{p}: {old[0]} → {new[0]}" + (f" [{new[1]}]" if new[1] else ""))
            elif old[1] != new[1]:
                lines.append(f"{p}: {new[0]}, basis {old[1] or 'none'} → {new[1] or 'none'}")
            elif e.basis == "claimed":
                lines.append(f"{p}: claimed by {e.announced_by}; still {new[0]}")
    if e.condition is not None:
        was = before.conditions[e.condition] if before else "none"
        if was != after.conditions[e.condition]:
            lines.append(f"{e.condition}: {was} → {after.conditions[e.condition]}")
    if e.state is not None:
        lines.append(f"de facto state: {e.state}" + (f" ({e.name})" if e.name else ""))
    return lines


def cmd_events(args: argparse.Namespace, out: TextIO) -> int:
    h = _history(args)
    events = h.events(as_of=_as_of(args.as_of))
    if not args.all:  # the records in force: no corrections, nothing they superseded or retracted
        events = tuple(in_force(events))
    if args.type:
        events = tuple(e for e in events if e.type == args.type)
    if args.actor:
        wanted = h.actor(args.actor).id  # an unknown actor is an error, not "(no events)"
        events = tuple(
            e for e in events if getattr(e, "actor", None) == wanted or getattr(e, "announced_by", None) == wanted
        )
    if not args.log_order:
        events = tuple(sorted(events, key=lambda e: (e.date.latest, e.date.earliest)))  # as they take effect
    _print_events(events, args, out, h, marked=args.all)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, out: TextIO) -> int:
    from ._bundled import bundled_log_path

    if args.path and args.log:
        raise UsageError("give the log to verify either as PATH or with --log, not both")
    path = args.path or args.log or str(bundled_log_path())
    problems = verify(path)
    for p in problems[:VERIFY_SHOWN]:
        out.write(f"{p}\n")
    if len(problems) > VERIFY_SHOWN:
        out.write(f"... and {len(problems) - VERIFY_SHOWN} more\n")
    if problems:
        out.write(f"{len(problems)} problem(s) in {path}\n")
        return EXIT_DATA
    v = load(path).data_version()
    sealed = chain_path(path).exists()
    chain = "hash chain intact" if sealed else "no hash chain (run 'karabakh-status repair' to seal it)"
    out.write(f"ok: {path}: {v.revision} events, {chain}, {v.digest}\n")
    return EXIT_OK


def cmd_append(args: argparse.Namespace, out: TextIO) -> int:
    try:
        raw = sys.stdin.read() if args.event == "-" else Path(args.event).read_text(encoding="utf-8")
        obj = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the event {args.event}: {exc}") from None
    event = append(args.path, obj)
    out.write(f"appended {event.id} to {args.path}\n")
    return EXIT_OK


def cmd_repair(args: argparse.Namespace, out: TextIO) -> int:
    report = repair(args.path)
    if report.removed_bytes:
        out.write(f"removed a torn last line ({report.removed_bytes} bytes); backup: {report.backup}\n")
    if report.sealed:
        out.write(f"sealed {report.sealed} line(s) in the hash chain\n")
    out.write(f"ok: {args.path}: {report.events} events\n")
    return EXIT_OK


def cmd_panel(args: argparse.Namespace, out: TextIO) -> int:
    from ._export import panel_csv, panel_rows

    h = _history(args)
    if args.csv:
        text = panel_csv(args.start, args.end, table=args.table, history=h, as_of=_as_of(args.as_of))
        return _emit(args, out, text, "")
    from ._export import CONTROL_COLUMNS, DAILY_COLUMNS

    header = CONTROL_COLUMNS if args.table == "control" else DAILY_COLUMNS
    rows = panel_rows(args.start, args.end, table=args.table, history=h, as_of=_as_of(args.as_of))
    _table([list(header), *([("" if c is None else str(c)) for c in r] for r in rows)], out)
    return EXIT_OK


def _emit(args: argparse.Namespace, out: TextIO, text: str, what: str) -> int:
    """Write ``text`` to ``--out`` (and say so, with ``what``) or, without it, to standard output."""
    if args.out:
        _write_file(args.out, lambda p: Path(p).write_text(text, encoding="utf-8"))
        out.write(f"wrote {args.out}{what}\n")
    else:
        out.write(text)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from ._schema import log_schema

    json.dump(log_schema(), out, indent=2)
    out.write("\n")
    return EXIT_OK


#: The figure formats ``plot`` and ``map`` write, and the resolutions they accept.
FIGURE_SUFFIXES: Final = (".png", ".svg", ".pdf")
DPI_RANGE: Final = (10, 1200)


def _pinned(h: History, args: argparse.Namespace) -> History:
    """``h`` as of ``--as-of``: the history of its first events only, when the option pins it to fewer."""
    return h.pinned(_as_of(args.as_of))


def _save_figure(args: argparse.Namespace, out: TextIO, draw: Any) -> int:
    """Draw a figure with ``draw(plot_module)`` and save it to ``--out`` (the 'plot' extra is needed)."""
    suffix = Path(args.out).suffix.lower()
    if suffix not in FIGURE_SUFFIXES:
        raise UsageError(f"--out: expected a file ending in .png, .svg or .pdf; got {args.out!r}")
    low, high = DPI_RANGE
    if not low <= args.dpi <= high:
        raise UsageError(f"--dpi: expected a resolution from {low} to {high} dots per inch; got {args.dpi}")
    try:
        from . import plot

        figure = draw(plot)
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    _write_file(args.out, lambda p: figure.savefig(p, dpi=args.dpi, bbox_inches="tight"))
    out.write(f"wrote {args.out}\n")
    return EXIT_OK


def cmd_plot(args: argparse.Namespace, out: TextIO) -> int:
    h = _pinned(_history(args), args)
    if args.chart == "control":
        return _save_figure(args, out, lambda plot: plot.control_timeline(history=h))
    return _save_figure(args, out, lambda plot: plot.recognitions(history=h))


def cmd_geojson(args: argparse.Namespace, out: TextIO) -> int:
    h = _history(args)
    as_of = _as_of(args.as_of)
    data = h.status_at(args.day, as_of=as_of).to_geojson()
    revision = h.revision(as_of)
    # What to cite: the revision answered from, and the digest of the log (of the whole log, as read).
    data["data"] = {"source": h.name, "revision": revision, "log_digest": h.data_version().digest}
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    unlocated = f", {data['unlocated']} more without coordinates" if data["unlocated"] else ""
    return _emit(args, out, text, f" ({len(data['features'])} places{unlocated})")


def cmd_map(args: argparse.Namespace, out: TextIO) -> int:
    h = _pinned(_history(args), args)
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
    return _save_figure(args, out, lambda plot: plot.control_map(args.start, history=h))


def _revision(text: str) -> Revision:
    """A revision argument: a number of events, a recorded day, or ``latest`` (the whole log)."""
    return None if text == "latest" else _as_of(text)


def cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    from ._diff import diff

    h = _history(args)
    changes = diff(_revision(args.a), _revision(args.b), history=h, start=args.start, end=args.end)
    if args.json:
        json.dump([ch.to_dict() for ch in changes], out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif changes:
        rows = [["from", "to", "subject", "before", "after", "events"]]
        rows += [
            [ch.first.isoformat(), ch.last.isoformat(), ch.subject, ch.before, ch.after, " ".join(ch.events)]
            for ch in changes
        ]
        _table(rows, out)
    else:
        out.write("(no answer differs)\n")
    return EXIT_OK
