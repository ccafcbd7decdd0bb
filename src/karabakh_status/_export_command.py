"""The ``export`` command: the data package written, with what it holds said (rows and sizes) and shown as it goes."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Final, TextIO

from ._commands import EXIT_OK, UsageError, _as_of, _history, _table
from ._vocabulary import TERRITORIES

__all__ = ["EXPORT_WARN_ROWS", "cmd_export"]


#: Above this many daily control rows, ``export`` says before it starts how many it will write.
EXPORT_WARN_ROWS: Final = 1_000_000


def _size(size: int) -> str:
    """A file size for people: ``"5.5 MB"``, ``"7.8 kB"``."""
    return f"{size / 1e6:,.1f} MB" if size >= 1e6 else f"{size / 1e3:,.1f} kB"


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from ._package import export_days, export_package

    h = _history(args)
    as_of = _as_of(args.as_of)
    first, last = export_days(h, as_of, args.start, args.end)
    days = last - first + 1
    control_rows = days * (len(TERRITORIES) + len(h.places.ids))
    if control_rows > EXPORT_WARN_ROWS:
        sys.stderr.write(
            f"karabakh-status: {days:,} days: about {control_rows:,} rows of control.csv (a row per district and "
            f"place a day); --from and --to write fewer days\n"
        )
    live = sys.stderr.isatty()

    def progress(name: str, rows: int) -> None:
        if live:
            sys.stderr.write(f"\r  {name}: {rows:,} rows".ljust(48))
            sys.stderr.flush()

    try:
        path = export_package(args.directory, history=h, as_of=as_of, start=args.start, end=args.end, progress=progress)
    except OSError as exc:
        raise UsageError(f"cannot write {args.directory}: {exc.strerror or exc}") from None
    if live:
        sys.stderr.write("\r".ljust(49) + "\r")
    package = json.loads(path.read_text(encoding="utf-8"))
    about = package["karabakh_status"]
    out.write(f"wrote {path}: revision {about['revision']}, days {about['first_day']} to {about['last_day']}\n")
    rows = [["file", "rows", "size"]]
    total = 0
    for resource in package["resources"]:
        total += resource["bytes"]
        rows.append([resource["path"], f"{int(resource['description'].split()[0]):,}", _size(resource["bytes"])])
    parquet = sorted(path.parent.glob("*.parquet"))
    extra = sum(p.stat().st_size for p in parquet if p.stem in {r["name"] for r in package["resources"]})
    _table(rows, out)
    copies = f", and {_size(extra)} of Parquet copies" if extra else ""
    out.write(f"{_size(total)} of CSV in {len(package['resources'])} tables{copies}\n")
    return EXIT_OK
