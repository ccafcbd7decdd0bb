"""Places under the property tests: random logs with their own places, actors and place events, against a model.

The model is written from the rule as the docs state it, not from the fold:
a place starts with the USSR; it changes hands only by an event that names it
(not a claim) or by one that holds its whole territory (not partial, not a
claim); on one day whole-territory events go first, then the others, each in
log order; an event takes effect on the last day of its window; a correction
drops its target.  A territory's holders are its places' holders.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import karabakh_status as ks

from .strategies import RECORDED, whens

#: The territories the random places lie in (three, so that districts are shared and divided).
TERRITORIES = ("hadrut", "martuni", "lachin")
CONTROLLERS = ("azerbaijan", "artsakh", "armenia", "russia")
MY_ACTORS = (ks.records.Actor(id="my-observer", name="My Observer", kind="office-holder"),)
SOURCE = (ks.records.Source(work="A test"),)


@st.composite
def own_places(draw: st.DrawFn) -> list[ks.records.Place]:
    """One to eight places of one's own, some with coordinates, some without, a centre in some territories."""
    n = draw(st.integers(1, 8))
    places = []
    centres: set[str] = set()
    for i in range(n):
        territory = draw(st.sampled_from(TERRITORIES))
        centre = territory not in centres and draw(st.booleans())
        if centre:
            centres.add(territory)
        located = draw(st.booleans())
        places.append(
            ks.records.Place(
                id=f"my-place-{i}",
                name=f"My Place {i}",
                kind=draw(st.sampled_from(["village", "town"])),
                territory=territory,
                centre=centre,
                lat=39.5 if located else None,
                lon=46.8 if located else None,
                no_coordinates=None if located else "a test place",
                source=SOURCE[0],
            )
        )
    return places


@st.composite
def place_logs(draw: st.DrawFn) -> tuple[list[ks.records.Place], list[ks.records.Event]]:
    """Own places and a log of place events: named, whole-district, partial, claims, announcements, corrections."""
    places = draw(own_places())
    ids = [p.id for p in places]
    events: list[ks.records.Event] = []
    for i in range(draw(st.integers(0, 14))):
        common = {"id": f"e{i}", "date": draw(whens), "summary": "A change.", "sources": SOURCE, "recorded": RECORDED}
        live = [e.id for e in events if not isinstance(e, ks.records.Correction)]
        shape = draw(st.sampled_from(["named", "whole", "partial", "claim", "announced", "correction"]))
        controller = draw(st.sampled_from(CONTROLLERS))
        if shape == "correction" and len(live) >= 2:
            target = draw(st.sampled_from(live))
            action = draw(st.sampled_from(["supersede", "retract"]))
            replacement = draw(st.sampled_from([x for x in live if x != target])) if action == "supersede" else None
            events.append(ks.records.Correction(**common, target=target, action=action, replacement=replacement))
        elif shape in ("whole", "partial"):
            territories = tuple(draw(st.lists(st.sampled_from(TERRITORIES), min_size=1, max_size=2, unique=True)))
            other = draw(st.sampled_from([c for c in CONTROLLERS if c != controller])) if shape == "partial" else None
            events.append(
                ks.records.StatusChange(
                    **common,
                    territories=territories,
                    controller=controller,
                    partial=shape == "partial",
                    other_holder=other,
                )
            )
        else:
            named = tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True)))
            basis = {"named": "confirmed", "claim": "claimed", "announced": "announced"}.get(shape, "confirmed")
            by = "my-observer" if basis in ("claimed", "announced") else None
            events.append(
                ks.records.StatusChange(**common, places=named, controller=controller, basis=basis, announced_by=by)
            )
    return places, events


