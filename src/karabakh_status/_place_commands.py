"""The ``place`` command: one place, its names, where it is, and who held it run by run, with the claims about it."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Final, TextIO

from ._commands import EXIT_OK, UsageError, _as_of, _history, _reviewed_note, _table
from ._dates import COVERAGE_START
from ._history import History
from ._place_history import PlaceRun

__all__ = ["cmd_place"]


_HOW: Final = {"named": "named", "whole-territory": "whole district", "initial": "initial"}


def _run_row(run: PlaceRun) -> list[str]:
    d = run.to_dict()
    claims = "; ".join(f"{c.by} {c.event.date}" for c in run.state.claims) or "-"
    return [
        str(d["first"]),
        str(d["last"]),
        str(d["controller"]),
        str(d["basis"] or "-"),
        _HOW[run.state.scope],
        str(d["event"] or "-"),
        claims,
    ]


def _district_named(h: History, name: str) -> str | None:
    """The district ``name`` would mean where a district is asked for (``Status.controller`` reads it so), or None."""
    from ._errors import KarabakhStatusError

    try:
        kind, found = h.places.gazetteer().resolve(name)
    except (KarabakhStatusError, KeyError):
        return None
    return found if kind == "territory" else None


def cmd_place(args: argparse.Namespace, out: TextIO) -> int:
    from ._place_history import place_history

    h = _history(args)
    p = h.place(args.name)
    if args.on is not None and (args.start is not None or args.end is not None):
        raise UsageError("--on asks about one day; leave out --from and --to")
    start, end = (args.on, args.on) if args.on is not None else (args.start or COVERAGE_START, args.end)
    runs: tuple[PlaceRun, ...] = place_history(p.id, start=start, end=end, as_of=_as_of(args.as_of), history=h)
    if args.json:
        data = {
            "place": {
                **{k: getattr(p, k) for k in ("id", "name", "kind", "lat", "lon", "territory", "rayon", "geonames")},
                "names": list(p.names),
                "source": {"work": p.source.work, "url": p.source.url},
                "note": p.note,
            },
            "runs": [r.to_dict() for r in runs],
        }
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    where = f"{p.kind} of the {p.territory} district" + (f" ({p.rayon})" if p.rayon else "")
    at = f"{p.lat:.5f} N {p.lon:.5f} E" if p.lat is not None and p.lon is not None else "no coordinates known"
    out.write(f"{p.name} ({p.id}), {where}, {at}\n")
    district = _district_named(h, args.name)
    if district is not None:
        out.write(
            f"Note: {args.name!r} also names the {district} district; this is the {p.kind}. For the district: "
            f"karabakh-status places --district {district} (its places), or at DAY (its holder).\n"
        )
    if p.names:
        out.write(textwrap.fill("Also: " + ", ".join(p.names), width=100, subsequent_indent="  ") + "\n")
    if p.located:
        out.write(f"Coordinates from: {p.source.work}" + (f", {p.source.url}" if p.source.url else "") + "\n\n")
    else:
        out.write(f"Recorded from: {p.source.work}" + (f", {p.source.url}" if p.source.url else "") + "\n")
        out.write(f"No coordinates: {p.no_coordinates}\n\n")
    if args.on is not None:
        _reviewed_note(h, runs[0].first, out)
        s = runs[0].state
        how = {"named": "named by", "whole-territory": "set with its whole district by"}.get(s.scope, "")
        event = s.event.id if s.event is not None else "no event (the initial state)"
        basis = f"; {s.basis}" if s.basis else ""
        line = f"On {runs[0].first}: held by {s.controller} since {s.since}{basis} ({how} {event})"
        out.write(line.replace("( ", "(") + "\n")
        for c in s.claims:
            out.write(textwrap.fill("Open claim: " + c.describe(), 100, subsequent_indent="  ") + "\n")
        return EXIT_OK
    _table([["from", "to", "holder", "basis", "how", "event", "open claims"], *(_run_row(r) for r in runs)], out)
    claims = h.timeline(_as_of(args.as_of)).claims.of(h.places.position[p.id])
    if claims:
        out.write("\nClaims about it:\n")
        for c in claims:
            out.write(textwrap.fill(c.describe(), 100, initial_indent="  ", subsequent_indent="    ") + "\n")
    return EXIT_OK
