"""Places: the gazetteer, place-level control, names, GeoJSON, and districts agreeing with their places."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import re
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, strategies as st

import karabakh_status as ks
from karabakh_status._data import bundled_gazetteer
from karabakh_status._fold import PlaceIndex, apply, index_of, initial_snapshot
from karabakh_status._places import Gazetteer, Place, fold_name

from .strategies import RECORDED

PLACES = ks.places()
PLACE_EVENTS = [e for e in ks.events() if isinstance(e, ks.records.StatusChange) and e.places]


def test_gazetteer_size_and_shape() -> None:
    """The gazetteer has its hundreds of places, each with a kind, a territory and coordinates in the region."""
    assert len(PLACES) >= 300
    assert len({p.id for p in PLACES}) == len(PLACES)
    for p in PLACES:
        assert p.kind in ks.vocabulary.PLACE_KINDS
        assert p.territory in ks.vocabulary.TERRITORIES
        if p.located:
            assert p.lat is not None
            assert p.lon is not None
            assert 38.8 <= p.lat <= 40.8, p.id
            assert 45.5 <= p.lon <= 47.6, p.id
        else:
            assert (p.no_coordinates or "").strip(), p.id
        assert p.rayon is None or re.fullmatch("AZ-[A-Z]{2,3}", p.rayon)
        assert p.source.work.strip()


def test_the_folds_place_index_agrees_with_the_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fold's quick read of place ids, territories and centres gives what the gazetteer gives, for any line."""
    from karabakh_status import _data

    assert _data.bundled_index() == index_of(PLACES)
    odd = tmp_path / "places.jsonl"  # keys in another order, spaced otherwise: decoded in full
    odd.write_text(
        '{"territory":"shusha","id":"x-1","centre":true}\n\n{"id":"x-2", "territory":"lachin"}\n', encoding="utf-8"
    )
    monkeypatch.setattr(_data, "data_file", lambda name: odd)
    _data.bundled_index.cache_clear()
    try:
        index = _data.bundled_index()
        assert index.ids == ("x-1", "x-2")
        assert index.territory == ("shusha", "lachin")
        assert dict(index.centre) == {"shusha": 0}
    finally:
        _data.bundled_index.cache_clear()


def test_coordinates_come_from_geonames_or_the_cited_page() -> None:
    """A place with a GeoNames id cites GeoNames; every other cites the page its coordinates were read on."""
    for p in PLACES:
        if p.geonames is not None:
            assert "GeoNames" in p.source.work, p.id
            assert p.source.url == f"https://www.geonames.org/{p.geonames}", p.id
        else:
            assert p.source.url, p.id


#: Two villages near each other that the sources give one name: distinct places, and the name is ambiguous.
SHARED_NAMES = {
    # az Wikipedia redirects "Abdal Gulabli" to Abdal; en Wikipedia lists it for Gulably, 2.8 km away.
    ("abdal", "gulably"): "Abdal-Gülablı",
}


#: Degrees, minutes and (optional) seconds north, then east, as notes quote a page: "N" and "E", or the
#: Russian abbreviations for north and east latitude and longitude.
NORTH, EAST = "(?:N|\u0441\\. \u0448\\.)", "(?:E|\u0432\\. \u0434\\.)"
DMS = re.compile(rf"(\d+)°(\d+)′(?:(\d+(?:\.\d+)?)″)?\s*{NORTH}[,;]?\s+(\d+)°(\d+)′(?:(\d+(?:\.\d+)?)″)?\s*{EAST}")


def test_coordinates_are_the_quoted_ones_converted() -> None:
    """A place whose note quotes its page's coordinates has exactly those, converted (d + m/60 + s/3600)."""
    checked = 0
    for p in PLACES:
        found = DMS.search(p.note or "")
        if p.geonames is not None or found is None:
            continue
        d, m, sec, d2, m2, sec2 = found.groups()
        lat = int(d) + int(m) / 60 + float(sec or 0) / 3600
        lon = int(d2) + int(m2) / 60 + float(sec2 or 0) / 3600
        assert p.lat is not None, p.id
        assert p.lon is not None, p.id
        assert abs(lat - p.lat) <= 2e-5, (p.id, found.group(0), p.lat)
        assert abs(lon - p.lon) <= 2e-5, (p.id, found.group(0), p.lon)
        checked += 1
    assert checked > sum(p.located for p in PLACES) // 2


