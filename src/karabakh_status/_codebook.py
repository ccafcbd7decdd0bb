"""The codebook of the data package: every table, its fields, their types, meanings and allowed values.

The text is a package resource, ``codebook/tables.json``: each table's
primary key, foreign keys and fields as Table Schema writes them, except that
an ``enum`` may name one of the library's vocabularies (``"$CONTROLLERS"``),
so that the allowed values are always the code's own.

>>> [f["name"] for f in TABLES["conditions"]["fields"]]
['day', 'condition', 'value', 'event_id']
>>> TABLES["control"]["fields"][3]["constraints"]["enum"][:2]
['ussr', 'azerbaijan']
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Final

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

__all__ = ["TABLES", "VOCABULARIES"]

#: The vocabularies an ``enum`` of ``codebook/tables.json`` may name (as ``"$NAME"``), in their own order.
VOCABULARIES: Final[dict[str, tuple[str, ...]]] = {
    "ACTOR_KINDS": tuple(ACTOR_KINDS),
    "BASES": tuple(BASES),
    "CONDITIONS": tuple(CONDITIONS),
    "CONDITION_VALUES": tuple(dict.fromkeys(v for values in CONDITIONS.values() for v in values)),
    "CONTROLLERS": tuple(CONTROLLERS),
    "EVENT_TYPES": tuple(EVENT_TYPES),
    "PLACE_KINDS": tuple(PLACE_KINDS),
    "PRECISIONS": tuple(PRECISIONS),
    "RECOGNITION_AND_CORRECTION_ACTIONS": (*RECOGNITION_ACTIONS, "supersede", "retract"),
    "RECOGNITION_LEVELS": tuple(RECOGNITION_LEVELS),
    "STANCES": tuple(STANCES),
    "STATE_ACTIONS": tuple(STATE_ACTIONS),
    "TERRITORIES": tuple(TERRITORIES),
    "TERRITORY_GROUPS": tuple(dict.fromkeys(t.group for t in TERRITORIES.values())),
}


def _field(field: dict[str, Any]) -> dict[str, Any]:
    """A field as the resource writes it, with a named vocabulary put in its ``enum``."""
    enum = field.get("constraints", {}).get("enum")
    if isinstance(enum, str):
        if not enum.startswith("$") or enum[1:] not in VOCABULARIES:
            raise ValueError(f"codebook field {field['name']!r}: unknown vocabulary {enum!r}")
        field["constraints"]["enum"] = list(VOCABULARIES[enum[1:]])
    return field


def _tables(text: str) -> dict[str, dict[str, Any]]:
    """Each table's Table Schema, from the resource's text."""
    tables: dict[str, dict[str, Any]] = {}
    for name, table in json.loads(text).items():
        fields = [_field(f) for f in table["fields"]]
        schema = {"fields": fields, "missingValues": [""], "primaryKey": table["primaryKey"]}
        tables[name] = schema | ({"foreignKeys": table["foreignKeys"]} if table["foreignKeys"] else {})
    return tables


#: Every table of the package: its fields, primary key and foreign keys, in the order they are written.
TABLES: Final[dict[str, dict[str, Any]]] = _tables(
    (resources.files(__package__) / "codebook" / "tables.json").read_text(encoding="utf-8")
)
