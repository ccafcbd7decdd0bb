"""The log and its daily answers as a Frictionless Data Package, and the data fields of ``CITATION.cff``."""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import pendulum

from ._article import ARTICLE
from ._bundled import actors, default_history
from ._dates import COVERAGE_START, DayLike, When, day_ordinal
from ._errors import InvalidArgumentError, InvalidDateError
from ._events import EVENT_TYPES, Correction, Event, StatusChange
from ._history import History, Revision
from ._version import __version__
from ._vocabulary import (
    ACTOR_KINDS,
    BASES,
    CONDITIONS,
    CONTROLLERS,
    PLACE_KINDS,
    PRECISIONS,
    RECOGNITION_ACTIONS,
    RECOGNITION_LEVELS,
    STANCES,
    STATE_ACTIONS,
    TERRITORIES,
)

__all__ = ["TABLES", "coverage_end", "edtf", "export_days", "export_package", "update_citation"]

_CONTROL = tuple(CONTROLLERS)
_VALUES = tuple(dict.fromkeys(v for values in CONDITIONS.values() for v in values))
_FIXES = ("supersede", "retract")
_ARTICLE = ARTICLE.url
_WIKIPEDIA = f"{ARTICLE.citation}, and the works each event cites"
_GROUPS = tuple(dict.fromkeys(t.group for t in TERRITORIES.values()))


def _f(
    name: str, type_: str, description: str, enum: Iterable[str] | None = None, **constraints: Any
) -> dict[str, Any]:
    """One Table Schema field; ``enum`` and keyword arguments become its constraints."""
    field: dict[str, Any] = {"name": name, "type": type_, "description": description}
    if enum is not None:
        constraints["enum"] = list(enum)
    if constraints:
        field["constraints"] = constraints
    return field


def _table(key: str, references: str, *fields: dict[str, Any]) -> dict[str, Any]:
    """A Table Schema: ``key`` is the primary key's fields, ``references`` the foreign keys as ``field>resource``."""
    schema = {"fields": list(fields), "missingValues": [""], "primaryKey": key.split()}
    pairs = (r.partition(">") for r in references.split())
    foreign = [{"fields": f, "reference": {"resource": r, "fields": "id"}} for f, _, r in pairs]
    return schema | ({"foreignKeys": foreign} if foreign else {})


_DAY = _f("day", "date", "The calendar day, every day from the first to the last of the export.", required=True)
_EVENT = _f("event_id", "string", "The event that set this answer (events.id); empty for the state on 1988-01-01.")

