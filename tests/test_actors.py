"""Actors: the ``iso`` field, and the bundled actors' ISO 3166 codes checked against pycountry's tables."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import karabakh_status as ks
from karabakh_status._actors import read_actors

ACTORS = ks.actors()

#: Actors of kind ``un-member-state`` that have no ISO 3166-1 code, and why.
STATES_WITHOUT_CODE = {
    "ussr": "dissolved in 1991; its code SU was withdrawn from ISO 3166-1 (ISO 3166-3 keeps it as historic)",
}

#: Where the actor's display name (less any parenthesis) differs from every name pycountry gives the code.
NAME_DIFFERENCES = {
    "Russia": "Russian Federation",
    "Turkey": "Türkiye",
    "Corsica": "Corse",
    "Lombardy": "Lombardia",
    "Metropolitan City of Reggio Calabria": "Reggio Calabria",
    "Montevideo Department": "Montevideo",
}

#: The only kinds that carry a code: states, and regions that ISO 3166-2 lists.
KINDS_WITH_CODES = {"un-member-state", "subnational"}


@pytest.fixture(scope="module")
def pycountry() -> Any:
    """The ISO 3166 tables; these tests are skipped where pycountry is not installed."""
    return pytest.importorskip("pycountry")


def _entry(pycountry: Any, code: str) -> Any:
    if "-" in code:
        return pycountry.subdivisions.get(code=code)
    return pycountry.countries.get(alpha_2=code)


def _plain(name: str) -> str:
    """The display name without a trailing parenthesis: ``"Turkey (Türkiye)"`` is ``"Turkey"``."""
    return re.sub(r"\s*\(.*\)$", "", name)


def test_codes_known_to_pycountry_and_named_alike(pycountry: Any) -> None:
    """Every actor's code is in pycountry's ISO 3166 tables, under the actor's name or an allowed variant of it."""
    coded = [a for a in ACTORS.values() if a.iso is not None]
    assert coded
    for a in coded:
        assert a.iso is not None
        entry = _entry(pycountry, a.iso)
        assert entry is not None, (a.id, a.iso)
        names = {getattr(entry, field, None) for field in ("name", "common_name", "official_name")}
        plain = _plain(a.name)
        assert NAME_DIFFERENCES.get(plain, plain) in names, (a.id, a.iso, sorted(n for n in names if n))


def test_name_differences_all_used() -> None:
    """The table of allowed name differences holds no stale entry."""
    plain = {_plain(a.name) for a in ACTORS.values() if a.iso is not None}
    assert set(NAME_DIFFERENCES) <= plain


def test_every_member_state_coded(pycountry: Any) -> None:
    """Every UN member state has an ISO 3166-1 alpha-2 code, except those listed as having none, which have none."""
    for a in ACTORS.values():
        if a.kind != "un-member-state":
            continue
        if a.id in STATES_WITHOUT_CODE:
            assert a.iso is None, a.id
            assert pycountry.countries.get(name=_plain(a.name)) is None, a.id
        else:
            assert a.iso is not None, a.id
            assert "-" not in a.iso, a.id
    assert set(STATES_WITHOUT_CODE) <= set(ACTORS)


def test_subnational_codes_within_their_country(pycountry: Any) -> None:
    """A region's ISO 3166-2 code starts with its country's alpha-2 code, and pycountry files it under that country."""
    for a in ACTORS.values():
        if a.kind != "subnational" or a.iso is None:
            continue
        assert a.country is not None, a.id
        country = ACTORS[a.country].iso
        assert country is not None, a.id
        assert a.iso.startswith(f"{country}-"), (a.id, a.iso, country)
        assert pycountry.subdivisions.get(code=a.iso).country_code == country, a.id


def test_only_states_and_regions_coded() -> None:
    """Non-UN and de facto states, municipalities, parliaments, parties, courts, organisations and people have none."""
    for a in ACTORS.values():
        if a.kind not in KINDS_WITH_CODES:
            assert a.iso is None, a.id
        elif a.iso is not None:
            assert ("-" in a.iso) == (a.kind == "subnational"), a.id
    for unlisted in ("abkhazia", "south-ossetia", "transnistria", "artsakh"):
        assert ACTORS[unlisted].iso is None


def test_codes_unique() -> None:
    """No two actors share a code."""
    codes = [a.iso for a in ACTORS.values() if a.iso is not None]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("code", ["AM", "US-CA", "AU-NSW", "IT-25", "FR-20R", "FR-2A"])
def test_iso_pattern_accepts(code: str) -> None:
    """Alpha-2 codes and ISO 3166-2 codes of one to three letters or digits after the hyphen are accepted."""
    assert ks.records.Actor(id="x", name="X", kind="subnational", iso=code).iso == code


@pytest.mark.parametrize("code", ["am", "ARM", "US-", "US-CALI", "US_CA", "us-ca", " AM", "AM ", ""])
def test_iso_pattern_rejects(code: str) -> None:
    """Anything else is refused with an ``iso: expected ...; got ...`` message."""
    with pytest.raises(ValueError, match=r"^iso: expected .*; got "):
        ks.records.Actor(id="x", name="X", kind="subnational", iso=code)


def test_loader_reads_lines_with_and_without_iso(tmp_path: Path) -> None:
    """The loader reads lines without the field (``None``) beside lines with it."""
    path = tmp_path / "actors.jsonl"
    lines = [
        {"id": "armenia", "name": "Armenia", "kind": "un-member-state", "iso": "AM"},
        {"id": "artsakh", "name": "Republic of Artsakh", "kind": "de-facto-state"},
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    actors = {a.id: a for a in read_actors(path)}
    assert actors["armenia"].iso == "AM"
    assert actors["artsakh"].iso is None


@pytest.mark.parametrize(("iso", "problem"), [("am", "iso: expected"), (7, "expected a string")])
def test_loader_reports_bad_iso(tmp_path: Path, iso: object, problem: str) -> None:
    """A bad code is a LogError naming the file, the line and what was expected."""
    path = tmp_path / "actors.jsonl"
    bad = {"id": "armenia", "name": "Armenia", "kind": "un-member-state", "iso": iso}
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ks.LogError, match=r"actors\.jsonl:1: ") as info:
        read_actors(path)
    assert problem in str(info.value)
