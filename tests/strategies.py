"""Shared hypothesis strategies: valid event records and logs."""

from __future__ import annotations

import datetime as dt

import pendulum
from hypothesis import strategies as st

from karabakh_status.answers import parse_when
from karabakh_status.records import Correction, Event, Recognition, Source, Statement, StatusChange
from karabakh_status.vocabulary import (
    CONDITIONS,
    CONTROLLERS,
    RECOGNITION_ACTIONS,
    RECOGNITION_LEVELS,
    STANCES,
    STATE_ACTIONS,
    TERRITORIES,
)

RECORDED = pendulum.Date(2026, 11, 27)

#: Actors a random event may name: bundled ones (a log may name only actors its history knows).
ACTOR_IDS = ["armenia", "france", "maine", "pace", "un-general-assembly", "artsakh"]
actor_ids = st.sampled_from(ACTOR_IDS)

days = st.dates(min_value=dt.date(1988, 1, 1), max_value=dt.date(2030, 12, 31))
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
lines = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)


@st.composite
def when_texts(draw: st.DrawFn) -> str:
    """A date in any of the log's five forms."""
    d = draw(days)
    form = draw(st.sampled_from(["day", "month", "year", "range", "before"]))
    if form == "day":
        return d.isoformat()
    if form == "month":
        return d.isoformat()[:7]
    if form == "year":
        return d.isoformat()[:4]
    if form == "before":
        return f"../{d.isoformat()}"
    end = d + dt.timedelta(days=draw(st.integers(1, 60)))
    return f"{d.isoformat()}/{end.isoformat()}"


whens = when_texts().map(parse_when)
sources = st.builds(
    Source,
    work=lines,
    refs=st.lists(st.integers(1, 227), max_size=3).map(tuple),
    url=st.none() | st.just("https://example.org/x"),
)


def _common(draw: st.DrawFn, id_: str | None = None) -> dict[str, object]:
    return {
        "id": id_ or draw(slugs),
        "date": draw(whens),
        "summary": draw(lines),
        "sources": tuple(draw(st.lists(sources, min_size=1, max_size=2))),
        "recorded": RECORDED,
        "note": draw(st.none() | lines),
    }


@st.composite
def status_changes(draw: st.DrawFn, id_: str | None = None) -> StatusChange:
    """A status change of any of the three groups."""
    kw = _common(draw, id_)
    group = draw(st.sampled_from(["control", "state", "condition"]))
    if group == "control":
        territories = draw(st.lists(st.sampled_from(list(TERRITORIES)), min_size=1, max_size=4, unique=True))
        controller = draw(st.sampled_from(list(CONTROLLERS)))
        partial = draw(st.booleans())
        other = draw(st.sampled_from([c for c in CONTROLLERS if c != controller])) if partial else None
        return StatusChange(
            **kw, territories=tuple(territories), controller=controller, partial=partial, other_holder=other
        )
    if group == "state":
        state = draw(st.sampled_from(STATE_ACTIONS))
        name = draw(lines) if state in ("proclaimed", "renamed") else None
        return StatusChange(**kw, state=state, name=name)
    condition = draw(st.sampled_from(list(CONDITIONS)))
    return StatusChange(**kw, condition=condition, value=draw(st.sampled_from(CONDITIONS[condition])))


@st.composite
def statements(draw: st.DrawFn, id_: str | None = None) -> Statement:
    """A statement with any optional fields."""
    return Statement(
        **_common(draw, id_),
        actor=draw(actor_ids),
        stance=draw(st.sampled_from(STANCES)),
        document=draw(st.none() | lines),
        quote=draw(st.none() | lines),
        speaker=draw(st.none() | lines),
        vote=draw(st.none() | st.just("39-7-100")),
    )


@st.composite
def recognitions(draw: st.DrawFn, id_: str | None = None, actors: list[str] | None = None) -> Recognition:
    """A recognition event of any action."""
    actor = draw(st.sampled_from(actors)) if actors else draw(actor_ids)
    return Recognition(
        **_common(draw, id_),
        actor=actor,
        action=draw(st.sampled_from(RECOGNITION_ACTIONS)),
        level=draw(st.sampled_from(RECOGNITION_LEVELS)),
        quote=draw(st.none() | lines),
    )


def any_event(id_: str | None = None) -> st.SearchStrategy[Event]:
    """A non-correction event."""
    return st.one_of(status_changes(id_), statements(id_), recognitions(id_, actors=ACTOR_IDS[:3]))


@st.composite
def logs(draw: st.DrawFn, max_size: int = 25, corrections: bool = True) -> list[Event]:
    """A valid log: unique ids, corrections only of earlier events."""
    n = draw(st.integers(0, max_size))
    events: list[Event] = []
    for i in range(n):
        earlier = [e.id for e in events if not isinstance(e, Correction)]
        if corrections and len(earlier) >= 2 and draw(st.integers(0, 9)) == 0:
            target = draw(st.sampled_from(earlier))
            action = draw(st.sampled_from(["supersede", "retract"]))
            replacement = draw(st.sampled_from([x for x in earlier if x != target])) if action == "supersede" else None
            events.append(Correction(**_common(draw, f"c{i}"), target=target, action=action, replacement=replacement))
        else:
            events.append(draw(any_event(f"e{i}")))
    return events


#: Any object a caller might pass where a day or a revision is expected.
any_objects = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.binary(),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.timezones()),
    st.times(),
    st.timedeltas(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