def test_no_two_places_are_one() -> None:
    """No two located places stand less than 200 m apart, or share a name within 5 km (one village under two ids)."""
    located = [p for p in PLACES if p.lat is not None and p.lon is not None]
    for i, a in enumerate(located):
        names_a = {fold_name(n) for n in a.all_names}
        for b in located[i + 1 :]:
            assert a.lat is not None
            assert a.lon is not None
            assert b.lat is not None
            assert b.lon is not None
            km = math.hypot((a.lat - b.lat) * 111.0, (a.lon - b.lon) * 85.0)
            assert km > 0.2, (a.id, b.id)
            shared = names_a & {fold_name(n) for n in b.all_names}
            if (a.id, b.id) in SHARED_NAMES or (b.id, a.id) in SHARED_NAMES:
                assert shared == {fold_name(SHARED_NAMES.get((a.id, b.id)) or SHARED_NAMES[b.id, a.id])}
                continue
            assert km > 5 or not shared, (a.id, b.id)


def test_a_name_two_villages_share_is_ambiguous() -> None:
    """Asking for a shared name lists both villages rather than guessing."""
    for pair, name in SHARED_NAMES.items():
        with pytest.raises(ks.AmbiguousNameError) as caught:
            ks.place(name)
        assert all(pid in str(caught.value) for pid in pair)


def test_every_place_has_an_event_or_a_note() -> None:
    """Each place is named by a sourced event, or its note says how it followed its district."""
    named = {p for e in PLACE_EVENTS for p in e.places}
    for p in PLACES:
        assert p.id in named or p.note, p.id


def test_events_name_only_known_places() -> None:
    """Every place a live event names is in the gazetteer, and every place event says its basis.

    (A superseded event may name an id the gazetteer no longer keeps: the log never changes, the
    gazetteer keeps each place once.)
    """
    ids = {p.id for p in PLACES}
    live = {e.id for e in ks.changes_between("1988-01-01", "2100-01-01")}
    for e in PLACE_EVENTS:
        if e.id not in live:
            continue
        assert set(e.places) <= ids, e.id
        assert e.basis in ks.vocabulary.BASES, e.id
        if e.basis == "announced":
            assert e.announced_by is not None, e.id


def test_every_name_resolves_back_to_its_place() -> None:
    """Each listed name of a place finds that place, another place whose own name it is, or lists it as ambiguous."""
    gazetteer = bundled_gazetteer()
    for p in PLACES:
        assert ks.place(p.id) is p
        for name in p.all_names:
            try:
                found = ks.place(name)
            except ks.AmbiguousNameError as exc:
                assert repr(p.id) in str(exc), (p.id, name)
            else:
                own = fold_name(name) in (fold_name(found.id), fold_name(found.name))
                assert found is p or own, (p.id, name, found.id)
            try:
                kind, what = gazetteer.resolve(name)
            except ks.AmbiguousNameError:
                continue
            if kind == "territory":
                assert what == p.territory or fold_name(name) in {
                    fold_name(x) for t in ks.vocabulary.TERRITORIES.values() for x in (t.id, t.name, *t.alt_names)
                }, (p.id, name)


def test_controller_accepts_names_of_territories_and_places() -> None:
    """Status.controller answers for ids and any listed name, whatever the case, diacritics, hyphens or spaces."""
    s = ks.status_at("2020-11-20")
    assert s.controller("Shushi") == s.controller("shusha") == s.controller("ŞUŞA")
    assert s.controller("Khankendi") == s.controller("stepanakert") == "artsakh"
    assert s.controller("stepanakert-city") == "artsakh"
    assert s.controller("Mets Shen") == s.controller("mets-shen") == "artsakh"
    assert s.controller("Madaghis") == "azerbaijan"
    assert ks.status_at("2020-11-25").controller("kalbajar") == "azerbaijan"


def test_unknown_and_ambiguous_names() -> None:
    """An unknown name suggests close ones; a name of two places lists both."""
    s = ks.status_at("2020-11-20")
    with pytest.raises(ks.UnknownTerritoryError, match="did you mean") as info:
        s.controller("Khankendiz")
    assert isinstance(info.value, KeyError)
    with pytest.raises(ks.UnknownTerritoryError):
        s.controller("Atlantis")
    with pytest.raises(ks.UnknownTerritoryError):
        s.controller(42)  # type: ignore[arg-type]
    source = ks.records.Source(work="test")
    twins = Gazetteer(
        [
            Place(id="a-1", name="Twin", kind="village", lat=40.0, lon=46.5, territory="askeran", source=source),
            Place(id="a-2", name="Twin", kind="village", lat=40.1, lon=46.6, territory="martuni", source=source),
        ]
    )
    with pytest.raises(ks.AmbiguousNameError) as amb:
        twins.resolve("twin")
    assert "'a-1'" in str(amb.value)
    assert "'a-2'" in str(amb.value)
    assert twins.resolve("a-2") == ("place", "a-2")


