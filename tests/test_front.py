"""The front line, place by place: the rule that moves places, its invariants on every day, claims beside control."""

from __future__ import annotations

import pendulum
import pytest

import karabakh_status as ks
from karabakh_status._fold import covers, effect_rank

from .strategies import RECORDED

H = ks.default_history()
INDEX = H.places
LAST = pendulum.Date.fromisoformat(H.data_version().last_reviewed or "2026-01-01")


def _live() -> list[ks.records.Event]:
    """The events in force, in effect order (whole-district changes first on a day, then log order)."""
    events = H.events()
    dropped = {e.target for e in events if isinstance(e, ks.records.Correction)}
    order = {id(e): i for i, e in enumerate(events)}
    live = [e for e in events if not isinstance(e, ks.records.Correction) and e.id not in dropped]
    return sorted(live, key=lambda e: (e.effective, effect_rank(e), order[id(e)]))


LIVE = _live()


def _stronger(before: ks.answers.PlaceState, event: ks.records.StatusChange) -> bool:
    """Whether ``event`` confirms what ``before`` held on one party's word."""
    return before.named and before.basis == "announced" and event.basis in ("confirmed", "agreement")


def _unchanged_by_their_events() -> list[tuple[str, str, str, str]]:
    """Each (date, event, place, event holding it before) of a place-naming control event that changes nothing.

    An event changes its place when someone else held the place on some
    day from the eve of its date window to the eve of its effect (it says
    the change happened within its window, however precisely another event
    dates it), when an event covering the place's whole district the same
    day would give it to someone else (the day's named exception), when it
    confirms an announcement the place rested on, or when it settles an open
    claim about the place (the place holding out against it).
    """
    claims = H.timeline().claims
    covering = {}
    for e in LIVE:
        if covers(e):
            for t in e.territories:
                covering.setdefault((t, e.effective), []).append(e)
    found = []
    for e in LIVE:
        if not (isinstance(e, ks.records.StatusChange) and e.places) or e.basis == "claimed":
            continue
        opened, took = e.date.earliest, e.effective
        first = opened.subtract(days=1) if opened > ks.vocabulary.COVERAGE_START else opened
        days = [first.add(days=k) for k in range((took - first).days)]
        statuses = [H.status_at(d) for d in days]
        for p in e.places:
            held = {s.places.controller(p) for s in statuses}
            if held - {e.controller} or not statuses:
                continue
            territory = INDEX.territory[INDEX.position[p]]
            if any(w.controller != e.controller for w in covering.get((territory, took), ())):
                continue
            st = statuses[-1].places[p]
            if _stronger(st, e) or any(c.settled_by is e for c in claims.of(INDEX.position[p])):
                continue
            found.append((str(e.date), e.id, p, st.event.id if st.event else "-"))
    return found


def test_every_place_naming_event_changes_its_place() -> None:
    """No place-naming control event leaves its place as it was before its date window: it moves it, confirms
    an announcement it rested on, or settles a claim about it (an event covering its whole district may move it too)."""
    unchanged = _unchanged_by_their_events()
    assert unchanged == [], f"{len(unchanged)} unchanged, e.g. {unchanged[:8]}"


def test_a_place_answers_only_from_an_event_that_names_it_or_covers_its_district() -> None:
    """Each day, a place's holder comes from an event naming it or covering its whole district, never a partial one."""
    bad = []
    for segment in H.segments(ks.vocabulary.COVERAGE_START, LAST):
        places = segment.status.places
        for p in INDEX.ids:
            st = places[p]
            e = st.event
            if e is None:
                ok = st.controller == "ussr"
            elif st.named:
                ok = p in e.places and e.basis != "claimed" and st.controller == e.controller
            else:
                territory = INDEX.territory[INDEX.position[p]]
                ok = covers(e) and territory in e.territories and st.controller == e.controller
            if not ok:
                bad.append((str(segment.first), p, e.id if e else None))
    assert bad == [], bad[:8]


def test_districts_agree_with_their_places_on_every_day() -> None:
    """On every day each district with places lists exactly its places' holders, the centre's holder first."""
    bad = []
    for segment in H.segments(ks.vocabulary.COVERAGE_START, LAST):
        s = segment.status
        held = s.places.controllers()
        for t, state in s.territories.items():
            positions = INDEX.by_territory[t]
            if not positions:
                continue
            holders = {held[i] for i in positions}
            centre = INDEX.centre.get(t)
            main_ok = centre is None or held[centre] == state.controller or held[centre] == "russia"
            if set(state.holders) != holders or state.partial != (len(holders) > 1) or not main_ok:
                bad.append((str(segment.first), t, state.holders, sorted(holders)))
    assert bad == [], bad[:8]


#: District events that no recorded place bears out: the other side's ground there is not in the gazetteer.
KNOWN_GAPS = {
    # The 1991-12-26 split names Azerbaijani enclaves in Shahumyan district that no page read names.
    ("1991-12-26-askeran-shahumyan-split-cited", "shahumyan"),
    # The 1994 ceasefire line left part of Martuni district with Azerbaijan; no page read names a village there.
    ("1994-05-12-ceasefire-line-cited", "martuni"),
    # Sources disagree: this event has Azerbaijan holding part of the Stepanakert area from 19 September 2023, while
    # the Artsakh side says the Krkzhan suburb passed to the peacekeepers (2023-09-21-krkzhan-peacekeepers).
    ("2023-09-19-stepanakert-in-part-azerbaijan", "stepanakert"),
}


def test_district_events_agree_with_the_places_on_their_days() -> None:
    """Every district-level event in force is borne out by its district's places on some day of its window, but for
    the documented gaps of the gazetteer."""
    problems = {(d.event, d.territory) for d in ks.answers.place_disagreements()}
    assert problems == KNOWN_GAPS


