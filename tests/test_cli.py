"""The karabakh-status command line, run through its installed entry point."""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import karabakh_status as ks

SCRIPT = Path(sys.executable).with_name("karabakh-status")
ENTRY = [str(SCRIPT)] if SCRIPT.exists() else [shutil.which("karabakh-status") or "karabakh-status"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ENTRY, *args], capture_output=True, text=True, input=stdin, check=False)


def test_at_readable() -> None:
    """`at DAY` prints a readable status with every territory and the de facto state."""
    r = run("at", "2020-11-25")
    assert r.returncode == 0, r.stderr
    assert "De facto state: exists as the Republic of Artsakh" in r.stdout
    assert any(line.split()[:2] == ["kalbajar", "azerbaijan"] for line in r.stdout.splitlines())
    assert "\x1b[" not in r.stdout


def test_at_json() -> None:
    """`at DAY --json` is JSON with the controllers, the state and the conditions."""
    r = run("at", "2020-11-25", "--json")
    data = json.loads(r.stdout)
    assert data["day"] == "2020-11-25"
    assert data["territories"]["kalbajar"]["controller"] == "azerbaijan"
    assert data["territories"]["stepanakert"]["controller"] == "artsakh"
    assert data["artsakh"]["name"] == "Republic of Artsakh"
    assert data["conditions"]["russian-peacekeepers"] == "deployed"


def test_python_dash_m_same_as_script() -> None:
    """`python -m karabakh_status` gives the same output as the script."""
    m = subprocess.run(
        [sys.executable, "-m", "karabakh_status", "at", "1995-01-01", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert m.stdout == run("at", "1995-01-01", "--json").stdout


def test_changes_json_in_effect_order() -> None:
    """`changes FROM TO --json` lists the events effective from FROM to TO, both included."""
    data = json.loads(run("changes", "2020-11-20", "2020-11-25", "--json").stdout)
    ids = [e["id"] for e in data]
    assert ids.index("2020-11-20-agdam-handed-over") < ids.index("2020-11-25-kalbajar-handed-over")
    assert all("2020-11-20" <= e["date"][-10:] <= "2020-11-25" for e in data)


def test_events_filters() -> None:
    """`events --type` and `--actor` filter the records in force; `--all` lists every line."""
    data = json.loads(run("events", "--type", "recognition", "--actor", "maine", "--json").stdout)
    # in force: the call that superseded the first record (receding from it is a statement, not a withdrawal)
    assert [e["action"] for e in data] == ["call"]
    every = json.loads(run("events", "--type", "recognition", "--actor", "maine", "--all", "--json").stdout)
    assert [e["action"] for e in every] == ["recognize", "call", "withdraw", "withdraw"]
    args = ("events", "--type", "recognition", "--actor", "Maine", "--log-order", "--all", "--json")
    by_log = json.loads(run(*args).stdout)
    assert [e["action"] for e in by_log] == ["recognize", "withdraw", "call", "withdraw"]


def test_as_of_pins_revision() -> None:
    """`--as-of N` answers from the first N events."""
    r = run("at", "2020-11-25", "--as-of", "0", "--json")
    assert json.loads(r.stdout)["territories"]["kalbajar"]["controller"] == "ussr"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["at", "25/11/2020"], 2, "expected a day as 'YYYY-MM-DD'"),
        (["at", "1950-01-01"], 2, "on or after 1988-01-01"),
        (["at", "2020-11-25", "--as-of", "999999"], 2, "expected a revision"),
        (["at", "2020-11-25", "--log", "/no/such/log.jsonl"], 1, "cannot read the log"),
        (["changes", "2020-12-01", "2020-01-01"], 2, "is after TO"),
        (["frobnicate"], 2, "invalid choice"),
    ],
)
def test_errors_and_exit_codes(args: list[str], code: int, message: str) -> None:
    """Bad input gives a clear message and exit 2 (usage) or 1 (data)."""
    r = run(*args)
    assert r.returncode == code
    assert message in r.stderr


