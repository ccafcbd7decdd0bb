"""A JSON Schema of the log, generated from the attrs classes, for validating logs outside Python."""

from __future__ import annotations

import types
from typing import Any, Union, get_args, get_origin

import attrs
import pendulum

from ._dates import DAY_PATTERN, WHEN_PATTERNS, When
from ._events import EVENT_TYPES, SLUG_PATTERN, Source
from ._vocabulary import (
    BASES,
    CONDITIONS,
    CONTROLLERS,
    RECOGNITION_ACTIONS,
    RECOGNITION_LEVELS,
    STANCES,
    STATE_ACTIONS,
    TERRITORIES,
)

__all__ = ["log_schema"]

_DAY = f"^{DAY_PATTERN}$"
_WHEN = "^(" + "|".join(WHEN_PATTERNS.values()) + ")$"
_SLUG = f"^{SLUG_PATTERN}$"

#: Closed vocabularies, by (event type, field).
_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("status-change", "controller"): tuple(CONTROLLERS),
    ("status-change", "other_holder"): tuple(CONTROLLERS),
    ("status-change", "basis"): BASES,
    ("status-change", "state"): STATE_ACTIONS,
    ("status-change", "condition"): tuple(CONDITIONS),
    ("status-change", "value"): tuple(dict.fromkeys(v for values in CONDITIONS.values() for v in values)),
    ("statement", "stance"): STANCES,
    ("recognition", "action"): RECOGNITION_ACTIONS,
    ("recognition", "level"): RECOGNITION_LEVELS,
    ("correction", "action"): ("supersede", "retract"),
}
_SLUG_FIELDS = {"id", "actor", "target", "replacement", "announced_by"}


def _type_schema(tp: Any, tag: str, name: str) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in get_args(tp) if a is not type(None)]
        return _type_schema(inner, tag, name)
    if origin is tuple:
        item = get_args(tp)[0]
        if name == "territories":
            return {"type": "array", "items": {"enum": list(TERRITORIES)}, "uniqueItems": True, "minItems": 1}
        if name == "places":
            return {"type": "array", "items": {"type": "string", "pattern": _SLUG}, "uniqueItems": True, "minItems": 1}
        schema: dict[str, Any] = {"type": "array", "items": _type_schema(item, tag, name)}
        if name == "sources":
            schema["minItems"] = 1
        return schema
    if tp is When:
        return {"type": "string", "pattern": _WHEN, "description": "day, month, year, 'A/B' range or '../D'"}
    if tp is pendulum.Date:
        return {"type": "string", "pattern": _DAY, "format": "date"}
    if tp is Source:
        return {"$ref": "#/$defs/source"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer", "minimum": 1}
    if tp is str:
        if (tag, name) in _ENUMS:
            return {"enum": list(_ENUMS[tag, name])}
        if name in _SLUG_FIELDS:
            return {"type": "string", "pattern": _SLUG}
        return {"type": "string", "minLength": 1}
    raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - every field type is covered


def _object(cls: type, tag: str | None) -> dict[str, Any]:
    fields = attrs.fields(attrs.resolve_types(cls))
    props: dict[str, Any] = {}
    if tag is not None:
        props["type"] = {"const": tag}
    for f in fields:
        props[f.name] = _type_schema(f.type, tag or "", f.name)
    required = ([] if tag is None else ["type"]) + [f.name for f in fields if f.default is attrs.NOTHING]
    return {"type": "object", "properties": props, "required": required, "additionalProperties": False}


def log_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one line of the log.

    It checks each line's structure, types, tags, vocabularies and date
    forms.  What only the library checks: the invariants across fields of a
    status change (exactly one group of fields), real calendar days, and the
    whole-log rules (unique ids, corrections of earlier ids).

    >>> s = log_schema()
    >>> sorted(s["$defs"])
    ['correction', 'recognition', 'source', 'statement', 'status-change']
    """
    defs = {tag: _object(cls, tag) for tag, cls in EVENT_TYPES.items()}
    defs["source"] = _object(Source, None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/karabakh-status/karabakh-status/schema/event.json",
        "title": "karabakh_status event log line",
        "description": "One line of data/events.jsonl: a status change, statement, recognition or correction.",
        "oneOf": [{"$ref": f"#/$defs/{tag}"} for tag in EVENT_TYPES],
        "$defs": defs,
    }