def test_place_states_follow_the_events_that_set_them() -> None:
    """A place is held as the event naming it, or the last event covering its whole district, says."""
    s = ks.status_at("2020-11-20")
    for pid, state in s.places.items():
        place = ks.place(pid)
        assert state.event is not None
        assert state.controller == state.event.controller
        assert state.basis == state.event.basis
        if state.named:
            assert pid in state.event.places
        else:
            assert place.territory in state.event.territories
            assert not state.event.partial
    assert s.places["shusha-town"].controller == "azerbaijan"
    assert s.places["shusha-town"].named
    assert ks.status_at("2019-01-01").places["shusha-town"].controller == "artsakh"


def test_shusha_villages_stayed_armenian_until_2023() -> None:
    """The four villages south-west of Shusha were held by the Armenian side from November 2020 to September 2023."""
    villages = ("mets-shen", "hin-shen", "yeghtsahogh", "lisagor")
    for day in ("2020-11-09", "2021-06-01", "2023-01-01"):
        s = ks.status_at(day)
        assert [s.controller(v) for v in villages] == ["artsakh"] * 4, day
        assert s.territories["shusha"].partial
        assert s.territories["shusha"].other_holder == "artsakh"
    after = ks.status_at("2023-10-03")
    assert [after.controller(v) for v in villages] == ["azerbaijan"] * 4


def test_every_place_is_soviet_before_the_war_and_azerbaijani_after_2023() -> None:
    """No place event leaves a village behind: all are Soviet-held in 1988 and Azerbaijani from 2024."""
    before, after = ks.status_at("1988-06-01"), ks.status_at("2024-01-02")
    assert {before.controller(p.id) for p in PLACES} == {"ussr"}
    assert {after.controller(p.id) for p in PLACES} == {"azerbaijan"}


def test_a_disagreement_is_found() -> None:
    """The check finds a district event its places do not bear out on its day."""
    h = ks.History(
        [
            *ks.events(),
            ks.records.StatusChange(
                id="test-askeran-in-part",
                date=ks.answers.parse_when("1995-01-01"),
                summary="A test.",
                sources=(ks.records.Source(work="test"),),
                recorded=ks.events()[-1].recorded,  # no earlier than the log's last (it is append-only)
                territories=("askeran",),
                controller="artsakh",
                partial=True,
                other_holder="russia",
            ),
        ]
    )
    found = [d for d in ks.answers.place_disagreements(history=h) if d.event == "test-askeran-in-part"]
    assert [(d.territory, d.says, d.places_show) for d in found] == [("askeran", ("artsakh", "russia"), ("artsakh",))]
    assert found[0].day == pendulum.Date(1995, 1, 1)


def _change(territories: tuple[str, ...] = (), places: tuple[str, ...] = (), **kw: object) -> ks.records.StatusChange:
    return ks.records.StatusChange(
        id=f"t-{len(territories)}-{len(places)}-{kw.get('controller')}",
        date=ks.answers.parse_when("2000-01-01"),
        summary="A test.",
        sources=(ks.records.Source(work="test"),),
        recorded=RECORDED,
        territories=territories,
        places=places,
        **kw,  # type: ignore[arg-type]
    )


def test_fold_of_place_events() -> None:
    """Named places move; a whole change moves every place of its district; a partial one moves none."""
    index = PlaceIndex(
        [("town", "askeran", True), ("v1", "askeran", False), ("v2", "askeran", False), ("s", "shusha", True)]
    )
    s = initial_snapshot(index)
    s = apply(s, _change(("askeran",), controller="artsakh"), index)
    assert [s.places[i].controller for i in range(3)] == ["artsakh"] * 3  # type: ignore[union-attr]
    assert s.territories["askeran"].controller == "artsakh"
    assert not s.territories["askeran"].partial
    s = apply(s, _change(places=("v1",), controller="azerbaijan", basis="confirmed"), index)
    t = s.territories["askeran"]
    assert (t.controller, t.partial, t.other_holder, t.holders) == (
        "artsakh",
        True,
        "azerbaijan",
        ("artsakh", "azerbaijan"),
    )
    partial = apply(s, _change(("askeran",), controller="russia", partial=True, other_holder="artsakh"), index)
    assert partial.places == s.places
    assert partial.territories == s.territories
    claim = apply(
        s, _change(places=("v2",), controller="azerbaijan", basis="claimed", announced_by="azerbaijan"), index
    )
    assert claim.places == s.places  # a claim moves nothing
    town = apply(s, _change(places=("town",), controller="azerbaijan", basis="confirmed"), index)
    assert town.territories["askeran"].controller == "azerbaijan"  # the centre's holder is the main holder
    assert town.territories["askeran"].holders == ("azerbaijan", "artsakh")
    assert s.territories["shusha"].controller == "ussr"
    assert s.places[3] is None


