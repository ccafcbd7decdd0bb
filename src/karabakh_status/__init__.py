"""karabakh_status: the political status of Nagorno-Karabakh on any day, sourced.

>>> import karabakh_status as ks
>>> ks.status_at("2020-11-25").controller("kalbajar")
'azerbaijan'

Everything is imported lazily: ``import karabakh_status`` is cheap, and the
bundled log is read on the first query, once per process.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._actors import Actor
    from ._append import append
    from ._bundled import (
        actor,
        actors,
        bundled_log_path,
        changes_between,
        data_version,
        default_history,
        events,
        status_at,
        status_range,
    )
    from ._convert import event_from_dict, event_to_dict, make_converter
    from ._dates import COVERAGE_START, When, parse_when
    from ._errors import (
        InvalidDateError,
        InvalidRevisionError,
        KarabakhStatusError,
        LogError,
        UnknownTerritoryError,
    )
    from ._events import Correction, Event, Recognition, Source, Statement, StatusChange
    from ._export import panel, panel_csv, panel_rows
    from ._history import DataVersion, History, load
    from ._integrity import RepairReport, repair, verify
    from ._replay import ArtsakhState, Conditions, Status, TerritoryMap, TerritoryState
    from ._schema import log_schema
    from ._vocabulary import (
        CONDITIONS,
        CONTROLLERS,
        RECOGNITION_ACTIONS,
        RECOGNITION_LEVELS,
        STANCES,
        STATE_ACTIONS,
        TERRITORIES,
        Territory,
    )

__all__ = [
    "CONDITIONS",
    "CONTROLLERS",
    "COVERAGE_START",
    "RECOGNITION_ACTIONS",
    "RECOGNITION_LEVELS",
    "STANCES",
    "STATE_ACTIONS",
    "TERRITORIES",
    "Actor",
    "ArtsakhState",
    "Conditions",
    "Correction",
    "DataVersion",
    "Event",
    "History",
    "InvalidDateError",
    "InvalidRevisionError",
    "KarabakhStatusError",
    "LogError",
    "Recognition",
    "RepairReport",
    "Source",
    "Statement",
    "Status",
    "StatusChange",
    "TerritoryMap",
    "TerritoryState",
    "Territory",
    "UnknownTerritoryError",
    "When",
    "__version__",
    "actor",
    "actors",
    "append",
    "bundled_log_path",
    "changes_between",
    "data_version",
    "default_history",
    "event_from_dict",
    "event_to_dict",
    "events",
    "load",
    "log_schema",
    "make_converter",
    "panel",
    "panel_csv",
    "panel_rows",
    "parse_when",
    "repair",
    "status_at",
    "status_range",
    "verify",
]

_WHERE = {
    "Actor": "_actors",
    "append": "_append",
    "RepairReport": "_integrity",
    "repair": "_integrity",
    "verify": "_integrity",
    "actor": "_bundled",
    "actors": "_bundled",
    "bundled_log_path": "_bundled",
    "changes_between": "_bundled",
    "data_version": "_bundled",
    "default_history": "_bundled",
    "events": "_bundled",
    "status_at": "_bundled",
    "status_range": "_bundled",
    "event_from_dict": "_convert",
    "event_to_dict": "_convert",
    "make_converter": "_convert",
    "COVERAGE_START": "_dates",
    "When": "_dates",
    "parse_when": "_dates",
    "panel": "_export",
    "panel_csv": "_export",
    "panel_rows": "_export",
    "log_schema": "_schema",
    "InvalidDateError": "_errors",
    "InvalidRevisionError": "_errors",
    "KarabakhStatusError": "_errors",
    "LogError": "_errors",
    "UnknownTerritoryError": "_errors",
    "Correction": "_events",
    "Event": "_events",
    "Recognition": "_events",
    "Source": "_events",
    "Statement": "_events",
    "StatusChange": "_events",
    "DataVersion": "_history",
    "History": "_history",
    "load": "_history",
    "ArtsakhState": "_replay",
    "Conditions": "_replay",
    "TerritoryMap": "_replay",
    "Status": "_replay",
    "TerritoryState": "_replay",
    "CONDITIONS": "_vocabulary",
    "CONTROLLERS": "_vocabulary",
    "RECOGNITION_ACTIONS": "_vocabulary",
    "RECOGNITION_LEVELS": "_vocabulary",
    "STANCES": "_vocabulary",
    "STATE_ACTIONS": "_vocabulary",
    "TERRITORIES": "_vocabulary",
    "Territory": "_vocabulary",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("karabakh-status")
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