def model(places: list[ks.records.Place], events: list[ks.records.Event], day: dt.date) -> dict[str, str]:
    """Each place's holder on ``day``, by the rule as written."""
    dropped = {e.target for e in events if isinstance(e, ks.records.Correction)}
    live = [
        (n, e)
        for n, e in enumerate(events)
        if isinstance(e, ks.records.StatusChange) and e.id not in dropped and e.effective <= day
    ]

    def whole(e: ks.records.StatusChange) -> bool:
        return bool(e.territories) and not e.partial

    live.sort(key=lambda ne: (ne[1].effective, 0 if whole(ne[1]) else 1, ne[0]))
    held = {p.id: "ussr" for p in places}
    for _, e in live:
        assert e.controller is not None
        if e.basis == "claimed":
            continue
        for p in places:
            if (whole(e) and p.territory in e.territories) or p.id in e.places:
                held[p.id] = e.controller
    return held


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place_logs(), st.dates(min_value=dt.date(1988, 1, 1), max_value=dt.date(2031, 12, 31)))
def test_places_follow_the_rule(log: tuple[list[ks.records.Place], list[ks.records.Event]], day: dt.date) -> None:
    """Every place's holder is the model's, and every territory with places holds exactly its places' holders."""
    places, events = log
    h = ks.History(events, places=places, actors=[*ks.actors().values(), *MY_ACTORS])
    s = h.status_at(day)
    want = model(places, events, day)
    assert {p.id: s.places[p.id].controller for p in places} == want
    for p in places:
        assert s.controller(p.name) == want[p.id]  # names resolve in this history's own gazetteer
    for t in TERRITORIES:
        mine = {want[p.id] for p in places if p.territory == t}
        if mine:
            state = s.territories[t]
            assert set(state.holders) == mine, t
            assert state.partial is (len(mine) > 1), t


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place_logs(), st.randoms(use_true_random=False))
def test_place_answers_do_not_depend_on_the_order_of_days_asked(
    log: tuple[list[ks.records.Place], list[ks.records.Event]], rnd: object
) -> None:
    """status_range over the events' days gives, day by day, what status_at gives; place_history tiles the span."""
    places, events = log
    h = ks.History(events, places=places, actors=[*ks.actors().values(), *MY_ACTORS])
    days = sorted({e.effective for e in events} | {pendulum.Date(1988, 1, 1)})
    first, last = days[0], days[-1]
    by_range = h.status_range(first, min(last, first.add(days=400)))
    for s in by_range[:: max(1, len(by_range) // 20)]:
        assert s == h.status_at(s.day)
    for p in places:
        runs = ks.place_history(p.id, first, last, history=h)
        assert runs[0].first == first
        assert runs[-1].last == last
        for a, b in itertools.pairwise(runs):
            assert a.last.add(days=1) == b.first
        for run in runs:
            assert run.controller == model(places, events, run.first)[p.id]


def test_an_unknown_place_or_actor_in_a_random_log_is_refused() -> None:
    """A log naming a place or actor its history lacks is a LogError of the right kind, with a suggestion."""
    place = ks.records.Place(id="my-place", name="My Place", kind="village", territory="hadrut",
                             no_coordinates="a test place", source=SOURCE[0])  # fmt: skip
    common = {"date": ks.answers.parse_when("1993-01-01"), "summary": "A change.", "sources": SOURCE}
    typo = ks.records.StatusChange(id="a", recorded=RECORDED, places=("my-plase",), controller="artsakh", **common)
    with pytest.raises(ks.LogError) as info:
        ks.History([typo], places=[place])
    assert info.value.kind is ks.errors.LogProblem.UNKNOWN_PLACE
    assert "did you mean my-place" in str(info.value)
    said = ks.records.Statement(id="b", recorded=RECORDED, actor="my-observr", stance="other", **common)
    with pytest.raises(ks.LogError) as info:
        ks.History([said], actors=[*ks.actors().values(), *MY_ACTORS])
    assert info.value.kind is ks.errors.LogProblem.UNKNOWN_ACTOR
    assert "did you mean my-observer" in str(info.value)
