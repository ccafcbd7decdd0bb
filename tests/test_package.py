"""The exported Frictionless Data Package: valid, complete, keyed, deterministic, and described by the codebook."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pendulum
import pytest

import karabakh_status as ks
from karabakh_status._package import TABLES, edtf, export_package

pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parent.parent
WINDOW = ("2020-09-01", "2020-12-31")  # the autumn war and the handovers: every kind of daily row
DAILY = ("control", "artsakh", "conditions", "recognitions")


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole bundled log exported with the defaults (every day from 1988-01-01)."""
    return export_package(tmp_path_factory.mktemp("full")).parent


@pytest.fixture(scope="module")
def window(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled log exported for a few months only (small enough for frictionless to read every row)."""
    return export_package(tmp_path_factory.mktemp("window"), start=WINDOW[0], end=WINDOW[1]).parent


def _descriptor(directory: Path) -> dict[str, Any]:
    return json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _read(directory: Path, name: str) -> Any:
    """A table as pandas reads it, every cell as text (empty cells as missing)."""
    return pd.read_csv(directory / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def tables(full: Path) -> dict[str, Any]:
    """Every table of the full export, read once."""
    return {name: _read(full, name) for name in TABLES}


def test_frictionless_validates_the_package(window: Path) -> None:
    """frictionless validates every row: types, enums, required cells, primary keys and foreign keys."""
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(window / "datapackage.json"))
    problems = report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, problems[:20]


def test_frictionless_catches_a_broken_foreign_key(tmp_path: Path) -> None:
    """The foreign keys are really checked: a source naming no event makes the package invalid."""
    frictionless = pytest.importorskip("frictionless")
    export_package(tmp_path, start="2020-11-25", end="2020-11-25")
    lines = (tmp_path / "sources.csv").read_text(encoding="utf-8").split("\n")
    cut = lines[1].index(",")
    lines[1] = "z" * cut + lines[1][cut:]  # an id of no event, of the same length: the file keeps its size
    (tmp_path / "sources.csv").write_text("\n".join(lines), encoding="utf-8")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert report.flatten(["type"]) == [["foreign-key"]]


def test_frictionless_catches_a_file_of_another_size(tmp_path: Path) -> None:
    """Each resource's ``bytes`` is checked: a table that lost a row no longer matches its descriptor."""
    frictionless = pytest.importorskip("frictionless")
    export_package(tmp_path, start="2020-11-25", end="2020-11-25")
    lines = (tmp_path / "actors.csv").read_text(encoding="utf-8").split("\n")
    (tmp_path / "actors.csv").write_text("\n".join(lines[:1] + lines[2:]), encoding="utf-8")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert ["byte-count"] in report.flatten(["type"])


def test_descriptor_lists_every_table_with_its_schema(full: Path) -> None:
    """datapackage.json: a tabular data package of nine CSV resources with typed fields and keys, and its revision."""
    d = _descriptor(full)
    assert d["profile"] == "tabular-data-package"
    assert [r["name"] for r in d["resources"]] == list(TABLES)
    for r in d["resources"]:
        assert r["path"] == f"{r['name']}.csv"
        assert r["schema"]["primaryKey"]
        assert {f["type"] for f in r["schema"]["fields"]} <= {"string", "integer", "number", "boolean", "date"}
    version = ks.data_version()
    about = d["karabakh_status"]
    assert (about["revision"], about["digest"]) == (version.revision, version.digest)
    assert about["first_day"] == "1988-01-01"
    assert about["last_day"] == ks.default_history().last_day().isoformat()
    enums = {
        f["name"]: f["constraints"]["enum"]
        for f in d["resources"][0]["schema"]["fields"]
        if "enum" in f.get("constraints", {})
    }
    assert enums["controller"] == list(ks.vocabulary.CONTROLLERS)
    assert enums["stance"] == list(ks.vocabulary.STANCES)
    assert set(ks.vocabulary.RECOGNITION_ACTIONS) < set(enums["action"])


def test_every_csv_loads_with_pandas_and_has_its_columns(tables: dict[str, Any]) -> None:
    """Each CSV loads with pandas; its header is its schema's fields, in order."""
    for name, spec in TABLES.items():
        table = tables[name]
        assert list(table.columns) == [f["name"] for f in spec["fields"]], name
        assert len(table) > 0, name


def test_row_counts_match_the_history(full: Path) -> None:
    """One row per event, per source, per actor, territory and place; per day and unit, day, condition, recognition."""
    h = ks.default_history()
    d = _descriptor(full)["karabakh_status"]
    first, last = pendulum.parse(d["first_day"]).date(), pendulum.parse(d["last_day"]).date()
    days = last.toordinal() - first.toordinal() + 1
    in_force = sum(len(s.status.recognitions) * s.days for s in h.segments(first, last))
    expected = {
        "events": len(h),
        "sources": sum(len(e.sources) for e in h.events()),
        "actors": len(ks.actors()),
        "territories": len(ks.vocabulary.TERRITORIES),
        "places": len(ks.places()),
        "control": days * (len(ks.vocabulary.TERRITORIES) + len(ks.places())),
        "artsakh": days,
        "conditions": days * len(ks.vocabulary.CONDITIONS),
        "recognitions": in_force,
    }
    counted = {name: (full / f"{name}.csv").read_bytes().count(b"\n") - 1 for name in TABLES}
    assert counted == expected
    resources = {r["name"]: r["description"] for r in _descriptor(full)["resources"]}
    assert all(resources[n].startswith(f"{expected[n]} rows") for n in TABLES)


def test_keys_hold_in_the_full_export(tables: dict[str, Any]) -> None:
    """Primary keys are unique and every foreign key finds its row, over every day of the full export."""
    for name, spec in TABLES.items():
        assert not tables[name].duplicated(spec["primaryKey"]).any(), name
        for fk in spec.get("foreignKeys", []):
            target = fk["reference"]["resource"] or name
            values = set(tables[name][fk["fields"]].dropna().unique())
            missing = values - set(tables[target][fk["reference"]["fields"]])
            assert not missing, (name, fk["fields"], sorted(missing)[:5])
    control = tables["control"]
    for kind, ids in [("territory", set(ks.vocabulary.TERRITORIES)), ("place", {p.id for p in ks.places()})]:
        assert set(control.loc[control["unit_type"] == kind, "unit"].unique()) == ids


def test_daily_tables_agree_with_status_at(tables: dict[str, Any]) -> None:
    """On sample days, each daily table says what status_at says."""
    days = ["1988-01-01", "1992-05-09", "1995-01-01", "2020-11-10", "2020-11-25", "2023-01-01", "2024-06-01"]
    control = tables["control"]
    control = control[control["day"].isin(days)].set_index(["day", "unit_type", "unit"])
    artsakh = tables["artsakh"].set_index("day")
    conditions = tables["conditions"].set_index(["day", "condition"])
    recognitions = tables["recognitions"]
    for day in days:
        s = ks.status_at(day)
        for t, held in s.territories.items():
            row = control.loc[(day, "territory", t)]
            assert row["controller"] == held.controller
            assert row["partial"] == ("true" if held.partial else "false")
            assert (None if pd.isna(row["event_id"]) else row["event_id"]) == (held.event.id if held.event else None)
        for p, place in s.places.items():
            assert control.loc[(day, "place", p), "controller"] == place.controller
        assert artsakh.loc[day, "exists"] == ("true" if s.artsakh.exists else "false")
        for c, value in s.conditions.items():
            assert conditions.loc[(day, c), "value"] == value
        assert set(recognitions.loc[recognitions["day"] == day, "event_id"]) == {r.id for r in s.recognitions}
    assert control.loc[("2020-11-25", "territory", "kalbajar"), "event_id"] == "2020-11-25-kalbajar-handed-over"


_EDTF = re.compile(r"(?:(\.\.)|(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?)(?:/(\d{4}-\d{2}-\d{2}))?")


def _edtf_window(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day of the EDTF forms the package uses, read independently of the library."""
    m = _EDTF.fullmatch(text)
    assert m, text
    open_start, year, month, day, end = m.groups()
    last = dt.date.fromisoformat(end) if end else None
    if open_start:
        assert last is not None
        return dt.date(1988, 1, 1), last
    y = int(year)
    if day:
        first = dt.date(y, int(month), int(day))
        return first, last or first
    if month:
        first = dt.date(y, int(month), 1)
        following = dt.date(y + (first.month == 12), first.month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def test_edtf_parses_back_to_the_same_window(tables: dict[str, Any]) -> None:
    """Every event's EDTF string means exactly its earliest-latest window, in each of the five forms."""
    events = tables["events"]
    assert set(events["precision"]) == {"day", "month", "year", "range", "on-or-before"}
    for _, row in events.iterrows():
        first, last = _edtf_window(row["edtf"])
        assert (first.isoformat(), last.isoformat()) == (row["earliest"], row["latest"]), row["id"]
        w = ks.answers.parse_when(row["edtf"])
        assert (w.precision, w.earliest.isoformat(), w.latest.isoformat()) == (
            row["precision"],
            row["earliest"],
            row["latest"],
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-11-10", "2020-11-10"),
        ("2012-10", "2012-10"),
        ("2017", "2017"),
        ("2020-10-04/2020-10-09", "2020-10-04/2020-10-09"),
        ("../2001-07-04", "../2001-07-04"),
    ],
)
def test_edtf_forms(text: str, expected: str) -> None:
    """Each precision has its ISO 8601-2 form."""
    assert edtf(ks.answers.parse_when(text)) == expected


def test_events_table_keeps_corrections_and_what_they_correct(tables: dict[str, Any]) -> None:
    """Superseded events stay in the table, marked with the correction that superseded them."""
    events = tables["events"].set_index("id")
    assert events.loc["2020-11-08-shusha-captured", "corrected_by"] == "2026-11-29-correct-2020-11-08-shusha-captured"
    fix = events.loc["2026-11-29-correct-2020-11-08-shusha-captured"]
    assert (fix["type"], fix["action"], fix["target"]) == ("correction", "supersede", "2020-11-08-shusha-captured")
    shusha = events.loc["2020-11-08-shusha-district-taken-but-four-villages"]
    assert (shusha["territories"], shusha["partial"], shusha["other_holder"]) == ("shusha", "true", "artsakh")
    assert pd.isna(events.loc["1991-09-02-nkr-proclaimed", "partial"])  # only control changes say partial
    assert list(events["line"].astype(int)) == list(range(1, len(events) + 1))


def test_export_is_deterministic(tmp_path: Path) -> None:
    """The same revision gives the same bytes, file for file (Parquet copies included)."""
    a = export_package(tmp_path / "a", as_of=251, start="2020-11-01", end="2020-11-30").parent
    b = export_package(tmp_path / "b", as_of=251, start="2020-11-01", end="2020-11-30").parent
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert _descriptor(a)["karabakh_status"]["revision"] == 251
    assert _descriptor(a)["karabakh_status"]["digest"] is None  # the digest is the whole log's


def test_export_reports_progress_and_sizes(tmp_path: Path) -> None:
    """``progress`` hears of every file with its final row count (the descriptor's), and of a long table on the
    way; each resource carries its size in ``bytes`` (Frictionless), the CSV file's own size."""
    heard: list[tuple[str, int]] = []
    path = export_package(
        tmp_path, as_of=251, start="1988-01-01", end="1989-12-31", progress=lambda f, n: heard.append((f, n))
    )
    package = _descriptor(path.parent)
    last = dict(heard)
    for resource in package["resources"]:
        assert resource["bytes"] == (tmp_path / resource["path"]).stat().st_size
        assert last[resource["path"]] == int(resource["description"].split()[0])
    control = [n for f, n in heard if f == "control.csv"]
    assert len(control) >= 2  # 730 days of every place and district pass PROGRESS_EVERY rows at least once
    assert control == sorted(control)


def test_parquet_copies_match_the_csv(window: Path) -> None:
    """With pyarrow, each table also comes as Parquet, typed by its schema, with the CSV's rows."""
    pq = pytest.importorskip("pyarrow.parquet")
    for name, spec in TABLES.items():
        table = pq.read_table(window / f"{name}.parquet")
        assert table.column_names == [f["name"] for f in spec["fields"]]
        assert table.num_rows == len(_read(window, name))
        types = {f["name"]: f["type"] for f in spec["fields"]}
        for field in table.schema:
            expected = {
                "string": "string",
                "integer": "int64",
                "number": "double",
                "boolean": "bool",
                "date": "date32[day]",
            }
            assert str(field.type) == expected[types[field.name]], (name, field.name)
    control = pq.read_table(window / "control.parquet").to_pandas()
    first = control[(control["unit"] == "kalbajar") & (control["day"] == dt.date(2020, 11, 25))]
    assert list(first["controller"]) == ["azerbaijan"]


def test_export_of_a_log_of_your_own(tmp_path: Path) -> None:
    """Any History exports; a revision of it exports only the events it has."""
    h = ks.History(ks.events()[:40])
    out = export_package(tmp_path / "own", history=h, as_of=30, end="1995-12-31").parent
    events = _read(out, "events")
    assert len(events) == 30
    control = _read(out, "control")
    assert set(control["event_id"].dropna()) <= set(events["id"])


def test_export_refuses_bad_arguments(tmp_path: Path) -> None:
    """A file for a directory, start after end, a revision the log lacks: the library's own errors."""
    file = tmp_path / "file"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(ks.InvalidArgumentError, match="directory"):
        export_package(file)
    with pytest.raises(ks.InvalidDateError, match="start on or before end"):
        export_package(tmp_path / "x", start="2020-01-02", end="2020-01-01")
    with pytest.raises(ks.InvalidDateError):
        export_package(tmp_path / "x", start="1987-12-31")
    with pytest.raises(ks.InvalidRevisionError):
        export_package(tmp_path / "x", as_of=10**6)


def test_codebook_names_every_table_and_column() -> None:
    """The codebook mentions every table and every column (as code), and every value of the closed enums it codes."""
    text = (ROOT / "docs" / "reference" / "codebook.md").read_text(encoding="utf-8")
    for name, spec in TABLES.items():
        assert f"`{name}`" in text, name
        for field in spec["fields"]:
            assert f"`{field['name']}`" in text, f"{name}.{field['name']}"
    for value in (
        *ks.vocabulary.RECOGNITION_ACTIONS,
        *ks.vocabulary.BASES,
        "territory",
        "place",
        "supersede",
        "retract",
    ):
        assert f"`{value}`" in text, value
    for precision in ("day", "month", "year", "range", "on-or-before"):
        assert f"`{precision}`" in text, precision
