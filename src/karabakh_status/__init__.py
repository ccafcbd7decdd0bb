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

#: Every top-level name, and the private module it lives in: the one definition
#: ``__all__`` and the lazy imports below are made from.  Everything else public
#: is in a namespace (``ks.records``, ``ks.answers``, ...).  (The block under
#: ``TYPE_CHECKING`` repeats this for type checkers, which cannot read a table;
#: ``tests/test_public.py`` checks that the two agree.)
_PUBLIC: Final = {
    # the everyday queries, of the bundled log
    "status_at": "_bundled",
    "status_range": "_bundled",
    "changes_between": "_bundled",
    "events": "_bundled",
    "place": "_bundled",
    "places": "_bundled",
    "place_history": "_place_history",
    "actor": "_bundled",
    "actors": "_bundled",
    "data_version": "_bundled",
    "default_history": "_bundled",
    # a log of one's own, and its revisions
    "load": "_load",
    "History": "_history",
    "Status": "_status",
    "diff": "_diff",
    "append": "_append",
    "verify": "_integrity",
    "repair": "_integrity",
    # the errors (also in ks.errors)
    "AmbiguousNameError": "_errors",
    "InvalidArgumentError": "_errors",
    "InvalidDateError": "_errors",
    "InvalidRecordError": "_errors",
    "InvalidRevisionError": "_errors",
    "KarabakhStatusError": "_errors",
    "LogError": "_errors",
    "UnknownActorError": "_errors",
    "UnknownTerritoryError": "_errors",
}

#: Public modules reachable as attributes of the package without importing them first.
_NAMESPACES: Final = ("answers", "errors", "plot", "records", "tables", "vocabulary")

__all__ = sorted([*_PUBLIC, *_NAMESPACES, "__version__"])  # noqa: PLE0605 - made from _PUBLIC, see above

if TYPE_CHECKING:  # the same names, as explicit re-exports for type checkers
    from . import (
        answers as answers,
        errors as errors,
        plot as plot,
        records as records,
        tables as tables,
        vocabulary as vocabulary,
    )
    from ._append import append as append
    from ._bundled import (
        actor as actor,
        actors as actors,
        changes_between as changes_between,
        data_version as data_version,
        default_history as default_history,
        events as events,
        place as place,
        places as places,
        status_at as status_at,
        status_range as status_range,
    )
    from ._diff import diff as diff
    from ._errors import (
        AmbiguousNameError as AmbiguousNameError,
        InvalidArgumentError as InvalidArgumentError,
        InvalidDateError as InvalidDateError,
        InvalidRecordError as InvalidRecordError,
        InvalidRevisionError as InvalidRevisionError,
        KarabakhStatusError as KarabakhStatusError,
        LogError as LogError,
        UnknownActorError as UnknownActorError,
        UnknownTerritoryError as UnknownTerritoryError,
    )
    from ._history import History as History
    from ._integrity import repair as repair, verify as verify
    from ._load import load as load
    from ._place_history import place_history as place_history
    from ._status import Status as Status


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
