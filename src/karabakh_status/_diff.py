"""What changed between two revisions of a log: every run of days whose answers differ, and the events responsible."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final

import attrs
import pendulum

from ._bundled import history_or_default
from ._dates import COVERAGE_START, DayLike, Revision, day_span
from ._events import Correction, Event, Recognition, StatusChange
from ._fold import PlaceIndex
from ._history import History
from ._listing import in_force
from ._placemap import sets_place
from ._status import Status
from ._vocabulary import TERRITORIES

__all__ = ["Change", "answers", "diff"]

#: What a subject that a day's answers leave out stands at.
_ABSENT: Final = {"recognition": "not in force", "statement": "not made"}


@attrs.frozen
class Change:
    """A run of consecutive days on which two revisions answer one question differently, in the same way.

    Attributes:
        first: The first day of the run.
        last: The last day of the run (runs that reach the end of the
            compared span go on after it, until a later event).
        subject: What the answer is about: ``territory:<id>`` (its holder),
            ``place:<id>`` (its holder), ``artsakh`` (whether the de facto
            state exists, its name and stage), ``condition:<id>`` (its
            value), ``recognition:<actor>`` (whether that actor's recognition
            is in force) or ``statement:<event id>`` (whether it was made yet).
        before: The answer of the first revision.
        after: The answer of the second revision.
        events: The ids of the events responsible, in log order: those that
            count in one revision and not in the other, bear on the subject and
            took effect by :attr:`last`, with the corrections that decided it
            and the events those corrections supersede.
    """

    first: pendulum.Date
    last: pendulum.Date
    subject: str
    before: str
    after: str
    events: tuple[str, ...]

    @property
    def days(self) -> int:
        """How many days the run has."""
        return self.last.toordinal() - self.first.toordinal() + 1

    def to_dict(self) -> dict[str, Any]:
        """The change as plain JSON-serialisable values (days as ISO strings)."""
        return {
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "subject": self.subject,
            "before": self.before,
            "after": self.after,
            "events": list(self.events),
        }


def answers(status: Status) -> dict[str, str]:
    """Every answer of a day, by subject (see :attr:`Change.subject`), as text.

    Recognitions not in force and statements not yet made are left out.

    >>> import karabakh_status as ks
    >>> a = answers(ks.status_at("2020-11-25"))
    >>> a["territory:kalbajar"], a["territory:shusha"], a["artsakh"], a["condition:lachin-corridor"]
    ('azerbaijan', 'azerbaijan (part; rest artsakh)', 'Republic of Artsakh; stage renamed', 'open')
    """
    out = {}
    for k, t in status.territories.items():
        out[f"territory:{k}"] = f"{t.controller} (part; rest {t.other_holder})" if t.partial else t.controller
    places = status.places
    out |= {f"place:{p}": places.controller(p) for p in places}
    a = status.artsakh
    state = a.name if a.exists and a.name else "does not exist"
    out["artsakh"] = state + (f"; stage {a.stage}" if a.stage else "")
    out |= {f"condition:{c}": v for c, v in status.conditions.items()}
    out |= {f"recognition:{r.actor}": "in force" for r in status.recognitions}
    out |= {f"statement:{s.id}": "made" for s in status.statements}
    return out


def _bears(subject: str, event: Event, index: PlaceIndex, *, acting: bool = False) -> bool:
    """Whether ``event`` is about ``subject``; with ``acting``, only if it sets the answer (a call sets none)."""
    kind, _, key = subject.partition(":")
    if kind == "statement":
        return event.id == key
    if kind == "recognition":
        if isinstance(event, Recognition):
            return event.actor == key and (not acting or event.action in ("recognize", "withdraw"))
        return isinstance(event, StatusChange) and event.state == "dissolved"
    if not isinstance(event, StatusChange):
        return False
    if kind == "territory":  # a territory with places is held as they are
        position = index.position
        named = (index.territory[position[p]] for p in event.places if p in position)
        return key in event.territories or key in named
    if kind == "place":
        i = index.position.get(key)
        return i is not None and sets_place(event, index.territory[i], key)
    if kind == "artsakh":
        return event.state is not None
    return event.condition == key


class _Blame:
    """Finds the events responsible for a run of changed answers.

    A candidate counts in one revision and not in the other.  It is
    responsible for a run if it is about the subject, took effect by the
    run's last day and was not overtaken, in its revision, by a later event
    that sets the same answer before the run begins.  The corrections that
    decided a responsible event, and their targets and replacements, are
    responsible with it.
    """

    def __init__(self, a: tuple[Event, ...], b: tuple[Event, ...], index: PlaceIndex) -> None:
        self._index = index
        counted_a, counted_b = in_force(a), in_force(b)
        ids_a, ids_b = {e.id for e in counted_a}, {e.id for e in counted_b}
        longer = max(a, b, key=len)
        self._position = {e.id: i for i, e in enumerate(longer)}
        self._candidates = [
            (e, counted_a if e.id in ids_a else counted_b) for e in longer if (e.id in ids_a) != (e.id in ids_b)
        ]
        self._corrections = [e for e in longer[min(len(a), len(b)) :] if isinstance(e, Correction)]

    def __call__(self, subject: str, first: int, last: int) -> tuple[str, ...]:
        found = set()
        for e, counted in self._candidates:
            day = e.date.latest.toordinal()
            if day > last or not _bears(subject, e, self._index):
                continue
            if not any(
                day < x.date.latest.toordinal() <= first and _bears(subject, x, self._index, acting=True)
                for x in counted
            ):
                found.add(e.id)
        for c in self._corrections:
            if c.target in found or c.replacement in found:
                found |= {c.id, c.target} | ({c.replacement} if c.replacement else set())
        return tuple(sorted(found, key=self._position.__getitem__))


def _starts(history: History, as_of: Revision, first: int, last: int) -> Iterator[int]:
    return (lo for lo, _ in history.timeline(as_of).segments(first, last))


def diff(
    rev_a: Revision,
    rev_b: Revision,
    start: DayLike | None = None,
    end: DayLike | None = None,
    *,
    history: History | None = None,
) -> list[Change]:
    """Every run of days from ``start`` to ``end`` on which revisions ``rev_a`` and ``rev_b`` answer differently.

    Args:
        rev_a: The first revision (as ``as_of`` accepts).
        rev_b: The second revision.
        history: The log to read; ``None`` for the bundled one.
        start: The first day (anything :func:`~karabakh_status.status_at` accepts).
        end: The last day, inclusive.

    ``rev_a`` and ``rev_b`` are what ``as_of`` accepts: ``None`` (the whole
    log), an ``int`` N (the first N events) or a day (the events recorded by
    then).  ``start`` defaults to 1988-01-01 and ``end`` to the last day
    either revision records or has an event take effect.  The answers compared
    (see ``answers``) are who holds each territory and place, the de facto
    state, each condition, whose recognition is in force and which statements
    were made; which event set an answer is not itself compared.
    Consecutive days with the same difference in a subject form one
    :class:`Change`; the list is ordered by first day, then subject.  Both
    revisions are walked by their runs of unchanged days, not day by day.

    >>> import karabakh_status as ks
    >>> changes = diff(251, 596, start="2020-11-08", end="2020-11-09")
    >>> c = next(c for c in changes if c.subject == "territory:shusha")
    >>> c.first, c.before, c.after
    (Date(2020, 11, 8), 'azerbaijan', 'azerbaijan (part; rest artsakh)')
    >>> c.events  # doctest: +NORMALIZE_WHITESPACE
    ('2020-11-08-shusha-captured', '2020-11-08-shusha-town-taken', '2020-11-09-karin-tak-taken',
     '2020-11-08-shusha-district-taken-but-four-villages', '2026-11-29-correct-2020-11-08-shusha-captured',
     '2020-11-08-shusha-sw-villages-stay-armenian')
    """
    history = history_or_default(history)
    a_events, b_events = history.events(as_of=rev_a), history.events(as_of=rev_b)
    latest = max(history.last_day(rev_a), history.last_day(rev_b))
    lo, hi = day_span(COVERAGE_START if start is None else start, latest if end is None else end)
    timeline_a, timeline_b = history.timeline(rev_a), history.timeline(rev_b)
    cuts = sorted({*_starts(history, rev_a, lo, hi), *_starts(history, rev_b, lo, hi)})
    blame = _Blame(a_events, b_events, history.places)
    runs: dict[str, list[Any]] = {}  # subject -> [first, last, before, after], for runs still open
    changes: list[Change] = []

    def close(subject: str) -> None:
        first, last, before, after = runs.pop(subject)
        day = pendulum.Date.fromordinal
        changes.append(Change(day(first), day(last), subject, before, after, blame(subject, first, last)))

    for i, first in enumerate(cuts):
        last = cuts[i + 1] - 1 if i + 1 < len(cuts) else hi
        differences = _differences(answers(timeline_a.status(first)), answers(timeline_b.status(first)))
        for subject in [s for s, run in runs.items() if differences.get(s) != (run[2], run[3])]:
            close(subject)
        for subject, (before, after) in differences.items():
            if subject in runs:
                runs[subject][1] = last
            else:
                runs[subject] = [first, last, before, after]
    for subject in list(runs):
        close(subject)
    order = {s: n for n, s in enumerate(_subjects(changes, history.places))}
    return sorted(changes, key=lambda c: (c.first, order[c.subject]))


def _differences(a: Mapping[str, str], b: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    out = {}
    for subject in a.keys() | b.keys():
        absent = _ABSENT.get(subject.partition(":")[0], "")
        before, after = a.get(subject, absent), b.get(subject, absent)
        if before != after:
            out[subject] = (before, after)
    return out


def _subjects(changes: list[Change], index: PlaceIndex) -> list[str]:
    """The subjects of ``changes`` in a stable order: territories and places as listed, then the rest by name.

    (By name, the rest fall in kind order: ``artsakh``, ``condition:``, ``recognition:``, ``statement:``.)
    """
    territories = [f"territory:{t}" for t in TERRITORIES]
    places = [f"place:{p}" for p in index.ids]
    rest = sorted({c.subject for c in changes} - set(territories) - set(places))
    return [*territories, *places, *rest]
