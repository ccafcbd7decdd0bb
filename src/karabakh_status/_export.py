"""Tables out: a day-by-day panel of the status, as rows, CSV or pandas."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pendulum

from ._dates import DayLike, Revision
from ._errors import InvalidArgumentError
from ._history import History
from ._vocabulary import CONDITIONS, RECOGNITION_LEVELS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CONTROL_COLUMNS", "DAILY_COLUMNS", "panel", "panel_csv", "panel_rows"]

#: Columns of the ``control`` table: one row per day and territory.
CONTROL_COLUMNS = ("day", "territory", "controller", "partial", "other_holder")
#: Columns of the ``daily`` table: one row per day.
DAILY_COLUMNS = (
    "day",
    "artsakh_exists",
    "artsakh_name",
    *CONDITIONS,
    "recognitions",
    *(f"recognitions_{level}" for level in RECOGNITION_LEVELS),
)
TABLES = ("control", "daily")


def _history(history: History | None) -> History:
    from ._bundled import history_or_default

    return history_or_default(history)


def panel_rows(
    start: DayLike,
    end: DayLike,
    *,
    table: str = "control",
    history: History | None = None,
    as_of: Revision = None,
) -> Iterator[tuple[Any, ...]]:
    """The rows of a panel table from ``start`` to ``end`` inclusive, in the order of its columns.

    Args:
        start: The first day (anything :func:`~karabakh_status.status_at` accepts).
        end: The last day, inclusive.
        table: ``"control"`` (a row per day and territory) or ``"daily"`` (a row per day).
        history: The log to read; ``None`` for the bundled one.
        as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its first N
            events) or a day (the events recorded by then).

    Built from :meth:`History.segments`: each run of days with the same
    answers is read once and repeated over its days, not recomputed per day.

    >>> rows = list(panel_rows("2020-11-24", "2020-11-25"))
    >>> [r for r in rows if r[1] == "kalbajar"]
    [('2020-11-24', 'kalbajar', 'artsakh', False, None), ('2020-11-25', 'kalbajar', 'azerbaijan', False, None)]
    """
    if table not in TABLES:
        raise InvalidArgumentError(f"expected a table among {', '.join(TABLES)}; got {table!r}")
    for segment in _history(history).segments(start, end, as_of=as_of):
        status = segment.status
        first = segment.first.toordinal()
        days = [pendulum.Date.fromordinal(o).isoformat() for o in range(first, first + segment.days)]
        if table == "control":
            held = [(k, t.controller, t.partial, t.other_holder) for k, t in status.territories.items()]
            for day in days:
                for k, controller, partial, other in held:
                    yield (day, k, controller, partial, other)
        else:
            a = status.artsakh
            recs = status.recognitions
            levels = Counter(r.level for r in recs)
            rest = (
                a.exists,
                a.name,
                *(status.conditions[c] for c in CONDITIONS),
                len(recs),
                *(levels.get(level, 0) for level in RECOGNITION_LEVELS),
            )
            for day in days:
                yield (day, *rest)


def panel_csv(
    start: DayLike, end: DayLike, *, table: str = "control", history: History | None = None, as_of: Revision = None
) -> str:
    """The panel table as CSV text with a header row (no pandas needed).

    Args:
        start: The first day of the panel.
        end: The last day of the panel (inclusive).
        table: ``"control"`` (a row per day and territory) or ``"daily"`` (a row per day).
        history: The log to read; ``None`` for the bundled one.
        as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its first N
            events) or a day (the events recorded by then).

    >>> print(panel_csv("2020-11-25", "2020-11-25", table="daily"))  # doctest: +NORMALIZE_WHITESPACE
    day,artsakh_exists,artsakh_name,lachin-corridor,russian-peacekeepers,recognitions,...
    2020-11-25,True,Republic of Artsakh,open,deployed,...
    """
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CONTROL_COLUMNS if table == "control" else DAILY_COLUMNS)
    w.writerows(panel_rows(start, end, table=table, history=history, as_of=as_of))
    return out.getvalue()


def panel(
    start: DayLike, end: DayLike, *, table: str = "control", history: History | None = None, as_of: Revision = None
) -> pd.DataFrame:
    """The panel table as a pandas DataFrame (needs the ``pandas`` extra).

    Args:
        start: The first day of the panel.
        end: The last day of the panel (inclusive).
        table: ``"control"`` (a row per day and territory) or ``"daily"`` (a row per day).
        history: The log to read; ``None`` for the bundled one.
        as_of: Pin the answer to a revision of the log: ``None`` (the whole log), an ``int`` N (its first N
            events) or a day (the events recorded by then).

    ``table="control"``: one row per day and territory (controller, partial,
    other holder).  ``table="daily"``: one row per day (whether the de facto
    state exists and its name, each condition, recognitions in force in all
    and by level).  The ``day`` column holds ``datetime64`` days.
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(
            "karabakh_status.tables.panel needs pandas: pip install 'karabakh-status[pandas]' "
            "(or use panel_csv / 'karabakh-status panel --csv', which need nothing more)"
        ) from None
    columns = CONTROL_COLUMNS if table == "control" else DAILY_COLUMNS
    frame = pd.DataFrame.from_records(
        list(panel_rows(start, end, table=table, history=history, as_of=as_of)), columns=list(columns)
    )
    frame["day"] = pd.to_datetime(frame["day"])
    if table == "control":
        frame["territory"] = frame["territory"].astype("category")
        frame["controller"] = frame["controller"].astype("category")
    return frame
