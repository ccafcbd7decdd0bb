"""The codebook of the data package: every table, its fields, their types, meanings and allowed values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from ._article import ARTICLE
from ._events import EVENT_TYPES
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

__all__ = ["TABLES"]

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
