"""The log and its daily answers written as a Frictionless Data Package (CSV, optional Parquet)."""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import pendulum

from ._article import ARTICLE
from ._bundled import history_or_default
from ._codebook import TABLES
from ._dates import COVERAGE_START, DayLike, Revision, When, day_span
from ._errors import InvalidArgumentError
from ._events import Correction, Event, StatusChange
from ._history import History
from ._version import __version__
from ._vocabulary import (
    CONDITIONS,
    TERRITORIES,
)

__all__ = ["TABLES", "edtf", "export_days", "export_package"]

_ARTICLE = ARTICLE.url
_WIKIPEDIA = f"{ARTICLE.citation}, and the works each event cites"


def edtf(when: When) -> str:
    """An event date in ISO 8601-2 (EDTF) form, made from its precision and window.

    >>> from karabakh_status.answers import parse_when
    >>> [edtf(parse_when(t)) for t in ("2020-11-10", "2012-10", "2017", "2020-10-04/2020-10-09", "../2001-07-04")]
    ['2020-11-10', '2012-10', '2017', '2020-10-04/2020-10-09', '../2001-07-04']
    """
    first, last = when.earliest, when.latest
    forms = {
        "day": first.isoformat(),
        "month": f"{first.year:04d}-{first.month:02d}",
        "year": f"{first.year:04d}",
        "range": f"{first.isoformat()}/{last.isoformat()}",
        "on-or-before": f"../{last.isoformat()}",
    }
    return forms[when.precision]


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ";".join(map(str, value))
    if isinstance(value, pendulum.Date):
        return value.isoformat()
    return value


def _event_rows(events: Sequence[Event]) -> Iterator[tuple[object, ...]]:
    corrected = {e.target: e.id for e in events if isinstance(e, Correction)}
    specific = [f["name"] for f in TABLES["events"]["fields"][12:]]
    for line, e in enumerate(events, 1):
        d = e.date
        common = (line, e.id, e.type, d.text, d.precision, d.earliest, d.latest, edtf(d), e.summary, e.recorded)
        rest = [getattr(e, name, None) for name in specific]
        if not (isinstance(e, StatusChange) and (e.territories or e.places)):
            rest[specific.index("partial")] = None  # partial means something only for a control change
        yield (*common, e.note, corrected.get(e.id), *rest)


def _daily_rows(history: History, start: int, end: int, as_of: Revision, table: str) -> Iterator[str]:
    """One of the four daily tables, walked over the runs of days on which no answer changes (not day by day)."""
    timeline = history.timeline(as_of)
    condition_events: dict[str, str | None] = dict.fromkeys(CONDITIONS)
    seen = 0
    for segment in history.segments(pendulum.Date.fromordinal(start), pendulum.Date.fromordinal(end), as_of=as_of):
        s, first = segment.status, segment.first.toordinal()
        rows: list[tuple[object, ...]]
        if table == "control":
            rows = [
                ("territory", k, t.controller, t.partial, t.other_holder, t.event.id if t.event else None)
                for k, t in s.territories.items()
            ]
            rows += [
                ("place", k, p.controller, False, None, p.event.id if p.event else None) for k, p in s.places.items()
            ]
        elif table == "artsakh":
            a = s.artsakh
            rows = [(a.exists, a.name, a.stage, a.event.id if a.event else None)]
        elif table == "conditions":
            for e in timeline.effective_between(seen, first):
                if isinstance(e, StatusChange) and e.condition is not None:
                    condition_events[e.condition] = e.id
            seen = first
            rows = [(c, v, condition_events[c]) for c, v in s.conditions.items()]
        else:
            rows = [(r.id, r.actor, r.level) for r in s.recognitions]
        rendered = [_render(row) for row in rows]  # each run's rows are formatted once, then written per day
        for ordinal in range(first, segment.last.toordinal() + 1):
            day = pendulum.Date.fromordinal(ordinal).isoformat()
            yield from (f"{day},{line}" for line in rendered)


def _render(row: Sequence[object]) -> str:
    """One CSV line: ``None`` empty, booleans ``true``/``false``, tuples ``;``-joined, days ISO."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([_cell(v) for v in row])
    return out.getvalue()


#: How often, in rows written, :func:`export_package` reports its progress on a table.
PROGRESS_EVERY: Final = 250_000
#: A report of progress: the file being written and how many rows are in it so far.
Progress = Callable[[str, int], None]


def _write_parquet(directory: Path, names: Iterable[str], progress: Progress | None = None) -> None:
    """A Parquet copy of each table, read back from its CSV with its schema's types (if pyarrow is installed)."""
    try:  # imported by name: pyarrow has no type information
        pa, pacsv, pq = (importlib.import_module(m) for m in ("pyarrow", "pyarrow.csv", "pyarrow.parquet"))
    except ImportError:
        return
    arrow = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }
    options: dict[str, Any] = {"true_values": ["true"], "false_values": ["false"], "null_values": [""]}
    for name in names:
        types = {f["name"]: arrow[f["type"]] for f in TABLES[name]["fields"]}
        convert = pacsv.ConvertOptions(column_types=types, strings_can_be_null=True, **options)
        table = pacsv.read_csv(directory / f"{name}.csv", convert_options=convert)
        pq.write_table(table, directory / f"{name}.parquet")
        if progress is not None:
            progress(f"{name}.parquet", table.num_rows)


