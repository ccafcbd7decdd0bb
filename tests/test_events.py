"""The records and the converter: round-trips and strictness."""

from __future__ import annotations

import json

import pendulum
import pytest
from hypothesis import given, strategies as st

import karabakh_status as ks
from karabakh_status._convert import TagError, reader

from .strategies import logs, recognitions, statements, status_changes

GOOD = {
    "type": "recognition",
    "id": "2013-04-10-maine-recognizes",
    "date": "2013-04-10",
    "summary": "Maine's legislature recognises the NKR.",
    "sources": [{"work": "Maine legislature", "refs": [165]}],
    "recorded": "2026-11-27",
    "actor": "maine",
    "action": "recognize",
    "level": "subnational",
}


class TestRoundTrip:
    """Unstructuring then structuring any event gives it back exactly, through JSON too."""

    @given(status_changes())
    def test_status_change(self, e: ks.records.StatusChange) -> None:
        """A status change survives dict and JSON round-trips."""
        assert ks.records.event_from_dict(json.loads(json.dumps(ks.records.event_to_dict(e)))) == e

    @given(statements())
    def test_statement(self, e: ks.records.Statement) -> None:
        """A statement survives dict and JSON round-trips."""
        assert ks.records.event_from_dict(json.loads(json.dumps(ks.records.event_to_dict(e)))) == e

    @given(recognitions())
    def test_recognition(self, e: ks.records.Recognition) -> None:
        """A recognition survives dict and JSON round-trips."""
        assert ks.records.event_from_dict(json.loads(json.dumps(ks.records.event_to_dict(e)))) == e

    @given(logs())
    def test_corrections(self, log: list[ks.records.Event]) -> None:
        """Every event of a log, corrections included, survives a round-trip."""
        for e in log:
            assert ks.records.event_from_dict(ks.records.event_to_dict(e)) == e


def test_dates_stay_pendulum() -> None:
    """Structured dates are pendulum.Date, not datetime.date."""
    e = ks.records.event_from_dict(GOOD)
    assert type(e.recorded) is pendulum.Date
    assert type(e.date.latest) is pendulum.Date


def test_type_first_and_defaults_omitted() -> None:
    """The line starts with its type and leaves out optional keys left at their defaults."""
    d = ks.records.event_to_dict(ks.records.event_from_dict(GOOD))
    assert next(iter(d)) == "type"
    assert d == GOOD


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"colour": "red"}, "unknown key"),
        ({"summary": 1}, "$.summary: expected a string"),
        ({"sources": [{"work": "w", "refs": ["1"]}]}, "$.sources[0].refs[0]: expected a whole number"),
        ({"sources": [{"work": "w", "refs": [True]}]}, "expected a whole number"),
        ({"sources": "abc"}, "$.sources: expected an array"),
        ({"sources": []}, "$.sources: expected at least one source"),
        ({"action": "applaud"}, "$.action: expected one of recognize"),
        ({"date": "10 April 2013"}, "$.date: expected a date such as"),
        ({"date": "2013-02-30"}, "$.date"),
        ({"recorded": "2026-11-27T10:00:00"}, "$.recorded: expected a day as 'YYYY-MM-DD'"),
        ({"id": "Has Spaces"}, "$.id: expected a slug"),
        ({"summary": "two\nlines"}, "$.summary: expected one non-empty line"),
    ],
)
def test_strict_rejections(change: dict[str, object], expected: str) -> None:
    """Wrong keys, types, values and dates are rejected with the field path."""
    with pytest.raises(ks.LogError) as info:
        ks.records.event_from_dict({**GOOD, **change})
    assert expected in str(info.value)
    assert info.value.kind is ks.errors.LogProblem.SCHEMA


def test_missing_field_named() -> None:
    """A missing required field is reported by its path."""
    bad = {k: v for k, v in GOOD.items() if k != "actor"}
    with pytest.raises(ks.LogError) as info:
        ks.records.event_from_dict(bad)
    assert str(info.value) == "<dict>: $.actor: required field missing"


