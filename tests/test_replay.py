"""Replay: a deterministic fold, answered by bisection, pinned by as_of."""

from __future__ import annotations

import datetime as dt
import itertools

import pendulum
import pytest
from hypothesis import given, strategies as st

import karabakh_status as ks
from karabakh_status._data import bundled_index
from karabakh_status._fold import apply, effect_rank, initial_snapshot

from .strategies import RECORDED, any_objects, days, logs


def reference_status(events: list[ks.records.Event], day: dt.date) -> tuple[object, ...]:
    """Replay the whole log for one day, the slow obvious way."""
    dropped = {e.target for e in events if isinstance(e, ks.records.Correction)}
    live = [e for e in events if not isinstance(e, ks.records.Correction) and e.id not in dropped]
    live.sort(key=lambda e: (e.effective, effect_rank(e)))  # stable: log order within a day and rank
    index = bundled_index()
    state = initial_snapshot(index)
    for e in live:
        if e.effective <= day:
            state = apply(state, e, index)
    made = [e for e in live if isinstance(e, ks.records.Recognition) and e.action == "recognize" and e.effective <= day]
    withdrawn_by = {}
    for e in live:
        if isinstance(e, ks.records.Recognition) and e.action == "withdraw" and e.effective <= day:
            withdrawn_by.setdefault(e.actor, []).append(e.effective)
    dissolved = [e.effective for e in live if isinstance(e, ks.records.StatusChange) and e.state == "dissolved"]
    ended = [d for d in dissolved if d <= day]
    in_force = [
        r
        for r in made
        if not any(w >= r.effective for w in withdrawn_by.get(r.actor, [])) and not any(d >= r.effective for d in ended)
    ]
    return (
        dict(state.territories),
        state.artsakh,
        dict(state.conditions),
        [r.id for r in in_force],
        [e.id for e in live if isinstance(e, ks.records.Statement) and e.effective <= day],
    )


def view(s: ks.Status) -> tuple[object, ...]:
    return (
        dict(s.territories),
        s.artsakh,
        dict(s.conditions),
        [r.id for r in s.recognitions],
        [e.id for e in s.statements],
    )


def distinct_days(log: list[ks.records.Event]) -> bool:
    live = [e for e in log if not isinstance(e, ks.records.Correction)]
    return len({e.effective for e in live}) == len(live)


class TestReplay:
    """The timeline answers exactly what a full replay answers."""

    @given(logs(corrections=False).filter(distinct_days), days)
    def test_matches_reference(self, log: list[ks.records.Event], day: dt.date) -> None:
        """status_at equals replaying the whole log up to the day (events on distinct days)."""
        h = ks.History(log)
        assert view(h.status_at(day)) == reference_status(log, day)

    @given(logs(), days)
    def test_deterministic(self, log: list[ks.records.Event], day: dt.date) -> None:
        """Two loads of the same log give equal answers."""
        assert ks.History(log).status_at(day) == ks.History(list(log)).status_at(day)

    @given(logs(corrections=False).filter(distinct_days), st.randoms(), days)
    def test_order_independent(self, log: list[ks.records.Event], rnd: object, day: dt.date) -> None:
        """Events taking effect on different days give the same answer in any log order."""
        shuffled = list(log)
        rnd.shuffle(shuffled)  # type: ignore[attr-defined]
        assert view(ks.History(log).status_at(day)) == view(ks.History(shuffled).status_at(day))

    @given(logs(), st.data())
    def test_as_of_is_prefix(self, log: list[ks.records.Event], data: st.DataObject) -> None:
        """status_at(d, as_of=N) equals loading the first N events as a separate log."""
        n = data.draw(st.integers(0, len(log)))
        day = data.draw(days)
        assert ks.History(log).status_at(day, as_of=n) == ks.History(log[:n]).status_at(day)

    @given(logs(), days, days)
    def test_changes_between_in_effect_order(self, log: list[ks.records.Event], a: dt.date, b: dt.date) -> None:
        """changes_between gives exactly the live events effective in (start, end], in effect order."""
        start, end = min(a, b), max(a, b)
        got = ks.History(log).changes_between(start, end)
        assert all(start < e.effective <= end for e in got)
        assert [e.effective for e in got] == sorted(e.effective for e in got)
        dropped = {e.target for e in log if isinstance(e, ks.records.Correction)}
        expected = {
            e.id
            for e in log
            if not isinstance(e, ks.records.Correction) and e.id not in dropped and start < e.effective <= end
        }
        assert {e.id for e in got} == expected


