"""diff: the runs of days whose answers differ between two revisions of a log, and the events responsible."""

from __future__ import annotations

import datetime as dt
import json

import pendulum
import pytest
from hypothesis import given, settings, strategies as st

import karabakh_status as ks
from karabakh_status._diff import Change, answers, diff

from .strategies import logs

EARLY = pendulum.Date(2026, 11, 1)
LATE = pendulum.Date(2026, 11, 27)


def event(
    kind: type[ks.records.Event], id_: str, date: str, recorded: pendulum.Date = LATE, **kw: object
) -> ks.records.Event:
    return kind(  # type: ignore[call-arg]
        id=id_,
        date=ks.answers.parse_when(date),
        summary=f"{id_}.",
        sources=(ks.records.Source(work="test"),),
        recorded=recorded,
        **kw,
    )


def known_log() -> ks.History:
    """Three events, then a correction of a control change, a correction of a recognition, and a new statement."""
    return ks.History(
        [
            event(
                ks.records.StatusChange,
                "kalbajar-early",
                "1993-04-01",
                EARLY,
                territories=("kalbajar",),
                controller="artsakh",
            ),
            event(ks.records.Statement, "csce-1992", "1992-03-24", EARLY, actor="osce", stance="territorial-integrity"),
            event(
                ks.records.Recognition,
                "nsw-recognizes",
                "2012-10",
                EARLY,
                actor="new-south-wales",
                action="recognize",
                level="subnational",
            ),
            event(
                ks.records.StatusChange, "kalbajar-taken", "1993-04-03", territories=("kalbajar",), controller="artsakh"
            ),
            event(
                ks.records.Correction,
                "fix-kalbajar",
                "2026-11-27",
                target="kalbajar-early",
                action="supersede",
                replacement="kalbajar-taken",
            ),
            event(
                ks.records.Recognition,
                "nsw-calls",
                "2012-10-25",
                actor="new-south-wales",
                action="call",
                level="subnational",
            ),
            event(
                ks.records.Correction,
                "fix-nsw",
                "2026-11-27",
                target="nsw-recognizes",
                action="supersede",
                replacement="nsw-calls",
            ),
            event(
                ks.records.Statement,
                "un-2008",
                "2008-03-14",
                actor="un-general-assembly",
                stance="territorial-integrity",
            ),
        ]
    )


def test_known_corrections_give_exactly_their_runs() -> None:
    """Each correction changes exactly the days between the old and the new answer, and names the events."""
    h = known_log()
    changes = diff(3, None, history=h, end="2021-12-31")
    kalbajar_places = {f"place:{p.id}" for p in ks.places() if p.territory == "kalbajar"}
    moved = ("kalbajar-early", "kalbajar-taken", "fix-kalbajar")
    expected = {
        ("1993-04-01", "1993-04-02", "territory:kalbajar", "artsakh", "ussr", moved),
        *(("1993-04-01", "1993-04-02", p, "artsakh", "ussr", moved) for p in kalbajar_places),
        ("2008-03-14", "2021-12-31", "statement:un-2008", "not made", "made", ("un-2008",)),
        (
            "2012-10-31",
            "2021-12-31",
            "recognition:new-south-wales",
            "in force",
            "not in force",
            ("nsw-recognizes", "nsw-calls", "fix-nsw"),
        ),
    }
    got = {(c.first.isoformat(), c.last.isoformat(), c.subject, c.before, c.after, c.events) for c in changes}
    assert got == expected
    assert [c.first for c in changes] == sorted(c.first for c in changes)
    assert changes[0].subject == "territory:kalbajar"  # territories before places on the same day
    assert changes[0].days == 2


def test_diff_is_symmetric_and_empty_for_the_same_revision() -> None:
    """Swapping the revisions swaps before and after; a revision against itself changes nothing."""
    h = known_log()
    forward = diff(3, 8, history=h, end="2021-12-31")
    backward = diff(8, 3, history=h, end="2021-12-31")
    assert [(c.first, c.last, c.subject, c.after, c.before, c.events) for c in forward] == [
        (c.first, c.last, c.subject, c.before, c.after, c.events) for c in backward
    ]
    assert diff(5, 5, history=h) == []
    assert diff(None, None) == []


def test_revisions_as_days_and_the_default_span() -> None:
    """Revisions may be recorded days, as for as_of; the span runs from 1988 to the later revision's last day."""
    h = known_log()
    by_day = diff("2026-11-01", "2026-11-27", history=h)
    assert by_day == diff(3, None, history=h)
    assert max(c.last for c in by_day) == LATE  # the later revision's last recorded day
    assert min(c.first for c in by_day) >= ks.vocabulary.COVERAGE_START


def test_a_window_cuts_the_runs() -> None:
    """start and end clip the runs to the days asked about."""
    h = known_log()
    changes = diff(3, None, history=h, start="1993-04-02", end="2012-12-31")
    spans = {c.subject: (c.first.isoformat(), c.last.isoformat()) for c in changes}
    assert spans["territory:kalbajar"] == ("1993-04-02", "1993-04-02")
    assert spans["recognition:new-south-wales"] == ("2012-10-31", "2012-12-31")
    assert diff(3, None, history=h, start="1994-01-01", end="2008-03-13") == []


