"""The ``places`` and ``actors`` commands: what can be asked for, listed and counted."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from ._commands import EXIT_OK, UsageError, _as_of, _history, _reviewed_note, _table
from ._events import Event
from ._listing import in_force

__all__ = ["cmd_actors", "cmd_places", "records_by_actor"]


def _where(lat: float | None, lon: float | None) -> str:
    return f"{lat:.5f} N {lon:.5f} E" if lat is not None and lon is not None else "-"


def cmd_places(args: argparse.Namespace, out: TextIO) -> int:
    """List the gazetteer's places (of one district with ``--district``), and who held each ``--on`` a day."""
    h = _history(args)
    gazetteer = h.places.gazetteer()
    places = gazetteer.places
    if args.district is not None:
        kind, found = gazetteer.resolve(args.district)
        if kind != "territory":
            raise UsageError(f"{args.district!r} is a place, not a district: ask 'karabakh-status place {found}'")
        places = tuple(p for p in places if p.territory == found)
    if args.unlocated:
        places = tuple(p for p in places if not p.located)
    status = h.status_at(args.on, as_of=_as_of(args.as_of)) if args.on is not None else None
    state = status.places if status is not None else None
    if args.json:
        rows = []
        for p in places:
            row: dict[str, object] = {
                "id": p.id,
                "name": p.name,
                "kind": p.kind,
                "district": p.territory,
                "lat": p.lat,
                "lon": p.lon,
                "names": list(p.names),
            }
            if state is not None:
                s = state[p.id]
                row["controller"], row["basis"] = s.controller, s.basis
                row["event"] = s.event.id if s.event is not None else None
            rows.append(row)
        json.dump({"on": args.on, "places": rows}, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    if not places:
        out.write("(no places)\n")
        return EXIT_OK
    if status is not None:
        _reviewed_note(h, status.day, out)
    header = ["id", "name", "kind", "district", "coordinates"] + (["holder", "basis"] if state is not None else [])
    table: list[list[str]] = [header]
    for p in places:
        cells = [p.id, p.name, p.kind, p.territory, _where(p.lat, p.lon)]
        if state is not None:
            s = state[p.id]
            cells += [s.controller, s.basis or "-"]
        table.append(cells)
    _table(table, out)
    located = sum(p.located for p in places)
    out.write(f"\n{len(places)} places, {located} with coordinates, {len(places) - located} without\n")
    return EXIT_OK


def records_by_actor(events: tuple[Event, ...]) -> dict[str, int]:
    """How many records in force (not corrections, nothing superseded or retracted) each actor made or announced.

    >>> import karabakh_status as ks
    >>> records_by_actor(ks.default_history().events())["maine"] >= 1
    True
    """
    counts: dict[str, int] = {}
    for e in in_force(events):
        who = getattr(e, "actor", None) or getattr(e, "announced_by", None)
        if who is not None:
            counts[who] = counts.get(who, 0) + 1
    return counts


def cmd_actors(args: argparse.Namespace, out: TextIO) -> int:
    """List the actors of the bundled data (of one kind with ``--kind``), with how many records in force each has."""
    h = _history(args)
    counts = records_by_actor(h.events(as_of=_as_of(args.as_of)))
    chosen = [a for a in h.actors.values() if args.kind is None or a.kind == args.kind]
    if args.json:
        data = [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "country": a.country,
                "iso": a.iso,
                "records": counts.get(a.id, 0),
            }
            for a in chosen
        ]
        json.dump({"actors": data}, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    rows = [["id", "name", "kind", "country", "iso", "records"]]
    rows += [[a.id, a.name, a.kind, a.country or "-", a.iso or "-", str(counts.get(a.id, 0))] for a in chosen]
    _table(rows, out)
    total = sum(counts.get(a.id, 0) for a in chosen)
    out.write(f"\n{len(chosen)} actors; {total} records in force name one of them as actor or announcer\n")
    return EXIT_OK