def test_place_events_are_validated() -> None:
    """A place change needs a controller, holds a place whole, and an announcement names who announced it."""
    with pytest.raises(ValueError, match="announced_by"):
        _change(places=("khojaly",), controller="artsakh", basis="announced")
    with pytest.raises(ValueError, match="partial"):
        _change(places=("khojaly",), controller="artsakh", partial=True, other_holder="azerbaijan")
    with pytest.raises(ValueError, match="places"):
        _change(places=("Khojaly",), controller="artsakh")
    with pytest.raises(ValueError, match="basis"):
        ks.records.StatusChange(
            id="x",
            date=ks.answers.parse_when("2000-01-01"),
            summary="A test.",
            sources=(ks.records.Source(work="t"),),
            recorded=RECORDED,
            condition="lachin-corridor",
            value="open",
            basis="confirmed",
        )


def test_geojson_is_rfc7946() -> None:
    """to_geojson: a FeatureCollection of Points, [lon, lat], one per located place (the rest counted)."""
    s = ks.status_at("2020-11-20")
    g = s.to_geojson()
    assert json.loads(json.dumps(g)) == g
    assert g["type"] == "FeatureCollection"
    located = [p for p in PLACES if p.located]
    assert len(g["features"]) == len(located)
    assert g["unlocated"] == len(PLACES) - len(located) > 0
    by_id = {p.id: p for p in PLACES}
    for f in g["features"]:
        assert f["type"] == "Feature"
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        place = by_id[f["id"]]
        assert (lon, lat) == (place.lon, place.lat)
        props = f["properties"]
        assert props["controller"] == s.places[place.id].controller
        assert props["territory"] == place.territory
        assert props["basis"] in (None, *ks.vocabulary.BASES)
        pendulum.Date.fromisoformat(props["since"])
        assert props["claims"] == [
            {
                "by": c.by,
                "controller": c.controller,
                "made": str(c.event.date),
                "event": c.event.id,
                "outcome": c.outcome,
                "settled_by": c.settled_by.id if c.settled_by else None,
            }
            for c in s.places[place.id].claims
        ]


@given(st.text(max_size=30))
def test_any_name_either_resolves_or_raises_ours(name: str) -> None:
    """Whatever the text, controller() answers or raises one of the library's KeyErrors."""
    s = ks.status_at("2020-11-20")
    try:
        assert s.controller(name) in ks.vocabulary.CONTROLLERS
    except (ks.UnknownTerritoryError, ks.AmbiguousNameError):
        pass


def test_status_equality_sees_places() -> None:
    """Two statuses that differ only in a place are not equal."""
    base = list(ks.events(as_of=251))
    h1 = ks.History(base)
    extra = _change(places=("khojaly",), controller="azerbaijan", basis="announced", announced_by="azerbaijan")
    h2 = ks.History([*base, extra])
    assert h1.status_at("2000-01-02") != h2.status_at("2000-01-02")
    assert h1.status_at("1999-12-31") == h2.status_at("1999-12-31")


@given(
    st.sampled_from([p.id for p in PLACES]),
    st.dates(min_value=dt.date(1988, 1, 1), max_value=dt.date(2026, 11, 29)),
    st.integers(min_value=0, max_value=4000),
)
def test_place_history_tiles_its_span_and_agrees_with_status_at(pid: str, start: dt.date, length: int) -> None:
    """The runs cover the span day after day, each differs from the last, and each agrees with status_at."""
    end = min(start + dt.timedelta(days=length), dt.date(2026, 11, 29))
    runs = ks.place_history(pid, start=start, end=end)
    assert runs[0].first == start
    assert runs[-1].last == end
    for a, b in itertools.pairwise(runs):
        assert b.first.toordinal() == a.last.toordinal() + 1
        assert a.state != b.state or a.state.since != b.state.since
    for run in runs:
        for day in {run.first, run.last}:
            assert ks.status_at(day).places[pid] == run.state, (pid, day)
    assert sum(r.days for r in runs) == end.toordinal() - start.toordinal() + 1


def test_place_history_ends_where_tables_and_figures_end_by_default() -> None:
    """Without ``end``, a place's runs end on the revision's last day (History.last_day), pinned or not."""
    h = ks.default_history()
    for as_of in (None, 400, "2026-11-29"):
        runs = ks.place_history("haterk", as_of=as_of)
        assert runs[0].first == ks.vocabulary.COVERAGE_START
        assert runs[-1].last == h.last_day(as_of)


def test_place_history_by_name_and_its_errors() -> None:
    """Any of a place's names gives its history; a shared or unknown name raises ours."""
    assert ks.place_history("Hasanriz", end="2000-01-01") == ks.place_history("haterk", end="2000-01-01")
    with pytest.raises(ks.AmbiguousNameError):
        ks.place_history("Abdal-Gülablı")
    with pytest.raises(ks.UnknownTerritoryError):
        ks.place_history("Atlantis")
    with pytest.raises(ks.InvalidDateError):
        ks.place_history("haterk", start="1987-12-31")