def test_a_basis_belongs_to_the_place_its_event_names() -> None:
    """A place's basis is its own event's, and a claim is about a place its announcement names."""
    for day in ("1992-01-15", "1993-09-01", "2020-10-10", "2020-10-25", "2020-11-09", "2021-06-01", "2023-09-25"):
        s = ks.status_at(day)
        for p, st in s.places.items():
            assert st.basis == (st.event.basis if st.event else None), (day, p)
            for c in st.claims:
                assert (c.place, p in c.event.places, c.event.basis in ("announced", "claimed")) == (p, True, True)
        assert {c.place for c in s.claims} == {p for p, st in s.places.items() if st.claims}


def test_khojaly_was_azerbaijani_held_until_february_1992() -> None:
    """Khojaly, an Azerbaijani-held town in the Armenian-held Askeran district, changes hands on 26 February 1992."""
    assert ks.status_at("1992-01-15").controller("khojaly") == "azerbaijan"
    assert ks.status_at("1992-01-15").territories["askeran"].holders == ("artsakh", "azerbaijan")
    assert ks.status_at("1992-02-26").controller("khojaly") == "artsakh"


def test_hin_tagher_and_khtsaberd_held_out_until_december_2020() -> None:
    """The two Hadrut villages stay with the Armenian side after their district centre falls, until 12 December 2020."""
    for day in ("2020-10-20", "2020-11-15", "2020-12-11"):
        s = ks.status_at(day)
        assert (s.controller("hin-tagher"), s.controller("khtsaberd")) == ("artsakh", "artsakh"), day
        assert s.territories["hadrut"].partial, day
    assert ks.status_at("2020-12-15").controller("khtsaberd") == "azerbaijan"


def test_jabrayil_district_is_held_in_part_while_its_villages_fall() -> None:
    """After Jabrayil town falls, the district is held in part until its last villages are announced."""
    s = ks.status_at("2020-10-10")
    t = s.territories["jabrayil"]
    assert (t.controller, t.partial) == ("azerbaijan", True)
    village = INDEX.by_territory["jabrayil"]
    held = {s.places.controllers()[i] for i in village}
    assert held == {"azerbaijan", "artsakh"}
    assert not ks.status_at("2020-11-11").territories["jabrayil"].partial


def test_hadrut_town_on_10_october_2020_shows_the_claim_beside_control() -> None:
    """Hadrut town on 10 October 2020: held by Artsakh; Azerbaijan's claim of 9 October open, confirmed 14-15 Oct."""
    st = ks.status_at("2020-10-10").places["hadrut-town"]
    assert st.controller == "artsakh"
    (claim,) = st.claims
    assert (claim.by, str(claim.event.date), claim.outcome) == ("azerbaijan", "2020-10-09", "confirmed")
    assert claim.settled_by is not None
    assert str(claim.settled_by.date) == "2020-10-14/2020-10-15"
    later = ks.status_at("2020-10-16").places["hadrut-town"]
    assert (later.controller, later.basis, later.claims) == ("azerbaijan", "confirmed", ())


def test_the_gazetteer_holds_every_place_the_events_name() -> None:
    """At least 600 places, and every place an event in force names is one of them."""
    assert len(ks.places()) >= 600
    named = {p for e in LIVE if isinstance(e, ks.records.StatusChange) for p in e.places}
    assert named <= set(INDEX.ids)


def _change(eid: str, day: str, **kw: object) -> ks.records.StatusChange:
    return ks.records.StatusChange(
        id=eid,
        date=ks.answers.parse_when(day),
        summary="A test.",
        sources=(ks.records.Source(work="test"),),
        recorded=RECORDED,
        **kw,  # type: ignore[arg-type]
    )


def test_claims_open_and_settle_on_a_log_of_ones_own() -> None:
    """An announcement moves its place on one party's word and stays a claim until confirmed; a claim moves nothing."""
    places = [
        ks.records.Place(
            id="town",
            name="Town",
            kind="town",
            centre=True,
            territory="hadrut",
            no_coordinates="test",
            source=ks.records.Source(work="test"),
        ),
        ks.records.Place(
            id="hill",
            name="Hill",
            kind="height",
            territory="hadrut",
            no_coordinates="test",
            source=ks.records.Source(work="test"),
        ),
    ]
    log = [
        _change("w", "2000-01-01", territories=("hadrut",), controller="artsakh"),
        _change(
            "a", "2000-02-01", places=("hill",), controller="azerbaijan", basis="announced", announced_by="azerbaijan"
        ),
        _change(
            "c", "2000-02-05", places=("town",), controller="azerbaijan", basis="claimed", announced_by="azerbaijan"
        ),
        _change("t", "2000-02-10", places=("town", "hill"), controller="azerbaijan", basis="confirmed"),
    ]
    h = ks.History(log, places=places)
    s = h.status_at("2000-02-06")
    assert s.controller("Hill") == "azerbaijan"
    assert s.places["hill"].basis == "announced"
    assert s.controller("Town") == "artsakh"
    assert [(c.place, c.outcome) for c in s.claims] == [("town", "confirmed"), ("hill", "confirmed")]
    assert s.territories["hadrut"].holders == ("artsakh", "azerbaijan")
    after = h.status_at("2000-02-10")
    assert after.claims == ()
    assert after.territories["hadrut"].holders == ("azerbaijan",)
    with pytest.raises(ks.LogError) as caught:
        ks.History([_change("x", "2000-01-01", places=("hil",), controller="artsakh")], places=places)
    assert caught.value.kind is ks.errors.LogProblem.UNKNOWN_PLACE
    assert "hill" in str(caught.value)
