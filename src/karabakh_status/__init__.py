"""karabakh_status: the political status of Nagorno-Karabakh on any day, sourced.

>>> import karabakh_status as ks
>>> ks.status_at("2020-11-25").controller("kalbajar")
'azerbaijan'

Everything is imported lazily: ``import karabakh_status`` is cheap, and the
bundled log is read on the first query, once per process.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

#: Every public name, and the private module it lives in: the one definition
#: ``__all__`` and the lazy imports below are made from.  (The block under
#: ``TYPE_CHECKING`` repeats it for type checkers, which cannot read a table;
#: ``tests/test_public.py`` checks that the two agree.)
_PUBLIC: Final = {
    "Actor": "_actors",
    "ARTICLE": "_article",
    "ArticleRead": "_article",
    "append": "_append",
    "Disagreement": "_audit",
    "Change": "_diff",
    "diff": "_diff",
    "export_package": "_package",
    "place_disagreements": "_audit",
    "actor": "_bundled",
    "actors": "_bundled",
    "place": "_bundled",
    "places": "_bundled",
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
    "DayLike": "_dates",
    "When": "_dates",
    "parse_when": "_dates",
    "AmbiguousNameError": "_errors",
    "InvalidArgumentError": "_errors",
    "InvalidDateError": "_errors",
    "InvalidRevisionError": "_errors",
    "KarabakhStatusError": "_errors",
    "LogError": "_errors",
    "LogProblem": "_errors",
    "UnknownActorError": "_errors",
    "UnknownTerritoryError": "_errors",
    "Correction": "_events",
    "Event": "_events",
    "Recognition": "_events",
    "Source": "_events",
    "Statement": "_events",
    "StatusChange": "_events",
    "panel": "_export",
    "panel_csv": "_export",
    "panel_rows": "_export",
    "DataVersion": "_history",
    "History": "_history",
    "Revision": "_history",
    "Segment": "_history",
    "load": "_history",
    "RepairReport": "_integrity",
    "repair": "_integrity",
    "verify": "_integrity",
    "log_schema": "_schema",
    "Place": "_places",
    "PlaceRun": "_place_history",
    "place_history": "_place_history",
    "fold_name": "_places",
    "ArtsakhState": "_state",
    "Claim": "_placemap",
    "PlaceMap": "_placemap",
    "PlaceState": "_placemap",
    "Conditions": "_state",
    "TerritoryMap": "_state",
    "TerritoryState": "_state",
    "Status": "_status",
    "BASES": "_vocabulary",
    "CONDITIONS": "_vocabulary",
    "CONTROLLERS": "_vocabulary",
    "RECOGNITION_ACTIONS": "_vocabulary",
    "RECOGNITION_LEVELS": "_vocabulary",
    "RECORD_FLAGS": "_vocabulary",
    "STANCES": "_vocabulary",
    "STATE_ACTIONS": "_vocabulary",
    "PLACE_KINDS": "_vocabulary",
    "TERRITORIES": "_vocabulary",
    "Territory": "_vocabulary",
}

#: Public modules reachable as attributes of the package without importing them first.
_NAMESPACES: Final = ("plot",)

__all__ = sorted([*_PUBLIC, "__version__"])  # noqa: PLE0605 - made from _PUBLIC, see above

if TYPE_CHECKING:  # the same names, as explicit re-exports for type checkers
    from ._actors import (
        Actor as Actor,
    )
    from ._append import (
        append as append,
    )
    from ._article import (
        ARTICLE as ARTICLE,
        ArticleRead as ArticleRead,
    )
    from ._audit import (
        Disagreement as Disagreement,
        place_disagreements as place_disagreements,
    )
    from ._bundled import (
        actor as actor,
        actors as actors,
        bundled_log_path as bundled_log_path,
        changes_between as changes_between,
        data_version as data_version,
        default_history as default_history,
        events as events,
        place as place,
        places as places,
        status_at as status_at,
        status_range as status_range,
    )
    from ._convert import (
        event_from_dict as event_from_dict,
        event_to_dict as event_to_dict,
        make_converter as make_converter,
    )
    from ._dates import (
        COVERAGE_START as COVERAGE_START,
        DayLike as DayLike,
        When as When,
        parse_when as parse_when,
    )
    from ._diff import (
        Change as Change,
        diff as diff,
    )
    from ._errors import (
        AmbiguousNameError as AmbiguousNameError,
        InvalidArgumentError as InvalidArgumentError,
        InvalidDateError as InvalidDateError,
        InvalidRevisionError as InvalidRevisionError,
        KarabakhStatusError as KarabakhStatusError,
        LogError as LogError,
        LogProblem as LogProblem,
        UnknownActorError as UnknownActorError,
        UnknownTerritoryError as UnknownTerritoryError,
    )
    from ._events import (
        Correction as Correction,
        Event as Event,
        Recognition as Recognition,
        Source as Source,
        Statement as Statement,
        StatusChange as StatusChange,
    )
    from ._export import (
        panel as panel,
        panel_csv as panel_csv,
        panel_rows as panel_rows,
    )
    from ._history import (
        DataVersion as DataVersion,
        History as History,
        Revision as Revision,
        Segment as Segment,
        load as load,
    )
    from ._integrity import (
        RepairReport as RepairReport,
        repair as repair,
        verify as verify,
    )
    from ._package import (
        export_package as export_package,
    )
    from ._place_history import (
        PlaceRun as PlaceRun,
        place_history as place_history,
    )
    from ._placemap import (
        Claim as Claim,
        PlaceMap as PlaceMap,
        PlaceState as PlaceState,
    )
    from ._places import (
        Place as Place,
        fold_name as fold_name,
    )
    from ._schema import (
        log_schema as log_schema,
    )
    from ._state import (
        ArtsakhState as ArtsakhState,
        Conditions as Conditions,
        TerritoryMap as TerritoryMap,
        TerritoryState as TerritoryState,
    )
    from ._status import (
        Status as Status,
    )
    from ._vocabulary import (
        BASES as BASES,
        CONDITIONS as CONDITIONS,
        CONTROLLERS as CONTROLLERS,
        PLACE_KINDS as PLACE_KINDS,
        RECOGNITION_ACTIONS as RECOGNITION_ACTIONS,
        RECOGNITION_LEVELS as RECOGNITION_LEVELS,
        RECORD_FLAGS as RECORD_FLAGS,
        STANCES as STANCES,
        STATE_ACTIONS as STATE_ACTIONS,
        TERRITORIES as TERRITORIES,
        Territory as Territory,
    )


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("karabakh-status")
    if name in _NAMESPACES:  # a public module, imported when first used (ks.plot.control_map works at once)
        namespace = importlib.import_module(f".{name}", __name__)
        globals()[name] = namespace
        return namespace
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_NAMESPACES})
