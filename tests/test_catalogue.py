"""The ``places`` and ``actors`` listings, run through the installed entry point, checked against the library."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import karabakh_status as ks
from karabakh_status._catalogue import records_by_actor
from karabakh_status._events import Correction

SCRIPT = Path(sys.executable).with_name("karabakh-status")
ENTRY = [str(SCRIPT)] if SCRIPT.exists() else [shutil.which("karabakh-status") or "karabakh-status"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ENTRY, *args], capture_output=True, text=True, check=False)


def test_places_lists_every_place_and_counts_them() -> None:
    """`places` has a row per place of the gazetteer and a footer whose counts are the gazetteer's."""
    r = run("places")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    ids = [line.split()[0] for line in lines[1:-2]]
    assert ids == [p.id for p in ks.places()]
    located = sum(p.located for p in ks.places())
    assert lines[-1] == f"{len(ks.places())} places, {located} with coordinates, {len(ks.places()) - located} without"


def test_places_of_a_district_on_a_day_match_status_at() -> None:
    """`places --district NAME --on DAY --json` lists that district's places with the holders status_at gives."""
    r = run("places", "--district", "Hadrut", "--on", "2020-10-20", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["places"]
    assert [row["id"] for row in rows] == [p.id for p in ks.places() if p.territory == "hadrut"]
    state = ks.status_at("2020-10-20").places
    assert {row["id"]: row["controller"] for row in rows} == {row["id"]: state[row["id"]].controller for row in rows}
    held = {row["controller"] for row in rows}
    assert held == {"artsakh", "azerbaijan"}  # the district is divided on that day: both sides appear


def test_places_unlocated_are_those_without_coordinates() -> None:
    r = run("places", "--unlocated", "--json")
    rows = json.loads(r.stdout)["places"]
    assert [row["id"] for row in rows] == [p.id for p in ks.places() if not p.located]
    assert all(row["lat"] is None for row in rows)


def test_places_bad_input_is_one_line_and_exit_2() -> None:
    for args in (["--district", "Nowhere"], ["--district", "Talish"], ["--on", "1987-01-01"], ["--on", "soon"]):
        r = run("places", *args)
        assert r.returncode == 2, (args, r.stdout)
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "is a place, not a district" in run("places", "--district", "Talish").stderr


def test_actors_lists_every_actor_with_its_records_in_force() -> None:
    """`actors --json` lists every actor; each count is the records in force it made or announced."""
    r = run("actors", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["actors"]
    assert [row["id"] for row in rows] == list(ks.actors())
    events = ks.default_history().events()
    gone = {e.target for e in events if isinstance(e, Correction)}
    live = [e for e in events if not isinstance(e, Correction) and e.id not in gone]
    for row in rows:
        expected = sum(1 for e in live if (getattr(e, "actor", None) or getattr(e, "announced_by", None)) == row["id"])
        assert row["records"] == expected, row
    assert {row["id"]: row["records"] for row in rows}["azerbaijan"] > 50  # its announcements of 2020 count


def test_actors_of_a_kind() -> None:
    r = run("actors", "--kind", "un-member-state")
    assert r.returncode == 0, r.stderr
    listed = {line.split()[0] for line in r.stdout.splitlines()[1:-2]}
    assert listed == {a.id for a in ks.actors().values() if a.kind == "un-member-state"}
    assert run("actors", "--kind", "planet").returncode == 2


def test_records_by_actor_ignores_superseded_records() -> None:
    """A retracted record is not counted: Idaho's recognition was retracted, so Idaho has none in force."""
    counts = records_by_actor(ks.default_history().events())
    assert counts.get("idaho", 0) == 0
