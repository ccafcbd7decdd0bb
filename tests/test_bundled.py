"""The bundled log: read directly when its chain vouches for it, strictly otherwise, with the same events."""

from __future__ import annotations

import hashlib
import random
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pendulum
import pytest

import karabakh_status as ks
from karabakh_status import _bundled
from karabakh_status._log import parse_log
from karabakh_status._trusted import chain_vouches, trusted_events


def test_trusted_reading_builds_the_same_events_as_the_strict_one() -> None:
    """The events built without cattrs equal, field by field, those the strict converter builds."""
    data = ks.records.bundled_log_path().read_bytes()
    assert trusted_events(data) == parse_log(data, "events.jsonl")
    assert list(ks.events()) == parse_log(data, "events.jsonl")


def test_chain_vouches_only_for_the_exact_sealed_bytes() -> None:
    """Any edited, added or removed byte, or a chain of another length, and the chain no longer vouches."""
    path = ks.records.bundled_log_path()
    data, chain = path.read_bytes(), path.with_name(path.name + ".chain").read_bytes()
    assert chain_vouches(data, chain)
    assert not chain_vouches(data.replace(b"Nagorno", b"Nagorny", 1), chain)
    assert not chain_vouches(data + data.split(b"\n")[0] + b"\n", chain)
    assert not chain_vouches(data[: data.rfind(b"\n", 0, len(data) - 1) + 1], chain)
    assert not chain_vouches(data[:-1], chain)
    assert not chain_vouches(data, b"")
    assert not chain_vouches(b"", chain)


def test_a_log_the_chain_does_not_vouch_for_is_read_strictly(tmp_path: Path) -> None:
    """With a chain that does not match, the bundled loader reads strictly and reports a bad line as a LogError."""
    log = tmp_path / "events.jsonl"
    shutil.copy(ks.records.bundled_log_path(), log)
    shutil.copy(ks.records.bundled_log_path().with_name("events.jsonl.chain"), tmp_path / "events.jsonl.chain")
    h = _bundled._load_bundled(log)
    assert h.events() == ks.events()
    with log.open("ab") as f:
        f.write(b'{"type": "statement", "id": 1}\n')
    with pytest.raises(ks.LogError) as info:
        _bundled._load_bundled(log)
    assert info.value.line == len(ks.events()) + 1


