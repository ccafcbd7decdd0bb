"""The bundled log is append-only in the repository's history, and its hash chain holds."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import karabakh_status as ks

ROOT = Path(__file__).resolve().parent.parent
GUARDED = ("data/events.jsonl", "data/events.jsonl.chain")
#: History before this test existed is not judged (the guard starts with the commit adding it).
GUARD_FILE = "tests/test_append_only.py"


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout


def _in_git_checkout() -> bool:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return False
    return _git("rev-parse", "--is-shallow-repository").strip() == "false"


@pytest.mark.skipif(not _in_git_checkout(), reason="needs a full git checkout")
@pytest.mark.parametrize("path", GUARDED)
def test_history_only_appends(path: str) -> None:
    """No commit since the guard was added changed or removed an existing line of the log or its chain."""
    added = _git("log", "--diff-filter=A", "--format=%H", "--", GUARD_FILE).split()
    commits = _git("log", "--reverse", "--format=%H", "--", path).split()
    if added:
        guard = added[-1]
        commits = [
            c
            for c in commits
            if subprocess.run(["git", "merge-base", "--is-ancestor", guard, c], cwd=ROOT, check=False).returncode == 0
        ]
    previous = b""
    for commit in commits:
        show = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=ROOT, capture_output=True, check=False)
        current = show.stdout if show.returncode == 0 else b""
        assert current.startswith(previous), f"{commit[:10]} rewrote {path}: append correction events instead"
        previous = current
    work = (ROOT / path).read_bytes()
    assert work.startswith(previous), f"the working copy of {path} rewrote committed lines"


def test_bundled_chain_intact() -> None:
    """The bundled log matches its hash chain line by line."""
    ks.load(ks.records.bundled_log_path(), verify=True)