def event(kind: type[ks.records.Event], id_: str, date: str, **kw: object) -> ks.records.Event:
    return kind(  # type: ignore[call-arg]
        id=id_,
        date=ks.answers.parse_when(date),
        summary=f"{id_}.",
        sources=(ks.records.Source(work="test"),),
        recorded=kw.pop("recorded", RECORDED),  # type: ignore[arg-type]
        **kw,
    )


def test_event_in_force_on_its_day() -> None:
    """An event dated D is in force on D, not on D-1."""
    h = ks.History([event(ks.records.StatusChange, "a", "1993-04-03", territories=("kalbajar",), controller="artsakh")])
    assert h.status_at("1993-04-02").controller("kalbajar") == "ussr"
    assert h.status_at("1993-04-03").controller("kalbajar") == "artsakh"
    assert h.status_at("1993-04-03").territories["kalbajar"].since == pendulum.Date(1993, 4, 3)


def test_imprecise_date_uncertain_then_effective() -> None:
    """A month-precise event is uncertain through its month and takes effect on its last day."""
    e = event(
        ks.records.Recognition, "nsw", "2012-10", actor="new-south-wales", action="recognize", level="subnational"
    )
    h = ks.History([e])
    assert h.status_at("2012-09-30").uncertain == ()
    assert h.status_at("2012-10-01").uncertain == (e,)
    assert h.status_at("2012-10-30").recognitions == ()
    assert h.status_at("2012-10-31").recognitions == (e,)
    assert h.status_at("2012-10-31").uncertain == ()


def test_withdrawal_ends_recognition_and_calls_do_not_count() -> None:
    """A withdrawal ends the actor's recognition; calls and rejections never count."""
    made = event(ks.records.Recognition, "m", "2013-04-10", actor="maine", action="recognize", level="subnational")
    gone = event(ks.records.Recognition, "w", "2013-04-30", actor="maine", action="withdraw", level="subnational")
    call = event(ks.records.Recognition, "c", "2013-04-11", actor="paris", action="call", level="municipal")
    rej = event(ks.records.Recognition, "r", "2013-04-12", actor="vermont", action="reject", level="subnational")
    h = ks.History([made, gone, call, rej])
    assert h.status_at("2013-04-20").recognitions == (made,)
    assert h.status_at("2013-04-30").recognitions == ()
    assert h.status_at("2013-05-15").recognitions == ()


def test_correction_supersedes_but_as_of_remembers() -> None:
    """A superseded event stops counting; as_of before the correction still shows it."""
    wrong = event(ks.records.StatusChange, "wrong", "1993-04-01", territories=("kalbajar",), controller="artsakh")
    right = event(ks.records.StatusChange, "right", "1993-04-03", territories=("kalbajar",), controller="artsakh")
    fix = event(ks.records.Correction, "fix", "2026-11-27", target="wrong", action="supersede", replacement="right")
    h = ks.History([wrong, right, fix])
    assert h.status_at("1993-04-02").controller("kalbajar") == "ussr"
    assert h.status_at("1993-04-02", as_of=2).controller("kalbajar") == "artsakh"
    assert h.status_at("1993-04-03").territories["kalbajar"].event == right
    assert fix not in h.changes_between("1993-01-01", "2030-01-01")
    assert wrong not in h.changes_between("1993-01-01", "2030-01-01")


def test_as_of_recorded_day() -> None:
    """as_of a day sees only the events recorded on or before it."""
    a = event(
        ks.records.StatusChange,
        "a",
        "1992-05-08",
        territories=("shusha",),
        controller="artsakh",
        recorded=pendulum.Date(2026, 1, 1),
    )
    b = event(
        ks.records.StatusChange,
        "b",
        "1992-05-18",
        territories=("lachin",),
        controller="artsakh",
        recorded=pendulum.Date(2026, 6, 1),
    )
    h = ks.History([a, b])
    assert h.revision("2026-03-01") == 1
    assert h.status_at("1993-01-01", as_of="2026-03-01").controller("lachin") == "ussr"
    assert h.status_at("1993-01-01", as_of=pendulum.Date(2026, 6, 1)).controller("lachin") == "artsakh"


