"""The bundled log: read directly when its chain vouches for it, strictly otherwise, with the same events."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

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


def test_the_compiled_log_is_used_only_while_it_matches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled form answers only for the exact log bytes and record code it was built from; else it is ignored."""
    from karabakh_status import _compiled

    log = tmp_path / "events.jsonl"
    log.write_bytes(ks.records.bundled_log_path().read_bytes())
    (tmp_path / "events.jsonl.chain").write_bytes(
        ks.records.bundled_log_path().with_suffix(".jsonl.chain").read_bytes()
    )
    places = tmp_path / "places.jsonl"
    places.write_bytes(ks.records.bundled_log_path().with_name("places.jsonl").read_bytes())
    out = _compiled.write_compiled(log)
    assert out == tmp_path / _compiled.COMPILED_NAME
    digest = hashlib.sha256(log.read_bytes()).hexdigest()
    places_digest = hashlib.sha256(places.read_bytes()).hexdigest()
    found = _compiled.read_compiled(out, digest, places_digest)
    assert found is not None
    events, rows = found
    assert events == ks.events()
    assert rows is not None
    from karabakh_status._fold import PlaceIndex

    assert PlaceIndex(rows) == ks.default_history().places  # the gazetteer's index, compiled with the events
    changed = _compiled.read_compiled(out, digest, "0" * 64)  # the gazetteer changed since: its index is not used
    assert changed is not None
    assert changed[1] is None
    assert _compiled.read_compiled(out, "0" * 64) is None  # another log
    monkeypatch.setattr(_compiled, "code_fingerprint", lambda: "other code")
    assert _compiled.read_compiled(out, digest, places_digest) is None  # records defined by other code
    monkeypatch.undo()
    out.write_bytes(b"not a pickle")
    assert _compiled.read_compiled(out, digest) is None
    assert _compiled.read_compiled(tmp_path / "missing", digest) is None
    _compiled.write_compiled(log)
    assert _bundled._load_bundled(log).events() == ks.events()
    with log.open("ab") as f:  # the log grew after it was compiled: read from its lines, not from the stale form
        f.write(ks.records.bundled_log_path().read_bytes().splitlines(keepends=True)[0])
    with pytest.raises(ks.LogError):
        _bundled._load_bundled(log)  # its repeated first line is a duplicate id: proof the lines were read