def test_bad_arguments_raise_the_library_errors() -> None:
    """Start after end, a revision the log lacks, a day that is not a day."""
    h = known_log()
    with pytest.raises(ks.InvalidDateError, match="start on or before end"):
        diff(3, None, history=h, start="2000-01-02", end="2000-01-01")
    with pytest.raises(ks.InvalidRevisionError):
        diff(3, 99, history=h)
    with pytest.raises(ks.InvalidDateError):
        diff(3, None, history=h, start="yesterday")


def test_change_as_json() -> None:
    """A Change has a plain JSON form."""
    c = diff(3, None, history=known_log(), end="2021-12-31")[0]
    assert isinstance(c, Change)
    assert json.loads(json.dumps(c.to_dict())) == {
        "first": "1993-04-01",
        "last": "1993-04-02",
        "subject": "territory:kalbajar",
        "before": "artsakh",
        "after": "ussr",
        "events": ["kalbajar-early", "kalbajar-taken", "fix-kalbajar"],
    }


def test_bundled_log_since_revision_251_has_the_shusha_correction() -> None:
    """diff(251, None) on the bundled log: the Shusha district held in part from 2020-11-08, with its correction."""
    changes = diff(251, None)
    shusha = [c for c in changes if c.subject == "territory:shusha" and c.first == pendulum.Date(2020, 11, 8)]
    assert len(shusha) == 1
    c = shusha[0]
    assert (c.before, c.after) == ("azerbaijan", "azerbaijan (part; rest artsakh)")
    assert "2026-11-29-correct-2020-11-08-shusha-captured" in c.events
    assert {"2020-11-08-shusha-captured", "2020-11-08-shusha-district-taken-but-four-villages"} <= set(c.events)
    villages = {c.subject for c in changes if c.first == pendulum.Date(2020, 11, 8) and c.after == "artsakh"}
    assert {"place:mets-shen", "place:hin-shen", "place:yeghtsahogh", "place:lisagor"} <= villages
    ids = {e.id for e in ks.events()}
    assert all(c.events and set(c.events) <= ids for c in changes)
    recognitions = {c.subject for c in changes if c.subject.startswith("recognition:") and c.after == "not in force"}
    assert "recognition:new-south-wales" in recognitions  # a call read as a recognition until corrected


def _daily_reference(h: ks.History, a: int, b: int, first: dt.date, last: dt.date) -> set[tuple[object, ...]]:
    """The runs, worked out day by day from the answers of each revision."""
    runs: list[list[object]] = []
    open_runs: dict[str, list[object]] = {}
    for n in range(first.toordinal(), last.toordinal() + 1):
        day = dt.date.fromordinal(n)
        x, y = answers(h.status_at(day, as_of=a)), answers(h.status_at(day, as_of=b))
        absent = {"recognition": "not in force", "statement": "not made"}
        now = {}
        for s in x.keys() | y.keys():
            pair = (x.get(s, absent.get(s.split(":")[0], "")), y.get(s, absent.get(s.split(":")[0], "")))
            if pair[0] != pair[1]:
                now[s] = pair
        ended = [s for s, run in open_runs.items() if now.get(s) != tuple(run[3:5])]
        runs.extend(open_runs.pop(s) for s in ended)
        for s, (before, after) in now.items():
            if s in open_runs:
                open_runs[s][1] = day
            else:
                open_runs[s] = [day, day, s, before, after]
    runs.extend(open_runs.values())
    return {tuple(r) for r in runs}


@settings(max_examples=40)
@given(logs(max_size=12), st.data())
def test_runs_match_a_day_by_day_comparison(log: list[ks.records.Event], data: st.DataObject) -> None:
    """On random logs and revisions the runs are those a day-by-day comparison finds; only changed events are blamed."""
    h = ks.History(log)
    a = data.draw(st.integers(0, len(log)))
    b = data.draw(st.integers(0, len(log)))
    anchor = data.draw(
        st.sampled_from(
            [e.date.latest for e in log if not isinstance(e, ks.records.Correction)] or [pendulum.Date(2000, 1, 1)]
        )
    )
    first = max(ks.vocabulary.COVERAGE_START, anchor - pendulum.duration(days=data.draw(st.integers(0, 40))))
    last = first + pendulum.duration(days=data.draw(st.integers(0, 60)))
    changes = diff(a, b, history=h, start=first, end=last)
    got = {(c.first, c.last, c.subject, c.before, c.after) for c in changes}
    assert got == _daily_reference(h, a, b, first, last)
    between = {e.id for e in log[min(a, b) : max(a, b)]}
    targets = {e.target for e in log[min(a, b) : max(a, b)] if isinstance(e, ks.records.Correction)}
    for c in changes:
        assert set(c.events) <= between | targets | {e.replacement for e in log if isinstance(e, ks.records.Correction)}