def test_dissolution_ends_recognitions() -> None:
    """Recognitions stop being in force when the de facto state is dissolved."""
    made = event(ks.records.Recognition, "m", "2013-04-10", actor="maine", action="recognize", level="subnational")
    gone = event(ks.records.StatusChange, "d", "2024-01-01", state="dissolved")
    h = ks.History([made, gone])
    assert h.status_at("2023-12-31").recognitions == (made,)
    assert h.status_at("2024-01-01").recognitions == ()


def test_partial_control() -> None:
    """In a log without places, partial control keeps the other holder; with places, it moves none of them."""
    log = [
        event(
            ks.records.StatusChange,
            "p",
            "1994-05-12",
            territories=("agdam", "fuzuli"),
            controller="artsakh",
            partial=True,
            other_holder="azerbaijan",
        )
    ]
    t = ks.History(log, places=()).status_at("2000-01-01").territories["agdam"]
    assert (t.controller, t.partial, t.other_holder) == ("artsakh", True, "azerbaijan")
    s = ks.History(log).status_at("2000-01-01")  # the bundled places: only events naming them move them
    assert s.territories["agdam"].controller == "ussr"
    assert s.controller("agdam-town") == "ussr"


def test_state_lifecycle() -> None:
    """Proclamation, renaming and dissolution set exists and name."""
    h = ks.History(
        [
            event(ks.records.StatusChange, "p", "1991-09-02", state="proclaimed", name="Nagorno-Karabakh Republic"),
            event(ks.records.StatusChange, "r", "2017-02-20", state="renamed", name="Republic of Artsakh"),
            event(ks.records.StatusChange, "d", "2024-01-01", state="dissolved"),
        ]
    )
    assert (h.status_at("1991-09-01").artsakh.exists, h.status_at("1991-09-01").artsakh.name) == (False, None)
    assert h.status_at("2000-01-01").artsakh.name == "Nagorno-Karabakh Republic"
    assert h.status_at("2023-12-31").artsakh.name == "Republic of Artsakh"
    assert not h.status_at("2024-01-01").artsakh.exists


@pytest.mark.parametrize("as_of", [-1, 4, True, 1.5, "yesterday", [1]])
def test_bad_as_of(as_of: object) -> None:
    """An as_of that is no revision raises a documented ValueError."""
    with pytest.raises(ValueError, match="expected"):
        ks.History([]).status_at("2000-01-01", as_of=as_of)


def test_start_after_end() -> None:
    """changes_between refuses a reversed interval."""
    with pytest.raises(ks.InvalidDateError, match="start on or before end"):
        ks.History([]).changes_between("2020-12-01", "2020-09-26")


@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.text(),
        st.binary(),
        st.lists(st.text(max_size=2), max_size=2),
        st.floats(),
    )
)
def test_controller_only_documented_errors(value: object) -> None:
    """controller() with any object returns a controller or raises UnknownTerritoryError."""
    s = ks.History([]).status_at("2000-01-01")
    try:
        assert s.controller(value) in ks.vocabulary.CONTROLLERS  # type: ignore[arg-type]
    except ks.UnknownTerritoryError as exc:
        assert isinstance(exc, KeyError)
        assert "unknown territory" in str(exc)


@given(any_objects, any_objects)
def test_queries_raise_only_documented_errors(a: object, b: object) -> None:
    """status_at and changes_between with any objects answer or raise InvalidDateError/InvalidRevisionError."""
    h = ks.default_history()
    for call in (lambda: h.status_at(a), lambda: h.status_at(a, as_of=b), lambda: h.changes_between(a, b)):
        try:
            call()
        except (ks.InvalidDateError, ks.InvalidRevisionError):
            pass