def test_first_query_in_a_fresh_process_needs_no_cattrs() -> None:
    """import + status_at in a new process answers without importing cattrs (the chain vouches for the log)."""
    code = (
        "import sys, karabakh_status as ks\n"
        "print(ks.status_at('2020-11-25').controller('kalbajar'), 'cattrs' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["azerbaijan", "False"]


def _copy_bundled(tmp_path: Path) -> tuple[Path, Path]:
    """The bundled log, its chain and its gazetteer, copied into ``tmp_path``: the log's and the gazetteer's paths."""
    log = tmp_path / "events.jsonl"
    bundled = ks.records.bundled_log_path()
    for name in ("events.jsonl", "events.jsonl.chain", "places.jsonl"):
        shutil.copy(bundled.with_name(name), tmp_path / name)
    return log, tmp_path / "places.jsonl"


def test_the_compiled_log_is_used_only_while_it_matches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled form answers only for the exact log bytes and code it was built from; else it is ignored."""
    from karabakh_status import _compile, _compiled

    log, places = _copy_bundled(tmp_path)
    out = _compile.write_compiled(log)
    assert out == tmp_path / _compiled.COMPILED_NAME
    data, gazetteer = log.read_bytes(), places.read_bytes()
    found = _compiled.read_compiled(out, data, gazetteer)
    assert found is not None
    assert tuple(found.events) == ks.events()
    assert found.digest == "sha256:" + hashlib.sha256(data).hexdigest() == ks.data_version().digest
    assert list(found.recorded) == [e.recorded.toordinal() for e in ks.events()]
    assert found.rows is not None
    assert found.timeline is not None
    from karabakh_status._fold import PlaceIndex

    assert PlaceIndex(found.rows) == ks.default_history().places  # the gazetteer's index, compiled with the events
    from karabakh_status._places import load_gazetteer

    compiled_gazetteer = _compiled.read_gazetteer(out, gazetteer)  # the gazetteer itself, its names folded
    assert compiled_gazetteer is not None
    assert compiled_gazetteer.places == load_gazetteer(places).places
    for name in ("Shushi", "Nor Seysulan", "Mollalar, Lachin", "Berdzor", "Khankendi"):
        assert compiled_gazetteer.resolve(name) == load_gazetteer(places).resolve(name)
    assert _compiled.read_gazetteer(out, gazetteer.replace(b"Shusha", b"Shushi", 1)) is None  # other places
    changed = _compiled.read_compiled(out, data, gazetteer.replace(b"Shusha", b"Shushi", 1))
    assert changed is not None  # the gazetteer changed since: its index and the timeline are not used, the events are
    assert (changed.rows, changed.timeline) == (None, None)
    assert tuple(changed.events) == ks.events()
    assert _compiled.read_compiled(out, data.replace(b"1992-05-18", b"1992-05-17", 1), gazetteer) is None  # a date
    assert _compiled.read_compiled(out, data + b"\n", gazetteer) is None  # another log
    monkeypatch.setattr(_compiled, "code_fingerprint", lambda: ("other code",))
    assert _compiled.read_compiled(out, data, gazetteer) is None  # records or fold defined by other code
    monkeypatch.undo()
    whole = out.read_bytes()
    for damaged in (b"not a compiled log", whole[:-1], whole + b"x", whole[:100], b""):
        out.write_bytes(damaged)
        assert _compiled.read_compiled(out, data, gazetteer) is None
    assert _compiled.read_compiled(tmp_path / "missing", data) is None
    _compile.write_compiled(log)
    assert _bundled._load_bundled(log).events() == ks.events()
    with log.open("ab") as f:  # the log grew after it was compiled: read from its lines, not from the stale form
        f.write(ks.records.bundled_log_path().read_bytes().splitlines(keepends=True)[0])
    with pytest.raises(ks.LogError):
        _bundled._load_bundled(log)  # its repeated first line is a duplicate id: proof the lines were read


def test_a_compiled_log_answers_as_the_folded_one_on_every_change_day(tmp_path: Path) -> None:
    """Read back from its compiled form, the bundled log gives equal statuses, places, claims, recognitions,
    statements and uncertain events on every day any of them changes, and on the day before each."""
    from karabakh_status import _compile

    log, _ = _copy_bundled(tmp_path)
    _compile.write_compiled(log)
    restored = _bundled._load_bundled(log)
    folded = ks.History(ks.events())
    assert type(restored.events()) is tuple
    assert attrs.evolve(restored.data_version(), source="") == attrs.evolve(ks.data_version(), source="")
    days = sorted({*folded.timeline().change_ordinals, *(o - 1 for o in folded.timeline().change_ordinals)})
    for ordinal in days:
        day = pendulum.Date.fromordinal(ordinal)
        a, b = restored.status_at(day), folded.status_at(day)
        assert a == b, day
        assert a.places == b.places, day
        assert (a.claims, a.recognitions, a.statements, a.calls, a.uncertain) == (
            b.claims,
            b.recognitions,
            b.statements,
            b.calls,
            b.uncertain,
        ), day
    assert restored.changes_between("1988-01-01", "2026-01-01") == folded.changes_between("1988-01-01", "2026-01-01")
    early = restored.status_at("1992-03-01", as_of=300)  # an earlier revision is folded from the compiled events
    assert early == folded.status_at("1992-03-01", as_of=300)


def test_a_compiled_status_pickles_and_reads_back_in_another_order(tmp_path: Path) -> None:
    """A status of a compiled log pickles as its revision; days decoded late (back in time) answer the same."""
    import pickle

    from karabakh_status import _compile

    log, _ = _copy_bundled(tmp_path)
    _compile.write_compiled(log)
    restored = _bundled._load_bundled(log)
    late, early = restored.status_at("2023-10-01"), restored.status_at("1993-05-01")  # replayed forward, then back
    assert late.places == ks.status_at("2023-10-01").places
    assert early.places == ks.status_at("1993-05-01").places
    folded = ks.History(ks.events())
    days = [pendulum.Date.fromordinal(o) for o in folded.timeline().change_ordinals]
    random.Random(7).shuffle(days)  # days decoded out of order, then in order (a panel's walk), answer alike
    for day in [*days[:60], *sorted(days)]:
        assert restored.status_at(day).places.controllers() == folded.status_at(day).places.controllers(), day
    s = ks.status_at("2020-10-20")
    assert pickle.loads(pickle.dumps(s)) == s


def test_a_compiled_log_answers_alike_from_many_threads(tmp_path: Path) -> None:
    """Threads reading places and claims of many days at once from one compiled log (decoding as they go, making its
    claims once) answer as the folded log does."""
    from concurrent.futures import ThreadPoolExecutor

    from karabakh_status import _compile

    log, _ = _copy_bundled(tmp_path)
    _compile.write_compiled(log)
    restored = _bundled._load_bundled(log)
    folded = ks.History(ks.events())
    days = [pendulum.Date.fromordinal(o) for o in folded.timeline().change_ordinals]
    random.Random(11).shuffle(days)

    def read(day: pendulum.Date, history: ks.History = restored) -> tuple[str, ...]:
        status = history.status_at(day)
        return (*status.places.controllers(), *(c.place for c in status.claims))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch often, so that a race would show
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            found = list(pool.map(read, days * 2))
    finally:
        sys.setswitchinterval(interval)
    assert found == [read(day, folded) for day in days * 2]
