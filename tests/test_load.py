"""Loading: every bad input is a LogError naming the file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import karabakh_status as ks

from .test_events import GOOD

LINE = json.dumps(GOOD)
SECOND = json.dumps({**GOOD, "id": "second", "date": "2013-04-30", "action": "withdraw"})


def write(tmp_path: Path, data: bytes) -> Path:
    p = tmp_path / "log.jsonl"
    p.write_bytes(data)
    return p


def load_error(tmp_path: Path, data: bytes) -> ks.LogError:
    with pytest.raises(ks.LogError) as info:
        ks.load(write(tmp_path, data))
    return info.value


def test_good_log(tmp_path: Path) -> None:
    """A valid log loads, with its events in log order."""
    h = ks.load(write(tmp_path, f"{LINE}\n{SECOND}\n".encode()))
    assert [e.id for e in h.events()] == ["2013-04-10-maine-recognizes", "second"]


BAD = [
    (b"\xff\xfe{}\n", 1, "UTF-8"),
    (f"{LINE}\n[1, 2]\n".encode(), 2, "expected a JSON object; got an array"),
    (f"{LINE}\n42\n".encode(), 2, "expected a JSON object; got a number"),
    (f'{LINE}\n"text"\n'.encode(), 2, "got a string"),
    (f"{LINE}\nnull\n".encode(), 2, "got null"),
    (f"{LINE}\n{{}}\n".encode(), 2, "$.type: expected one of"),
    (b"[" * 200_000 + b"\n", 1, "not valid JSON"),
    (b"{" * 200_000 + b"\n", 1, "not valid JSON"),
    (
        f"{LINE}\n".encode() + json.dumps({**GOOD, "id": "n"}).replace('"2013-04-10"', "NaN").encode() + b"\n",
        2,
        "NaN",
    ),
    (f"{LINE}\n{SECOND[:40]}".encode(), 2, "torn last line"),
    (f"{LINE}\n{LINE}\n".encode(), 2, "already in the log"),
    (f"{LINE}\n\n{SECOND}\n".encode(), 2, "empty line"),
    (f"{LINE}\n{{not json}}\n".encode(), 2, "not valid JSON"),
    (
        f"{LINE}\n"
        + json.dumps(
            {
                "type": "correction",
                "id": "fix",
                "date": "2026-11-27",
                "summary": "Retract.",
                "sources": [{"work": "w"}],
                "recorded": "2026-11-27",
                "target": "no-such-event",
                "action": "retract",
            }
        )
        + "\n",
        2,
        "$.target: expected the id of an earlier event",
    ),
    (
        f"{LINE}\n" + json.dumps({**GOOD, "id": "old", "recorded": "2020-01-01"}) + "\n",
        2,
        "$.recorded: expected 2026-11-27 or later",
    ),
    (f"{LINE}\n".encode() + json.dumps({**GOOD, "id": "z", "level": 3}).encode() + b"\n", 2, "$.level"),
]


@pytest.mark.parametrize(("data", "line", "message"), BAD)
def test_bad_input(tmp_path: Path, data: bytes | str, line: int, message: str) -> None:
    """Each kind of bad input gives a LogError with the file, the right line and what was expected."""
    raw = data.encode() if isinstance(data, str) else data
    err = load_error(tmp_path, raw)
    assert err.line == line
    assert message in err.problem
    assert str(err).startswith(f"{tmp_path / 'log.jsonl'}:{line}: ")


def test_missing_file(tmp_path: Path) -> None:
    """A missing file is a LogError too."""
    with pytest.raises(ks.LogError, match="cannot read"):
        ks.load(tmp_path / "nope.jsonl")


def test_not_a_path() -> None:
    """Something that is not a path is a LogError, not a TypeError."""
    with pytest.raises(ks.LogError, match="expected a path"):
        ks.load(42)  # type: ignore[arg-type]


def test_empty_file_is_empty_log(tmp_path: Path) -> None:
    """An empty file is a log with no events: the initial state on every day."""
    h = ks.load(write(tmp_path, b""))
    assert len(h) == 0
    assert h.status_at("2020-01-01").controller("shusha") == "ussr"


def test_complete_last_line_without_newline(tmp_path: Path) -> None:
    """A last line that is complete JSON but lacks its newline still loads."""
    assert len(ks.load(write(tmp_path, LINE.encode()))) == 1


@given(st.binary(max_size=300))
def test_any_bytes(data: bytes) -> None:
    """Any bytes either load or raise LogError with a line number."""
    try:
        ks.History.from_bytes(data, "fuzz.jsonl")
    except ks.LogError as exc:
        assert exc.line is not None
        assert exc.line >= 1


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
        lambda c: st.lists(c) | st.dictionaries(st.text(), c),
        max_leaves=10,
    )
)
def test_any_json_value(value: object) -> None:
    """Any JSON value on a line either is an event or is a LogError on line 1."""
    try:
        data = json.dumps(value).encode() + b"\n"
    except ValueError:
        return
    try:
        ks.History.from_bytes(data, "fuzz.jsonl")
    except ks.LogError as exc:
        assert exc.line == 1


@given(
    st.dictionaries(
        st.sampled_from([*GOOD, "extra", "note", "territories"]),
        st.none() | st.integers() | st.text() | st.lists(st.text()),
    )
)
def test_mutated_event(changes: dict[str, object]) -> None:
    """A valid event with fields retyped or added loads or gives LogError on its line."""
    data = json.dumps({**GOOD, **changes}).encode() + b"\n"
    try:
        ks.History.from_bytes(data, "m.jsonl")
    except ks.LogError as exc:
        assert exc.line == 1


BUNDLED_LINES = ks.records.bundled_log_path().read_bytes().split(b"\n")[:-1]


@given(st.data())
def test_structurally_mutated_bundled_line(data: st.DataObject) -> None:
    """A real event with a field dropped, added, retyped or its tag swapped loads or is a LogError on its line."""
    i = data.draw(st.integers(0, len(BUNDLED_LINES) - 1))
    obj = json.loads(BUNDLED_LINES[i])
    key = data.draw(st.sampled_from(sorted(obj)))
    how = data.draw(st.sampled_from(["drop", "add", "retype", "swap-tag"]))
    if how == "drop":
        del obj[key]
    elif how == "add":
        obj[data.draw(st.text(min_size=1, max_size=8))] = data.draw(st.integers() | st.text())
    elif how == "retype":
        obj[key] = data.draw(
            st.none() | st.integers() | st.floats(allow_nan=False) | st.lists(st.integers()) | st.booleans()
        )
    else:
        obj["type"] = data.draw(st.sampled_from(["status-change", "statement", "recognition", "correction"]))
    lines = [*BUNDLED_LINES[:i], json.dumps(obj).encode()]
    try:
        ks.History.from_bytes(b"\n".join(lines) + b"\n", "mutated.jsonl")
    except ks.LogError as exc:
        # A broken correction can leave an earlier event it fixed (one naming an unknown place) in force.
        assert exc.line == i + 1 or exc.kind is ks.errors.LogProblem.UNKNOWN_PLACE


@given(st.randoms(use_true_random=False))
def test_shuffled_bundled_lines(rnd: object) -> None:
    """The bundled lines in any order load, or fail with a LogError naming a line (a correction before its target)."""
    lines = list(BUNDLED_LINES)
    rnd.shuffle(lines)  # type: ignore[attr-defined]
    try:
        h = ks.History.from_bytes(b"\n".join(lines) + b"\n", "shuffled.jsonl")
    except ks.LogError as exc:
        assert exc.line is not None
    else:
        assert len(h) == len(lines)
