"""Every command-line transcript in the docs (a ``$ karabakh-status ...`` line in a ``text`` block, then its
output) is run through the installed entry point, and must print exactly what the page shows."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
SCRIPT = Path(sys.executable).with_name("karabakh-status")
ENTRY = str(SCRIPT) if SCRIPT.exists() else shutil.which("karabakh-status") or "karabakh-status"
_BLOCK = re.compile(r"^```text\n(.*?)^```", re.S | re.M)


def transcripts() -> list[tuple[str, str, str]]:
    """(page, command, expected output) for each ``$ karabakh-status`` line of the docs' own pages."""
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        if {"_build", "_generated"} & set(page.relative_to(DOCS).parts):
            continue
        for block in _BLOCK.findall(page.read_text(encoding="utf-8")):
            command: str | None = None
            output: list[str] = []
            for line in block.splitlines():
                if line.startswith("$ "):
                    if command is not None:
                        found.append((page.name, command, "\n".join(output)))
                    command, output = line[2:], []
                elif command is not None:
                    output.append(line)
            if command is not None:
                found.append((page.name, command, "\n".join(output)))
    return [t for t in found if t[1].startswith("karabakh-status ") and "--help" not in t[1]]


def test_the_docs_have_transcripts() -> None:
    assert len(transcripts()) >= 5


@pytest.mark.parametrize(("page", "command", "expected"), transcripts(), ids=lambda v: str(v)[:60])
def test_transcript_prints_what_the_page_shows(page: str, command: str, expected: str, tmp_path: Path) -> None:
    """Run in an empty folder, so that a command writing files (``export out/``) writes them there."""
    shell = shlex.quote(ENTRY) + command[len("karabakh-status") :]
    r = subprocess.run(["bash", "-c", shell], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert r.stderr == "", (page, r.stderr)
    assert r.stdout.rstrip("\n") == expected.rstrip("\n"), f"{page}: {command}"


def terminal_lines() -> list[str]:
    """The commands of the README's terminal section (its ``sh`` block after "From a terminal")."""
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("From a terminal", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def test_readme_terminal_section_runs_as_written(tmp_path: Path) -> None:
    """In a fresh shell in an empty folder, with the environment activated the way the README says, every
    command of its terminal section succeeds (``my-events.jsonl`` being a copy of the bundled log)."""
    lines = terminal_lines()
    assert lines[0] == ". .venv/bin/activate"
    assert any(line.startswith("karabakh-status places") for line in lines)
    venv = tmp_path / ".venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "activate").write_text(f'PATH={shlex.quote(str(Path(ENTRY).parent))}:"$PATH"\n', encoding="utf-8")
    shutil.copy(DOCS.parent / "data" / "events.jsonl", tmp_path / "my-events.jsonl")
    script = "set -e\n" + "\n".join(f"{line} > /dev/null" for line in lines[1:])
    r = subprocess.run(
        ["bash", "-c", lines[0] + "\n" + script], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "page.html").exists()
    assert (tmp_path / "day.geojson").exists()