def test_timeline_matches_daily_sweep_on_every_day() -> None:
    """On every day of coverage every fast path equals a day-by-day sweep of the bundled log.

    The sweep folds the live events in effect order and keeps, as it goes,
    the statements made, the recognitions in force (a withdrawal by the same
    actor or the state's dissolution ends them) and the events whose date
    window holds the day.  It is compared with ``History.status_at`` by date
    (remembered after the first time), the module-level ``status_at`` by
    date and by ISO string, and ``History.status_range`` over the whole span.
    """
    h = ks.History(ks.events())  # a fresh History: nothing remembered yet
    corrections = [e for e in h.events() if isinstance(e, ks.records.Correction)]
    dropped = {e.target for e in corrections}
    live = sorted(
        (e for e in h.events() if not isinstance(e, ks.records.Correction) and e.id not in dropped),
        key=lambda e: (e.effective, effect_rank(e)),
    )
    index = h.places
    state = initial_snapshot(index)
    statements: list[str] = []
    open_by_actor: dict[str, list[tuple[int, str]]] = {}
    k = 0
    first = dt.date(1988, 1, 1)
    end = max(e.effective for e in live) + dt.timedelta(days=30)
    ranged = h.status_range(first, end)
    day = first
    while day <= end:
        while k < len(live) and live[k].effective <= day:
            e = live[k]
            state = apply(state, e, index)
            if isinstance(e, ks.records.Statement):
                statements.append(e.id)
            elif isinstance(e, ks.records.StatusChange) and e.state == "dissolved":
                open_by_actor.clear()
            elif isinstance(e, ks.records.Recognition) and e.action == "recognize":
                open_by_actor.setdefault(e.actor, []).append((k, e.id))
            elif isinstance(e, ks.records.Recognition) and e.action == "withdraw":
                open_by_actor.pop(e.actor, None)
            k += 1
        in_force = [rid for _, rid in sorted(r for made in open_by_actor.values() for r in made)]
        uncertain = [e.id for e in live if e.date.earliest <= day < e.date.latest]
        for _ in range(2):  # the second time from the memo
            s = h.status_at(day)
            assert dict(s.territories) == dict(state.territories), day
            assert s.artsakh == state.artsakh, day
            assert dict(s.conditions) == dict(state.conditions), day
            assert [e.id for e in s.statements] == statements, day
            assert [r.id for r in s.recognitions] == in_force, day
            assert [e.id for e in s.uncertain] == uncertain, day
        assert ks.status_at(day) == s, day
        assert ks.status_at(day.isoformat()) == s, day
        assert ranged[(day - first).days] == s, day
        day += dt.timedelta(days=1)


@given(logs(), days, st.integers(0, 400))
def test_status_range_equals_status_at(log: list[ks.records.Event], start: dt.date, span: int) -> None:
    """status_range gives, day by day, exactly what status_at gives."""
    h = ks.History(log)
    end = start + dt.timedelta(days=span)
    got = h.status_range(start, end)
    assert len(got) == span + 1
    for k in range(0, span + 1, 7):
        assert got[k] == h.status_at(start + dt.timedelta(days=k))


class _EvilDay:
    """Equal to everything, with a remembered day's hash: must never be answered from the memo."""

    def __init__(self, like: object) -> None:
        self._hash = hash(like)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return True


class _IsoSubclass(str):
    pass


@given(days)
def test_remembered_answers_equal_fresh_ones(day: dt.date) -> None:
    """status_at by date, pendulum.Date or ISO string: remembered or not, the answer of the bisected timeline."""
    h = ks.default_history()
    timeline = h.timeline()
    fresh = timeline.status(day.toordinal())
    for when in (day, pendulum.Date(day.year, day.month, day.day), day.isoformat()):
        first = ks.status_at(when)
        assert first == fresh
        assert first.day == day
        assert ks.status_at(when) is first  # the second time it is the remembered value
        assert h.status_at(when) is first
        assert ks.History(h.events()).status_at(when) == fresh  # another History, its own memo


def test_remembers_only_exact_types() -> None:
    """Subclasses and look-alikes are answered afresh each time (or rejected), never from what is remembered."""
    h = ks.History(ks.events())  # answers of its own, untouched by other tests
    remembered = h.status_at("2020-11-25")
    assert h.status_at("2020-11-25") is remembered
    sub = _IsoSubclass("2020-11-24")
    assert h.status_at(sub).controller("kalbajar") == "artsakh"
    assert h.status_at(sub) is not h.status_at(sub)  # answered afresh each time
    assert h.status_at("2020-11-24") is not h.status_at(sub)
    with pytest.raises(ks.InvalidDateError):
        h.status_at(_EvilDay("2020-11-25"))
    with pytest.raises(ks.InvalidDateError):
        ks.status_at(_EvilDay("2020-11-25"))
    aware = dt.datetime(2020, 11, 24, 21, 0, tzinfo=dt.UTC)  # 25 November in Baku
    assert h.status_at(aware) == remembered
    assert h.status_at(aware) is not h.status_at(aware)  # aware datetimes are never remembered


