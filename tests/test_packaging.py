"""Packaging: the version, and the bundled log found from any directory in both install modes."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from importlib.metadata import version
from pathlib import Path

import pytest

import karabakh_status as ks

ROOT = Path(__file__).resolve().parent.parent
QUERY = "import karabakh_status as ks; print(ks.status_at('2020-11-25').controller('kalbajar'))"


def test_version_matches_metadata() -> None:
    """__version__ is the installed distribution's version."""
    assert ks.__version__ == version("karabakh-status")


def test_all_names_resolve() -> None:
    """Every name in __all__ is importable from the package."""
    for name in ks.__all__:
        assert getattr(ks, name) is not None


def test_unknown_attribute() -> None:
    """An unknown attribute is an AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = ks.nope  # type: ignore[attr-defined]


def _fresh_venv(tmp_path: Path) -> Path:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    return env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"


def _pip(python: Path, *args: str) -> None:
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args],
        check=True,
        cwd=ROOT,
    )


def _output(python: Path, where: Path, code: str) -> str:
    """What ``code`` prints, run by ``python`` in the folder ``where``."""
    out = subprocess.run([str(python), "-c", code], check=True, cwd=where, capture_output=True, text=True)
    return out.stdout.strip()


@pytest.mark.slow
@pytest.mark.parametrize("editable", [False, True], ids=["wheel", "editable"])
def test_install_and_query_outside_checkout(tmp_path: Path, editable: bool) -> None:
    """A fresh venv, a regular or editable install, and a query from outside the checkout finds the bundled log."""
    python = _fresh_venv(tmp_path)
    _pip(python, *(["-e", str(ROOT)] if editable else [str(ROOT)]))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert _output(python, elsewhere, QUERY) == "azerbaijan"
    where = _output(python, elsewhere, "import karabakh_status as ks; print(ks.records.bundled_log_path())")
    page = _output(  # the page's markup, style and script are package files, inlined
        python,
        elsewhere,
        "from karabakh_status._page import timeline_page as t; p = t('2020-11-01', '2020-11-02');"
        " print(p.count('<script>'), p.count('<style>'), '{{' in p)",
    )
    assert page.split() == ["1", "1", "False"]
    found = _output(  # the codebook's text is a package file; the build compiled the log, and it is what answers
        python,
        elsewhere,
        "import karabakh_status as ks; from karabakh_status._codebook import TABLES;"
        " print(len(TABLES), type(ks.default_history().events(as_of=0)).__name__,"
        " type(ks.default_history().timeline()._snapshots).__name__)",
    )
    assert found.split() == ["9", "tuple", "_Snapshots"]
    if editable:
        assert Path(where) == ROOT / "data" / "events.jsonl"
    else:
        assert "site-packages" in where
        assert Path(where).read_bytes() == (ROOT / "data" / "events.jsonl").read_bytes()


def test_import_is_light() -> None:
    """Importing the package alone loads neither cattrs, pendulum nor the log."""
    code = "import sys, karabakh_status; print(sorted(m for m in ('cattrs', 'pendulum') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"