#: Every table of the package: its fields, primary key and foreign keys, in the order they are written.
TABLES: Final[dict[str, dict[str, Any]]] = {
    "events": _table(
        "id",
        "corrected_by> target> replacement> actor>actors announced_by>actors",
        _f("line", "integer", "The event's line in the log: every revision as_of >= line has it.", required=True),
        _f("id", "string", "Stable unique id of the event.", required=True, unique=True),
        _f("type", "string", "The kind of event.", EVENT_TYPES, required=True),
        _f("date", "string", "The date as the log writes it (one of five forms; see edtf).", required=True),
        _f("precision", "string", "How exactly the date is known.", PRECISIONS, required=True),
        _f("earliest", "date", "The first day the event may have happened.", required=True),
        _f("latest", "date", "The last day it may have happened: the day it takes effect.", required=True),
        _f("edtf", "string", "The date in ISO 8601-2 (EDTF) form.", required=True),
        _f("summary", "string", "One line in our own words.", required=True),
        _f("recorded", "date", "The day the event was written into the log.", required=True),
        _f("note", "string", "How the date or reading was worked out; disagreements between sources."),
        _f("corrected_by", "string", "The correction that supersedes or retracts this event (events.id)."),
        _f("territories", "string", "status-change: the territory ids that pass to controller, ';'-joined."),
        _f("places", "string", "status-change: the place ids that pass to controller, ';'-joined."),
        _f("controller", "string", "status-change: the new controller.", _CONTROL),
        _f("partial", "boolean", "status-change: whether the controller holds only part of each territory."),
        _f("other_holder", "string", "status-change: who holds the rest, when partial.", _CONTROL),
        _f("basis", "string", "status-change: what the control change rests on.", BASES),
        _f("announced_by", "string", "status-change: who announced it (actors.id)."),
        _f("state", "string", "status-change: a step in the de facto state's life.", STATE_ACTIONS),
        _f("name", "string", "status-change: the state's name from this event on."),
        _f("condition", "string", "status-change: the condition that changes.", CONDITIONS),
        _f("value", "string", "status-change: the condition's new value.", _VALUES),
        _f("actor", "string", "statement, recognition: who acts (actors.id)."),
        _f("stance", "string", "statement: the position taken.", STANCES),
        _f("document", "string", "statement: the resolution's or document's title or number."),
        _f("quote", "string", "statement, recognition: a short quote, exactly as the source gives it."),
        _f("speaker", "string", "statement, recognition: who said the quote."),
        _f("vote", "string", "statement: the vote, as for-against-abstentions."),
        _f("action", "string", "recognition, correction: what it does.", (*RECOGNITION_ACTIONS, *_FIXES)),
        _f("level", "string", "recognition: the level of the actor.", RECOGNITION_LEVELS),
        _f("target", "string", "correction: the event corrected (events.id)."),
        _f("replacement", "string", "correction: the event that replaces the target (events.id)."),
    ),
    "sources": _table(
        "event_id position",
        "event_id>events",
        _f("event_id", "string", "The event (events.id).", required=True),
        _f("position", "integer", "The source's place among the event's sources, from 1.", required=True),
        _f("work", "string", "The cited work: author, title, publisher and date.", required=True),
        _f("refs", "string", "Reference numbers of the Wikipedia article citing the work, ';'-joined."),
        _f("url", "string", "Where the work can be read."),
    ),
    "actors": _table(
        "id",
        "country>",
        _f("id", "string", "Stable id, as events name it.", required=True, unique=True),
        _f("name", "string", "Display name.", required=True),
        _f("kind", "string", "The kind of actor.", ACTOR_KINDS, required=True),
        _f("country", "string", "The state a subnational actor belongs to (actors.id)."),
    ),
    "territories": _table(
        "id",
        "",
        _f("id", "string", "Stable territory id.", TERRITORIES, required=True, unique=True),
        _f("name", "string", "Display name in English usage.", required=True),
        _f("group", "string", "nkao, surrounding, claimed or corridor.", _GROUPS, required=True),
        _f("alt_names", "string", "Other names in use, ';'-joined."),
    ),
    "places": _table(
        "id",
        "territory>territories",
        _f("id", "string", "Stable place id.", required=True, unique=True),
        _f("name", "string", "Display name in common English usage.", required=True),
        _f("names", "string", "Every other name the sources give, ';'-joined."),
        _f("kind", "string", "The kind of place.", PLACE_KINDS, required=True),
        _f("lat", "number", "WGS84 latitude, decimal degrees north (empty where no page gives it)."),
        _f("lon", "number", "WGS84 longitude, decimal degrees east (empty where no page gives it)."),
        _f("no_coordinates", "string", "Why there are no coordinates, when there are none."),
        _f("centre", "boolean", "Whether it is its territory's administrative centre.", required=True),
        _f("geonames", "integer", "The GeoNames id, when the coordinates come from GeoNames."),
        _f("territory", "string", "The territory it lies in (territories.id).", TERRITORIES, required=True),
        _f("rayon", "string", "The Azerbaijani rayon as its ISO 3166-2:AZ code.", pattern="AZ-[A-Z]{2,3}"),
    ),
    "control": _table(
        "day unit_type unit",
        "event_id>events",
        _DAY,
        _f("unit_type", "string", "Whether unit is a territory or a place.", ("territory", "place"), required=True),
        _f("unit", "string", "The territory id or place id.", required=True),
        _f("controller", "string", "Who holds it that day.", _CONTROL, required=True),
        _f("partial", "boolean", "Whether the controller holds only part of the territory.", required=True),
        _f("other_holder", "string", "Who holds the rest, when partial.", _CONTROL),
        _EVENT,
    ),
    "artsakh": _table(
        "day",
        "event_id>events",
        _DAY,
        _f("exists", "boolean", "Whether the de facto state exists on the ground.", required=True),
        _f("name", "string", "Its name while it exists."),
        _f("stage", "string", "The last step of its life recorded.", STATE_ACTIONS),
        _EVENT,
    ),
    "conditions": _table(
        "day condition",
        "event_id>events",
        _DAY,
        _f("condition", "string", "The condition.", CONDITIONS, required=True),
        _f("value", "string", "Its value that day.", _VALUES, required=True),
        _EVENT,
    ),
    "recognitions": _table(
        "day event_id",
        "event_id>events actor>actors",
        _DAY,
        _f("event_id", "string", "A recognition in force that day (events.id).", required=True),
        _f("actor", "string", "Who recognises (actors.id).", required=True),
        _f("level", "string", "The level of the actor.", RECOGNITION_LEVELS, required=True),
    ),
}