def test_remembered_answers_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past History.cache_size values the History starts afresh, and still answers correctly."""
    monkeypatch.setattr(ks.History, "cache_size", 10)
    h = ks.History(ks.events())
    first = dt.date(2020, 11, 1)
    kept = h.status_at(first)
    assert h.status_at(first) is kept
    for k in range(1, 25):
        day = first + dt.timedelta(days=k)
        assert h.status_at(day) == h.timeline().status(day.toordinal())
    assert h.status_at(first) is not kept  # forgotten when the cache started afresh
    assert h.status_at(first) == kept
    assert h.status_at("2020-11-25").controller("kalbajar") == "azerbaijan"


def test_revisions_kept_are_bounded() -> None:
    """Asking 500 revisions keeps at most ``revisions_kept`` of them folded: memory as if only the last were asked."""
    import gc
    import tracemalloc

    def held(revisions: range) -> int:
        """The memory a fresh history still holds after answering at these revisions."""
        gc.collect()
        tracemalloc.start()
        try:
            h = ks.default_history().pinned(500)
            day = pendulum.Date(2020, 11, 25)
            for n in revisions:
                assert h.status_at(day, as_of=n) == h.timeline(n).status(day.toordinal())
            assert len(h._timelines) <= ks.History.revisions_kept
            assert h.timeline(500) is h.timeline()  # the whole log's timeline is kept outside the bound
            gc.collect()
            return tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()

    kept = ks.History.revisions_kept
    all_of_them, only_the_last = held(range(1, 501)), held(range(500 - kept, 501))
    assert all_of_them < only_the_last * 1.25 + 2**20, (all_of_them, only_the_last)


def test_bad_query_is_not_remembered() -> None:
    """A rejected string stays rejected each time it is asked."""
    h = ks.History(ks.events())
    for _ in range(2):
        with pytest.raises(ks.InvalidDateError):
            h.status_at("1987-12-31")
        with pytest.raises(ks.InvalidDateError):
            h.status_at("2020-02-30")


def test_status_is_a_plain_value() -> None:
    """A Status is no tuple: no length, no iteration, no ordering; immutable, hashable, equal by content."""
    import copy

    s = ks.status_at("2020-11-25")
    assert not isinstance(s, tuple)
    with pytest.raises(TypeError):
        len(s)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        iter(s)  # type: ignore[call-overload]
    other = ks.History(ks.events()).status_at("2020-11-25")
    with pytest.raises(TypeError):
        s < other  # type: ignore[operator]  # noqa: B015
    with pytest.raises(AttributeError):
        s.day = pendulum.Date(2020, 1, 1)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del s._ordinal
    assert other == s
    assert hash(other) == hash(s)
    assert other != ks.status_at("2020-11-26")  # another day: statements made that day differ
    assert copy.copy(s) is s
    assert copy.deepcopy(s) is s
    assert len({s, other, ks.status_at("2021-01-01")}) == 2


@pytest.mark.parametrize("protocol", range(2, 6))
def test_status_pickles(protocol: int) -> None:
    """A Status pickles and loads to an equal value that answers the same; the bundled log's as a small reference."""
    import pickle

    for s in (ks.status_at("2020-11-25"), ks.status_at("2013-04-20", as_of=120)):
        data = pickle.dumps(s, protocol=protocol)
        assert len(data) < 1000  # a reference to the bundled revision, not the events
        back = pickle.loads(data)
        assert back == s
        assert back.day == s.day
        assert back.controller("kalbajar") == s.controller("kalbajar")
        assert back.recognitions == s.recognitions
        assert back.statements == s.statements
    own = ks.History(ks.events()[:150]).status_at("2020-11-25")  # not the bundled History: carries its events
    back = pickle.loads(pickle.dumps(own, protocol=protocol))
    assert back == own
    assert back.territories == own.territories


def test_status_of_an_own_log_pickles_as_its_day() -> None:
    """A status of a log of one's own pickles as that day's answers, not its whole log, and loads equal."""
    import pickle

    h = ks.History(ks.events(), places=ks.default_history().places)
    whole = len(pickle.dumps(h.timeline()))
    for day in ("1992-02-26", "2020-10-10", "2023-09-25"):
        s = h.status_at(day)
        data = pickle.dumps(s)
        again = pickle.loads(data)
        assert again == s
        assert dict(again.places) == dict(s.places)  # each place's state, open claims included
        assert again.claims == s.claims
        assert again.uncertain == s.uncertain
        assert again.controller("Hadrut") == s.controller("Hadrut")
        assert len(data) < whole / 2, (day, len(data), whole)


