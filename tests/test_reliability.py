"""Reliability of the log: concurrent appends, SIGKILL at random moments, torn lines, tampering.

Counts (defaults keep CI affordable; the issue's full counts run with the variables set):

- concurrent writers: 8 processes x ``KS_APPENDS`` events each (default 60 -> 480 lines;
  ``KS_APPENDS=500`` gives the full 4,000);
- SIGKILL: ``KS_KILLS`` writers killed at random moments (default 25; ``KS_KILLS=60`` for the full run).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import karabakh_status as ks
from karabakh_status._integrity import chain_path, chain_problems

APPENDS = int(os.environ.get("KS_APPENDS", "60"))
KILLS = int(os.environ.get("KS_KILLS", "25"))
WRITERS = 8

TEMPLATE = {
    "type": "statement",
    "id": "x",
    "date": "2020-11-10",
    "summary": "A test statement.",
    "sources": [{"work": "test"}],
    "recorded": "2026-11-27",
    "actor": "armenia",
    "stance": "other",
}

WRITER = """
import json, sys
import karabakh_status as ks
path, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
template = json.loads(sys.argv[4])
for i in range(count):
    ks.append(path, {**template, "id": f"{prefix}-{i}"})
    print(f"{prefix}-{i}", flush=True)
"""


def _writer(path: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), prefix, str(count), json.dumps(TEMPLATE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_writers(tmp_path: Path) -> None:
    """8 processes appending at once give exactly all their lines, none interleaved, chain intact."""
    log = tmp_path / "log.jsonl"
    procs = [_writer(log, f"w{k}", APPENDS) for k in range(WRITERS)]
    for p in procs:
        _out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    raw = log.read_bytes().split(b"\n")
    assert raw[-1] == b""
    assert len(raw) - 1 == WRITERS * APPENDS
    h = ks.load(log, verify=True)
    assert {e.id for e in h.events()} == {f"w{k}-{i}" for k in range(WRITERS) for i in range(APPENDS)}


def test_sigkill_at_random_moments(tmp_path: Path) -> None:
    """A writer killed at any moment leaves a sound log or one torn last line; repair keeps every returned append."""
    log = tmp_path / "log.jsonl"
    rng = random.Random(20261127)
    returned: set[str] = set()
    for k in range(KILLS):
        p = _writer(log, f"k{k}", 10_000)
        assert p.stdout is not None
        first = p.stdout.readline()  # the writer is now appending in a loop
        time.sleep(rng.uniform(0.0, 0.25))
        p.send_signal(signal.SIGKILL)
        out, _ = p.communicate()
        returned.update(line for line in (first + out).split("\n") if line)
        try:
            ks.load(log)
        except ks.LogError as exc:
            assert "torn last line" in exc.problem
            assert exc.line == log.read_bytes().count(b"\n") + 1
        ks.repair(log)
        h = ks.load(log, verify=True)
        ids = {e.id for e in h.events()}
        assert returned <= ids, sorted(returned - ids)[:5]


def test_torn_tail_repaired_with_backup(tmp_path: Path) -> None:
    """A line torn mid-write is reported as torn; repair backs up, removes only it, and keeps every complete event."""
    log = tmp_path / "log.jsonl"
    for i in range(5):
        ks.append(log, {**TEMPLATE, "id": f"e{i}"})
    whole = log.read_bytes()
    with log.open("ab") as f:
        f.write(b'{"type": "statement", "id": "half')
    with pytest.raises(ks.LogError, match="torn last line") as info:
        ks.load(log)
    assert info.value.line == 6
    report = ks.repair(log)
    assert report.backup is not None
    assert report.backup.read_bytes().startswith(whole)
    assert log.read_bytes() == whole
    assert report.events == 5
    ks.append(log, {**TEMPLATE, "id": "after-repair"})
    assert len(ks.load(log, verify=True)) == 6


def test_append_refuses_torn_log(tmp_path: Path) -> None:
    """Appending to a log with a torn last line is refused until it is repaired."""
    log = tmp_path / "log.jsonl"
    ks.append(log, {**TEMPLATE, "id": "a"})
    with log.open("ab") as f:
        f.write(b"{")
    with pytest.raises(ks.LogError, match="torn last line"):
        ks.append(log, {**TEMPLATE, "id": "b"})


def test_append_validates_against_log(tmp_path: Path) -> None:
    """A duplicate id, a correction of an unknown id or a malformed event is refused and nothing is written."""
    log = tmp_path / "log.jsonl"
    ks.append(log, {**TEMPLATE, "id": "a"})
    before = log.read_bytes()
    with pytest.raises(ks.LogError, match="already in the log"):
        ks.append(log, {**TEMPLATE, "id": "a"})
    correction = {**TEMPLATE, "type": "correction", "id": "c", "target": "nope", "action": "retract"}
    del correction["actor"], correction["stance"]
    with pytest.raises(ks.LogError, match="not in the log before"):
        ks.append(log, correction)
    with pytest.raises(ks.LogError, match=r"the new event: \$\.stance"):
        ks.append(log, {**TEMPLATE, "id": "b", "stance": "cheerful"})
    assert log.read_bytes() == before


def _sealed_log(tmp_path: Path, n: int = 6) -> Path:
    log = tmp_path / "log.jsonl"
    for i in range(n):
        ks.append(log, {**TEMPLATE, "id": f"e{i}"})
    return log


def _lines(log: Path) -> list[bytes]:
    return log.read_bytes().split(b"\n")[:-1]


def _write(log: Path, lines: list[bytes]) -> None:
    log.write_bytes(b"".join(line + b"\n" for line in lines))


@pytest.mark.parametrize(
    ("tamper", "first_bad"),
    [
        (lambda ls: [*ls[:2], ls[2].replace(b"A test", b"A false"), *ls[3:]], 3),
        (lambda ls: [*ls[:3], *ls[4:]], 4),
        (lambda ls: [*ls[:1], ls[4].replace(b'"e4"', b'"new"'), *ls[1:]], 2),
        (lambda ls: [ls[0], ls[2], ls[1], *ls[3:]], 2),
        (lambda ls: ls[:-1], 6),
    ],
    ids=["edited", "deleted", "inserted", "reordered", "last-deleted"],
)
def test_tampering_detected_at_first_bad_line(tmp_path: Path, tamper: object, first_bad: int) -> None:
    """An edited, deleted, inserted or reordered line is detected, naming the first bad line."""
    log = _sealed_log(tmp_path)
    _write(log, tamper(_lines(log)))  # type: ignore[operator]
    with pytest.raises(ks.LogError) as info:
        ks.load(log, verify=True)
    assert info.value.line == first_bad
    assert chain_problems(log)[0].line == first_bad


def test_verify_command(tmp_path: Path) -> None:
    """karabakh-status verify exits 0 on a sound log and 1 naming each problem otherwise."""
    log = _sealed_log(tmp_path)
    ok = subprocess.run(
        [sys.executable, "-m", "karabakh_status", "verify", str(log)], capture_output=True, text=True, check=False
    )
    assert ok.returncode == 0, ok.stderr
    assert "hash chain intact" in ok.stdout
    lines = _lines(log)
    _write(log, [lines[0], b"[1]", lines[2], lines[2], *lines[3:]])
    bad = subprocess.run(
        [sys.executable, "-m", "karabakh_status", "verify", str(log)], capture_output=True, text=True, check=False
    )
    assert bad.returncode == 1
    assert f"{log}:2: $: expected a JSON object" in bad.stdout
    assert f"{log}:4: $.id: expected a new id" in bad.stdout


def test_unsealed_lines_reported_and_sealed(tmp_path: Path) -> None:
    """Lines appended behind the library's back are reported as not sealed until repair seals them."""
    log = _sealed_log(tmp_path, 2)
    with log.open("ab") as f:
        f.write(json.dumps({**TEMPLATE, "id": "by-hand"}).encode() + b"\n")
    with pytest.raises(ks.LogError, match="not sealed"):
        ks.load(log, verify=True)
    assert ks.repair(log).sealed == 1
    ks.load(log, verify=True)
    assert chain_path(log).read_bytes().count(b"\n") == 3