def edtf(when: When) -> str:
    """An event date in ISO 8601-2 (EDTF) form, made from its precision and window.

    >>> from karabakh_status import parse_when
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


def coverage_end(history: History, as_of: Revision = None) -> pendulum.Date:
    """The last day a revision answers for by default: its last ``recorded`` day or last effect day, if later.

    >>> import karabakh_status as ks
    >>> coverage_end(ks.default_history(), as_of=1) >= pendulum.Date(2020, 1, 1)
    True
    """
    events = history.events(as_of=as_of)
    days = [COVERAGE_START.toordinal(), *history.timeline(as_of).change_ordinals[-1:]]
    days += [events[-1].recorded.toordinal()] if events else []
    return pendulum.Date.fromordinal(max(days))


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
    lo = COVERAGE_START.toordinal() if start is None else day_ordinal(start)
    hi = coverage_end(history, as_of).toordinal() if end is None else day_ordinal(end)
    if lo > hi:
        raise InvalidDateError(f"expected start on or before end; got {start!r} after {end!r}")
    return lo, hi


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
    *,
    history: History | None = None,
    as_of: Revision = None,
    start: DayLike | None = None,
    end: DayLike | None = None,
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
    history = default_history() if history is None else history
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise InvalidArgumentError(f"expected a directory to write the package into; {str(target)!r} is a file")
    lo, hi = export_days(history, as_of, start, end)
    target.mkdir(parents=True, exist_ok=True)
    events = history.events(as_of=as_of)
    rows: dict[str, Iterable[Sequence[object]]] = {
        "events": _event_rows(events),
        "sources": ((e.id, i, s.work, s.refs, s.url) for e in events for i, s in enumerate(e.sources, 1)),
        "actors": ((a.id, a.name, a.kind, a.country) for a in actors().values()),
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


_CITATION_LINES: Final = {
    "version": re.compile(r'^version: "[^"\n]*"$', re.MULTILINE),
    "revision": re.compile(r'^    value: "revision [0-9]+ of data/events\.jsonl"$', re.MULTILINE),
    "digest": re.compile(r'^    value: "sha256:[0-9a-f]{64}"$', re.MULTILINE),
}


def update_citation(path: str | os.PathLike[str], *, history: History | None = None) -> bool:
    """Rewrite the software version and the data revision and digest in ``CITATION.cff``; return whether it changed.

    The version comes from the package, the revision and digest from
    ``history.data_version()`` (the bundled log by default).  The file must
    have each of the three lines once; otherwise nothing is written and
    :class:`~karabakh_status.InvalidArgumentError` says which is missing.
    """
    v = (default_history() if history is None else history).data_version()
    lines = {
        "version": f'version: "{__version__}"',
        "revision": f'    value: "revision {v.revision} of data/events.jsonl"',
        "digest": f'    value: "{v.digest}"',
    }
    file = Path(path)
    text = old = file.read_text(encoding="utf-8")
    for key, pattern in _CITATION_LINES.items():
        text, n = pattern.subn(lines[key], text)
        if n != 1:
            raise InvalidArgumentError(f"{file}: expected one line like {lines[key].strip()!r}; found {n}")
    if text != old:
        file.write_text(text, encoding="utf-8")
    return text != old