def test_bad_log_is_exit_1(tmp_path: Path) -> None:
    """A broken log passed with --log prints the LogError text and exits 1."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "nope"}\n')
    r = run("at", "2020-11-25", "--log", str(bad))
    assert r.returncode == 1
    assert f"{bad}:1: $.type: expected one of" in r.stderr


def test_verify_bundled() -> None:
    """`verify` with no path checks the bundled log and its chain."""
    r = run("verify")
    assert r.returncode == 0, r.stdout
    assert "hash chain intact" in r.stdout


def test_panel_csv(tmp_path: Path) -> None:
    """`panel FROM TO --csv` writes one row per day and territory, matching status_at."""
    r = run("panel", "2020-09-01", "2020-12-31", "--csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 122 * len(ks.vocabulary.TERRITORIES)
    for row in rows[::97]:
        assert ks.status_at(row["day"]).controller(row["territory"]) == row["controller"]
    out = tmp_path / "daily.csv"
    assert run("panel", "2020-09-01", "2020-12-31", "--csv", "--table", "daily", "--out", str(out)).returncode == 0
    daily = list(csv.DictReader(io.StringIO(out.read_text())))
    assert len(daily) == 122
    assert {d["russian-peacekeepers"] for d in daily} == {"not-deployed", "deployed"}


def test_append_and_repair(tmp_path: Path) -> None:
    """`append PATH EVENT.json` appends a validated event; `repair` removes a torn tail."""
    log = tmp_path / "mine.jsonl"
    event = {
        "type": "statement",
        "id": "mine-1",
        "date": "2021-01-01",
        "summary": "Mine.",
        "sources": [{"work": "me"}],
        "recorded": "2026-11-27",
        "actor": "armenia",
        "stance": "other",
    }
    r = run("append", str(log), "-", stdin=json.dumps(event))
    assert r.returncode == 0, r.stderr
    assert run("append", str(log), "-", stdin=json.dumps(event)).returncode == 1  # duplicate id
    with log.open("ab") as f:
        f.write(b'{"type"')
    assert run("verify", str(log)).returncode == 1
    r = run("repair", str(log))
    assert r.returncode == 0, r.stderr
    assert "removed a torn last line" in r.stdout
    assert run("verify", str(log)).returncode == 0
    log.write_bytes(log.read_bytes().replace(b"Mine.", b"Ours."))  # an edited line: repair will not seal it
    r = run("repair", str(log))
    assert r.returncode == 1
    assert "refusing to seal.  Next: restore the line as it was" in r.stderr
    assert "'karabakh-status append'" in r.stderr


def test_schema_validates_bundled_log() -> None:
    """`schema` prints a JSON Schema that every bundled line satisfies."""
    schema = json.loads(run("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for line in ks.records.bundled_log_path().read_text(encoding="utf-8").splitlines():
        validator.validate(json.loads(line))


GOOD = json.loads(ks.records.bundled_log_path().read_text(encoding="utf-8").splitlines()[0])


@pytest.mark.parametrize(
    "bad",
    [
        {},
        [],
        42,
        "text",
        {**GOOD, "colour": "red"},
        {**GOOD, "type": "nope"},
        {**GOOD, "summary": 1},
        {**GOOD, "date": "2 September 1991"},
        {**GOOD, "recorded": "2026-11-27T10:00:00"},
        {k: v for k, v in GOOD.items() if k != "id"},
        {**GOOD, "sources": []},
        {**GOOD, "state": "vanished"},
    ],
)
def test_schema_rejects_what_loader_rejects(bad: object) -> None:
    """The schema rejects the kinds of bad line the loader rejects."""
    validator = jsonschema.Draft202012Validator(ks.records.log_schema())
    assert not validator.is_valid(bad)
    with pytest.raises(ks.LogError):
        ks.History.from_bytes(json.dumps(bad).encode() + b"\n")


def test_panel_needs_pandas_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, ks.tables.panel says which extra to install."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'karabakh-status\[pandas\]'"):
        ks.tables.panel("2020-01-01", "2020-01-02")


def test_panel_dataframe() -> None:
    """With pandas, ks.tables.panel gives the same rows as the CSV."""
    pd = pytest.importorskip("pandas")
    frame = ks.tables.panel("2020-11-24", "2020-11-25")
    assert len(frame) == 2 * len(ks.vocabulary.TERRITORIES)
    row = frame[(frame.territory == "kalbajar") & (frame.day == pd.Timestamp("2020-11-25"))]
    assert row.controller.iloc[0] == "azerbaijan"
    daily = ks.tables.panel("2020-11-24", "2020-11-25", table="daily")
    assert list(daily.columns[:3]) == ["day", "artsakh_exists", "artsakh_name"]


def test_plot_needs_matplotlib_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without matplotlib, the plot functions say which extra to install."""
    from karabakh_status import plot

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(ImportError, match=r"karabakh-status\[plot\]"):
        plot.control_timeline()