def test_pickled_status_of_a_revision_this_log_lacks() -> None:
    """Loading a bundled Status pickled from a revision this installation does not have is a clear error."""
    from karabakh_status import _bundled

    reduced = ks.status_at("2020-11-25").__reduce__()
    timeline_reduced = reduced[1][0].__reduce__()
    assert timeline_reduced[0] is _bundled._bundled_timeline
    n, digest = timeline_reduced[1]
    with pytest.raises(ks.KarabakhStatusError, match="does not have"):
        _bundled._bundled_timeline(n, "0" * 64)
    with pytest.raises(ks.KarabakhStatusError, match="does not have"):
        _bundled._bundled_timeline(n + 10**6, digest)


def test_segments_cover_the_span_and_agree_with_every_day() -> None:
    """History.segments: consecutive runs covering exactly the span, each day answered like its run's status."""
    h = ks.default_history()
    segments = list(h.segments("2020-09-20", "2020-12-31"))
    assert segments[0].first == pendulum.Date(2020, 9, 20)
    assert segments[-1].last == pendulum.Date(2020, 12, 31)
    for a, b in itertools.pairwise(segments):
        assert a.last.add(days=1) == b.first
    for g in segments:
        for k in range(g.days):
            day = g.first.add(days=k)
            s = h.status_at(day)
            want = g.status
            assert (s.territories, s.artsakh, s.conditions) == (want.territories, want.artsakh, want.conditions)
            assert (s.recognitions, s.statements, s.uncertain) == (
                g.status.recognitions,
                g.status.statements,
                g.status.uncertain,
            )
    with pytest.raises(ks.InvalidDateError):
        list(h.segments("2020-12-31", "2020-01-01"))


def test_snapshot_mappings_behave_as_read_only_mappings() -> None:
    """TerritoryMap and Conditions: equal to the dicts they stand for, ordered, read-only, strict on keys."""
    s = ks.status_at("2020-11-25")
    territories, conditions = s.territories, s.conditions
    as_dict = dict(territories)
    assert list(territories) == list(ks.vocabulary.TERRITORIES)
    assert len(territories) == len(ks.vocabulary.TERRITORIES)
    assert territories == as_dict
    assert as_dict == territories
    assert territories != {**as_dict, "shusha": as_dict["agdam"]}
    assert territories["kalbajar"] is territories["kalbajar"]  # made once, then kept
    assert territories["kalbajar"].event is not None
    assert territories["kalbajar"].event.id == "2020-11-25-kalbajar-handed-over"
    assert all(territories.controller(t) == territories[t].controller for t in territories)
    assert territories.controllers() == tuple(t.controller for t in territories.values())
    assert "shusha" in territories
    assert "atlantis" not in territories
    with pytest.raises(KeyError):
        territories["atlantis"]
    with pytest.raises(TypeError):
        territories["shusha"] = territories["agdam"]  # type: ignore[index]
    assert hash(territories) == hash(ks.status_at("2020-11-26").territories)  # values: equal and hashable
    assert dict(conditions) == {"lachin-corridor": "open", "russian-peacekeepers": "deployed"}
    assert conditions == {"lachin-corridor": "open", "russian-peacekeepers": "deployed"}
    assert repr(conditions) == "Conditions({'lachin-corridor': 'open', 'russian-peacekeepers': 'deployed'})"
    assert ks.status_at("1988-01-01").territories != territories
    assert ks.status_at("2020-11-26").territories == territories


def test_fixed_mapping_needs_a_value_per_key() -> None:
    from karabakh_status._state import Conditions

    with pytest.raises(ValueError, match="expected 2 values"):
        Conditions(("open",))


@given(logs(), days)
def test_uncertain_is_every_open_window(log: list[ks.records.Event], day: dt.date) -> None:
    """uncertain lists, in effect order, exactly the live events whose window holds the day but has not closed.

    Effect order is the fold's: by the day an event takes effect, whole-district changes first on a day (so that
    a day's exceptions are named after them), then in log order."""
    dropped = {e.target for e in log if isinstance(e, ks.records.Correction)}
    live = sorted(
        (e for e in log if not isinstance(e, ks.records.Correction) and e.id not in dropped),
        key=lambda e: (e.effective, effect_rank(e)),
    )
    want = [e.id for e in live if e.date.earliest <= day < e.date.latest]
    assert [e.id for e in ks.History(log).status_at(day).uncertain] == want