def export_days(
    history: History, as_of: Revision = None, start: DayLike | None = None, end: DayLike | None = None
) -> tuple[int, int]:
    """The first and last day (as ordinals) that :func:`export_package` writes for these arguments.

    >>> import karabakh_status as ks
    >>> lo, hi = export_days(ks.default_history(), None, "2020-09-27", "2020-12-31")
    >>> hi - lo + 1
    96
    """
    return day_span(COVERAGE_START if start is None else start, history.last_day(as_of) if end is None else end)


#: The data's licence (the code's is MIT): every table of the package, and the files it is made from.
DATA_LICENCE: Final = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
#: Where the coordinates credited to GeoNames come from, with the credit its licence (CC BY 4.0) asks for.
GEONAMES: Final = {
    "title": "GeoNames (coordinates and names of the places whose source is a GeoNames feature), CC BY 4.0",
    "path": "https://www.geonames.org/",
}


def export_package(
    directory: str | os.PathLike[str],
    start: DayLike | None = None,
    end: DayLike | None = None,
    *,
    as_of: Revision = None,
    history: History | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the log and its daily answers to ``directory`` as a Frictionless Data Package; return its descriptor.

    Args:
        directory: The folder to write to.
        history: The log to read; ``None`` for the bundled one.
        as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its first N
            events) or a day (the events recorded by then).
        start: The first day (anything :func:`~karabakh_status.status_at` accepts).
        end: The last day, inclusive.
        progress: Called as ``progress(file_name, rows_so_far)`` every 250,000 rows of a table (``PROGRESS_EVERY``)
            and when each file is complete; ``None`` for silence.

    ``datapackage.json`` describes nine CSV tables, each with a Table Schema (types, enums from the vocabulary,
    primary and foreign keys; see the codebook): ``events``, ``sources``, ``actors``, ``territories``, ``places``,
    and for every day from ``start`` to ``end`` ``control`` (a row per territory or place), ``artsakh``,
    ``conditions`` and ``recognitions`` (a row per one in force).  ``start`` defaults to 1988-01-01, ``end`` to the
    later of the revision's last ``recorded`` day and the last day an event takes effect.  With ``pyarrow``
    installed each table is also written as ``NAME.parquet``.  The same revision gives the same bytes.
    ``directory`` is made if missing; files of these names in it are replaced.

    >>> import json, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> out = export_package(tmp.name, as_of=251, start="2020-11-24", end="2020-11-25")
    >>> package = json.loads(out.read_text())
    >>> [r["name"] for r in package["resources"]][:5], package["karabakh_status"]["revision"]
    (['events', 'sources', 'actors', 'territories', 'places'], 251)
    >>> print((out.parent / "control.csv").read_text().splitlines()[7])
    2020-11-24,territory,kalbajar,artsakh,false,,1993-04-03-kalbajar-captured
    >>> tmp.cleanup()
    """
    history = history_or_default(history)
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise InvalidArgumentError(f"expected a directory to write the package into; {str(target)!r} is a file")
    lo, hi = export_days(history, as_of, start, end)
    target.mkdir(parents=True, exist_ok=True)
    events = history.events(as_of=as_of)
    rows: dict[str, Iterable[Sequence[object]]] = {
        "events": _event_rows(events),
        "sources": ((e.id, i, s.work, s.refs, s.url) for e in events for i, s in enumerate(e.sources, 1)),
        "actors": ((a.id, a.name, a.kind, a.country) for a in history.actors.values()),
        "territories": ((t.id, t.name, t.group, t.alt_names) for t in TERRITORIES.values()),
        "places": (
            (p.id, p.name, p.names, p.kind, p.lat, p.lon, p.no_coordinates, p.centre, p.geonames, p.territory, p.rayon)
            for p in history.places.gazetteer().places
        ),
    }
    lines: dict[str, Iterable[str]] = {name: map(_render, r) for name, r in rows.items()}
    lines |= {name: _daily_rows(history, lo, hi, as_of, name) for name in list(TABLES)[5:]}
    resources = []
    for name, table in lines.items():
        with (target / f"{name}.csv").open("w", encoding="utf-8", newline="") as out:
            out.write(_render([field["name"] for field in TABLES[name]["fields"]]))
            count = 0
            for line in table:
                out.write(line)
                count += 1
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(f"{name}.csv", count)
        if progress is not None:
            progress(f"{name}.csv", count)
        size = (target / f"{name}.csv").stat().st_size
        resources.append(
            {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv"}
            | {"mediatype": "text/csv", "encoding": "utf-8", "description": f"{count} rows; see the codebook."}
            | {"bytes": size, "schema": TABLES[name]}
        )
    revision, version = history.revision(as_of), history.data_version()
    about = {
        "revision": revision,
        "digest": version.digest if revision == version.revision else None,
        "last_recorded": events[-1].recorded.isoformat() if events else None,
        "first_day": pendulum.Date.fromordinal(lo).isoformat(),
        "last_day": pendulum.Date.fromordinal(hi).isoformat(),
    }
    descriptor = {
        "profile": "tabular-data-package",
        "name": "karabakh-status",
        "title": "The political status of Nagorno-Karabakh, day by day, from a sourced event log",
        "version": __version__,
        "licenses": [DATA_LICENCE],
        "sources": [{"title": _WIKIPEDIA, "path": _ARTICLE}, GEONAMES],
        "karabakh_status": about,
        "resources": resources,
    }
    path = target / "datapackage.json"
    path.write_text(json.dumps(descriptor, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    _write_parquet(target, lines, progress)
    return path