def test_plot_command(tmp_path: Path) -> None:
    """`plot control --out FILE.png` writes a PNG (with the plot extra installed)."""
    pytest.importorskip("matplotlib")
    out = tmp_path / "control.png"
    r = run("plot", "control", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_geojson_command(tmp_path: Path) -> None:
    """`geojson DAY` prints the day's places as GeoJSON with the revision and digest to cite; --out writes a file."""
    r = run("geojson", "2020-11-20")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    cite = data.pop("data")
    assert data == ks.status_at("2020-11-20").to_geojson()
    version = ks.data_version()
    assert (cite["revision"], cite["log_digest"]) == (version.revision, version.digest)
    pinned = json.loads(run("geojson", "2020-11-20", "--as-of", "800").stdout)["data"]
    assert pinned["revision"] == 800
    out = tmp_path / "day.geojson"
    r = run("geojson", "2020-11-20", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["features"][0]["geometry"]["type"] == "Point"
    try:
        import geopandas
    except ImportError:
        return
    frame = geopandas.read_file(out)
    assert len(frame) == len(ks.places())


def test_map_command(tmp_path: Path) -> None:
    """`map DAY --out` draws a PNG (with the plot extra); `map FROM TO --html` writes a page; misuse is exit 2."""
    pytest.importorskip("matplotlib")
    png = tmp_path / "m.png"
    r = run("map", "2020-11-20", "--out", str(png))
    assert r.returncode == 0, r.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = tmp_path / "p.html"
    r = run("map", "2020-11-01", "2020-11-30", "--html", str(page))
    assert r.returncode == 0, r.stderr
    assert "const DATA" in page.read_text(encoding="utf-8")
    assert run("map", "2020-11-01", "2020-11-30").returncode == 2
    assert run("map", "2020-11-01").returncode == 2
    assert run("map", "2020-11-01", "--html", str(page)).returncode == 2


def test_figure_options_are_checked_and_as_of_pins(tmp_path: Path) -> None:
    """A figure file of another kind, or a resolution out of range, is one line and exit 2, never a traceback;
    `--as-of` pins `map` and `plot` to a revision like every other query command."""
    for args in (
        ["map", "2020-11-10", "--out", str(tmp_path / "x.txt")],
        ["plot", "control", "--out", str(tmp_path / "x.jpg")],
        ["map", "2020-11-10", "--out", str(tmp_path / "x.png"), "--dpi", "0"],
        ["map", "2020-11-10", "--out", str(tmp_path / "x.png"), "--dpi", "-5"],
        ["plot", "control", "--out", str(tmp_path / "x.png"), "--dpi", "100000"],
        ["map", "2020-11-10", "--out", str(tmp_path / "x.png"), "--as-of", "99999"],
    ):
        r = run(*args)
        assert r.returncode == 2, (args, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "Traceback" not in r.stderr
        assert not list(tmp_path.iterdir())
    page = tmp_path / "p.html"
    r = run("map", "2020-10-01", "2020-10-03", "--html", str(page), "--as-of", "800")
    assert r.returncode == 0, r.stderr
    assert '"revision":800' in page.read_text(encoding="utf-8")
    run("map", "2020-10-01", "2020-10-03", "--html", str(page), "--as-of", "latest")
    assert f'"revision":{len(ks.events())}' in page.read_text(encoding="utf-8")


def test_cli_manners(tmp_path: Path) -> None:
    """--version, an unknown actor, a day after the last review, an empty log, conflicting options, a closed pipe."""
    r = run("--version")
    assert r.returncode == 0
    assert r.stdout.startswith("karabakh-status ")
    assert f"data revision {len(ks.events())}" in r.stdout
    r = run("events", "--actor", "nowhere")
    assert r.returncode == 2
    assert "unknown actor 'nowhere'" in r.stderr
    last = ks.data_version().last_recorded
    assert last is not None
    r = run("at", "2100-01-01")
    assert r.returncode == 0
    assert f"last reviewed on {last}" in r.stdout
    assert "last reviewed" not in run("at", last).stdout
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert "is empty" in run("at", "2020-01-01", "--log", str(empty)).stdout
    assert "is empty" in run("events", "--log", str(empty)).stdout
    r = run("verify", str(empty), "--log", str(empty))
    assert r.returncode == 2
    assert "not both" in r.stderr
    r = run("at", "2020-10-05")
    assert "--uncertain lists them" in r.stdout
    listed = run("at", "2020-10-05", "--uncertain").stdout
    assert "2020-hadrut-banadzor-taken" in listed
    head = subprocess.run(f"'{ENTRY[0]}' events | head -n 1", shell=True, capture_output=True, text=True, check=False)
    assert head.stdout.startswith("date")
    assert head.stderr == ""


def test_every_command_has_help_with_an_example() -> None:
    """Each command's help describes it, each argument and option, and shows an example."""
    from karabakh_status._cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        text = command.format_help()
        assert "example:" in text, name
        assert "karabakh-status " + name in text, name
        for action in command._actions:
            if action.dest != "help":
                assert action.help, (name, action.dest)


def test_changes_show_before_and_after() -> None:
    """`changes` writes each status change as territory or place: before → after."""
    r = run("changes", "2020-11-24", "2020-11-25")
    assert r.returncode == 0, r.stderr
    assert "kalbajar: artsakh → azerbaijan" in r.stdout


def test_verify_lists_twenty_problems_and_a_count(tmp_path: Path) -> None:
    """A log with many bad lines: the first 20 problems, then how many more."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n" * 30, encoding="utf-8")
    r = run("verify", str(bad))
    assert r.returncode == 1
    assert "... and 10 more" in r.stdout
    assert "30 problem(s)" in r.stdout


def test_export_writes_a_data_package(tmp_path: Path) -> None:
    """`export DIR --from --to` writes datapackage.json and the tables, and says what it wrote."""
    r = run("export", str(tmp_path / "out"), "--from", "2020-11-24", "--to", "2020-11-25", "--as-of", "251")
    assert r.returncode == 0, r.stderr
    assert "revision 251" in r.stdout
    package = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["karabakh_status"]["first_day"] == "2020-11-24"
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "control.csv").read_text(encoding="utf-8"))))
    assert {r["controller"] for r in rows if r["unit"] == "kalbajar" and r["day"] == "2020-11-25"} == {"azerbaijan"}
    lines = r.stdout.splitlines()
    assert lines[1].split() == ["file", "rows", "size"]
    control = next(line.split() for line in lines if line.startswith("control.csv"))
    assert control[1] == f"{len(rows):,}"
    assert lines[-1].endswith("tables") or "Parquet" in lines[-1]
    assert "rows of control.csv" not in r.stderr  # two days: no warning
    file = tmp_path / "file"
    file.write_text("x", encoding="utf-8")
    assert run("export", str(file)).returncode == 2


def test_export_warns_before_a_large_write(tmp_path: Path) -> None:
    """Over a million control rows, `export` says how many before it starts (on standard error)."""
    r = run("export", str(tmp_path / "out"), "--from", "1988-01-01", "--to", "1992-01-01")
    assert r.returncode == 0, r.stderr
    days = 1462
    per_day = len(ks.vocabulary.TERRITORIES) + len(ks.places())
    assert f"{days:,} days: about {days * per_day:,} rows of control.csv" in r.stderr
    assert f"control.csv       {days * per_day:,}" in r.stdout


def test_diff_lists_the_changed_runs() -> None:
    """`diff A B --from --to` prints the runs as a table, or as JSON; a bad revision is a usage error."""
    r = run("diff", "251", "latest", "--from", "2020-11-08", "--to", "2020-11-09", "--json")
    assert r.returncode == 0, r.stderr
    changes = json.loads(r.stdout)
    shusha = [c for c in changes if c["subject"] == "territory:shusha"]
    assert shusha[0]["first"] == "2020-11-08"
    assert "2026-11-29-correct-2020-11-08-shusha-captured" in shusha[0]["events"]
    text = run("diff", "251", "latest", "--from", "2020-11-08", "--to", "2020-11-09").stdout
    assert text.splitlines()[0].split() == ["from", "to", "subject", "before", "after", "events"]
    assert "territory:shusha" in text
    assert run("diff", "latest", "latest").stdout == "(no answer differs)\n"
    assert run("diff", "251", "100000").returncode == 2


def test_place_says_when_a_name_also_names_a_district() -> None:
    """``place Berdzor`` is the town, and says that 'Berdzor' also names the Lachin district; a village says nothing."""
    town = run("place", "Berdzor", "--on", "2020-11-20")
    assert town.returncode == 0, town.stderr
    assert town.stdout.startswith("Lachin (lachin-town), town")
    assert "'Berdzor' also names the lachin district; this is the town" in town.stdout
    village = run("place", "Haterk", "--on", "2020-11-20")
    assert "also names" not in village.stdout


def test_place_command() -> None:
    """`place NAME` prints the place and its runs; --on one day; --json the same as place_history."""
    r = run("place", "Haterk")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Haterk (haterk), village of the martakert district")
    rows = [line.split() for line in r.stdout.splitlines() if line[:4].isdigit()]
    assert ["1992-06-05", "1993-02-19", "azerbaijan", "confirmed", "named", "1992-06-05-haterk-taken", "-"] in rows
    r = run("place", "Hasanriz", "--on", "1992-07-01")
    assert r.returncode == 0, r.stderr
    assert (
        "On 1992-07-01: held by azerbaijan since 1992-06-05; confirmed (named by 1992-06-05-haterk-taken)" in r.stdout
    )
    data = json.loads(run("place", "haterk", "--to", "2000-01-01", "--json").stdout)
    assert data["place"]["id"] == "haterk"
    assert data["runs"] == [x.to_dict() for x in ks.place_history("haterk", end="2000-01-01")]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("place", "Abdal-Gülablı"), "names more than one thing"),
        (("place", "Atlantis"), "unknown place"),
        (("place", "haterk", "--on", "2020-01-01", "--from", "2019-01-01"), "--on asks about one day"),
        (("place", "haterk", "--on", "2020-02-30"), "2020-02-30"),
    ],
)
def test_place_command_refuses_clearly(args: tuple[str, ...], says: str) -> None:
    """A name of two places, of none, or conflicting options: exit 2 and one line that says why."""
    r = run(*args)
    assert r.returncode == 2
    assert says in r.stderr
    assert "Traceback" not in r.stderr


def test_changes_includes_from_and_shows_only_real_changes() -> None:
    """`changes FROM TO` includes FROM (the war's first day is not empty) and prints no line that changes nothing."""
    r = run("changes", "2020-09-27", "2020-09-28")
    assert r.returncode == 0
    assert "2020-09-27-fuzuli-jabrayil-villages-announced" in r.stdout
    for line in r.stdout.splitlines():
        if "→" in line and ":" in line:
            was, _, now = line.split(": ", 1)[1].partition(" → ")
            assert was.strip() != now.split(" [")[0].strip(), line
    assert json.loads(run("changes", "2020-09-27", "2020-09-27", "--json").stdout)
    assert run("changes", "2020-09-28", "2020-09-27").returncode == 2


def test_events_lists_the_records_in_force_with_their_action() -> None:
    """`events` lists the records in force with an action column; `--all` adds the superseded ones, marked."""
    live = {e.id for e in ks.changes_between("1988-01-01", "2100-01-01") if e.type == "recognition"}
    data = json.loads(run("events", "--type", "recognition", "--json").stdout)
    assert {d["id"] for d in data} == live
    table = run("events", "--type", "recognition").stdout.splitlines()
    assert table[0].split()[:4] == ["date", "type", "action", "actor"]
    everything = run("events", "--type", "recognition", "--all").stdout
    assert "superseded by" in everything
    assert len(everything.splitlines()) > len(table)
    announced = run("events", "--actor", "azerbaijan", "--json").stdout
    assert any(d.get("announced_by") == "azerbaijan" for d in json.loads(announced))


def test_bare_command_latest_and_the_review_note() -> None:
    """Bare `karabakh-status` prints its help; `--as-of latest` is the whole log; a day past the last review says so."""
    bare = run()
    assert bare.returncode == 0
    assert bare.stdout.startswith("usage: karabakh-status")
    assert run("at", "2020-11-25", "--as-of", "latest", "--json").stdout == run("at", "2020-11-25", "--json").stdout
    late = run("place", "Mets Shen", "--on", "2030-01-01").stdout
    assert "last reviewed on" in late