@pytest.mark.parametrize("tag", [None, "recognitions", 3])
def test_unknown_tag(tag: object) -> None:
    """A missing or unknown type tag says which tags exist, not 'field missing'."""
    bad = {**GOOD, "type": tag} if tag is not None else {k: v for k, v in GOOD.items() if k != "type"}
    with pytest.raises(ks.LogError, match=r"\$\.type: expected one of status-change, statement"):
        ks.records.event_from_dict(bad)
    with pytest.raises(TagError, match=r"^type: expected one of status-change, statement"):
        reader().read(bad)


def test_naive_datetime_rejected_aware_kept() -> None:
    """The converter rejects naive datetimes and keeps aware ones as pendulum.DateTime."""
    c = ks.records.make_converter()
    with pytest.raises(ValueError, match="naive"):
        c.structure("2020-11-10T00:00:00", pendulum.DateTime)
    aware = c.structure("2020-11-10T00:00:00+04:00", pendulum.DateTime)
    assert isinstance(aware, pendulum.DateTime)
    assert aware.utcoffset() is not None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "exactly one of"),
        ({"territories": ("kalbajar",)}, "controller: expected"),
        ({"territories": ("atlantis",), "controller": "azerbaijan"}, "territories[0]"),
        ({"territories": ("agdam",), "controller": "artsakh", "partial": True}, "other_holder"),
        ({"state": "renamed"}, "name: expected"),
        ({"condition": "lachin-corridor", "value": "ajar"}, "value: expected one of"),
        ({"condition": "lachin-corridor", "value": "open", "state": "dissolved"}, "exactly one of"),
    ],
)
def test_status_change_invariants(kwargs: dict[str, object], message: str) -> None:
    """A status change must set exactly one coherent group of fields."""
    common = {
        "id": "x",
        "date": ks.answers.parse_when("2020-11-10"),
        "summary": "s",
        "sources": (ks.records.Source(work="w"),),
        "recorded": pendulum.Date(2026, 11, 27),
    }
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        ks.records.StatusChange(**common, **kwargs)  # type: ignore[arg-type]


JSONISH = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5)


@given(
    st.dictionaries(
        st.sampled_from([*GOOD, "refs", "url", "extra"]),
        JSONISH
        | st.lists(JSONISH, max_size=3)
        | st.lists(
            st.dictionaries(
                st.sampled_from(["work", "refs", "url", "x"]), JSONISH | st.lists(JSONISH, max_size=2), max_size=3
            ),
            max_size=2,
        ),
        max_size=4,
    )
)
def test_fast_and_detailed_converters_agree(changes: dict[str, object]) -> None:
    """The loader's fast converter accepts exactly what the detailed one accepts, with equal results."""
    from karabakh_status._convert import converter, fast_converter

    fields = {k: v for k, v in {**GOOD, **changes}.items() if k != "type"}
    results = []
    for c in (fast_converter(), converter()):
        try:
            results.append(c.structure(dict(fields), ks.records.Recognition))
        except Exception:
            results.append(None)
    assert results[0] == results[1]


def test_reprs_are_one_short_line_and_describe_tells_all() -> None:
    """Every event, state and status prints as one line of at most 200 characters; describe() gives the rest."""
    s = ks.status_at("2021-01-01")
    samples: list[object] = [*ks.events(), s, s.artsakh, *s.territories.values(), *list(s.places.values())[:50]]
    for obj in samples:
        text = repr(obj)
        assert "\n" not in text
        assert len(text) <= 200, text
    e = next(e for e in ks.events() if e.id == "2020-11-25-kalbajar-handed-over")
    assert repr(e) == "<StatusChange 2020-11-25 2020-11-25-kalbajar-handed-over: kalbajar → azerbaijan>"
    described = e.describe()
    assert e.summary in described
    assert all(src.work in described for src in e.sources)
    assert e.note is not None
    assert e.note in described
    assert len(repr(s.recognitions)) < 20_000  # it was 69,711 characters with every event's sources and notes
    page = s._repr_html_()
    assert page.startswith("<div>")
    assert page.count("<tr>") == len(ks.vocabulary.TERRITORIES) + 1
