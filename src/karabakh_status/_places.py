"""The gazetteer: every place whose control the log follows, with its coordinates and all its names."""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from ._errors import AmbiguousNameError, InvalidRecordError, LogError, LogProblem, UnknownTerritoryError
from ._events import SLUG_PATTERN, Source
from ._vocabulary import PLACE_KINDS, TERRITORIES

__all__ = ["Gazetteer", "Place", "fold_name", "load_gazetteer"]

_SLUG: Final = re.compile(SLUG_PATTERN)
#: An Azerbaijani rayon or city as its ISO 3166-2:AZ code.
RAYON_PATTERN: Final = "AZ-[A-Z]{2,3}"
_RAYON: Final = re.compile(RAYON_PATTERN)


def _check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    name = attribute.name
    if name == "id" and (type(value) is not str or _SLUG.fullmatch(value) is None):
        raise InvalidRecordError(
            f"expected a slug of lowercase ascii letters, digits and hyphens; got {value!r}", field="id"
        )
    if name == "kind" and value not in PLACE_KINDS:
        raise InvalidRecordError(f"expected one of {', '.join(PLACE_KINDS)}; got {value!r}", field="kind")
    if name == "territory" and value not in TERRITORIES:
        raise InvalidRecordError(f"expected one of {', '.join(TERRITORIES)}; got {value!r}", field="territory")
    if name == "rayon" and value is not None and (type(value) is not str or _RAYON.fullmatch(value) is None):
        raise InvalidRecordError(f"expected an ISO 3166-2:AZ code such as 'AZ-SUS'; got {value!r}", field="rayon")
    if name == "lat" and value is not None and not (type(value) is float and 38.0 <= value <= 41.5):
        raise InvalidRecordError(
            f"expected a latitude (decimal degrees north) in the region; got {value!r}", field="lat"
        )
    if name == "lon" and value is not None and not (type(value) is float and 44.5 <= value <= 48.5):
        raise InvalidRecordError(
            f"expected a longitude (decimal degrees east) in the region; got {value!r}", field="lon"
        )


@attrs.frozen(kw_only=True)
class Place:
    """A settlement, height, pass or road section with coordinates, lying in one territory.

    Attributes:
        id: Stable slug (``"mets-shen"``); a town that shares its district's
            name has a suffix (``"shusha-town"``), so that the district keeps
            its id.
        name: The display name in common English usage.
        names: Every other name the sources give: Armenian and Azerbaijani
            usage, Russian, former Soviet names, transliterations.
        kind: One of ``PLACE_KINDS``.
        lat: WGS84 latitude, decimal degrees north (``None`` where no page gives it).
        lon: WGS84 longitude, decimal degrees east (``None`` where no page gives it).
        no_coordinates: Why there are no coordinates, when there are none.
        centre: Whether it is its territory's administrative centre (its
            holder is the territory's main holder).
        territory: The territory id it lies in (the Soviet-era district).
        rayon: The Azerbaijani rayon as its ISO 3166-2:AZ code, where known.
        geonames: The GeoNames id, when the coordinates come from GeoNames.
        source: Where the coordinates and names were read (GeoNames or the cited page).
        note: How anything was worked out; the place's history where it
            followed its district.

    >>> import karabakh_status as ks
    >>> p = ks.place("Khankendi")
    >>> p.id, p.territory, p.kind
    ('stepanakert-city', 'stepanakert', 'city')
    """

    id: str = attrs.field(validator=_check)
    name: str
    names: tuple[str, ...] = ()
    kind: str = attrs.field(validator=_check)
    lat: float | None = attrs.field(default=None, validator=_check)
    lon: float | None = attrs.field(default=None, validator=_check)
    no_coordinates: str | None = None
    centre: bool = False
    territory: str = attrs.field(validator=_check)
    rayon: str | None = attrs.field(default=None, validator=_check)
    geonames: int | None = None
    source: Source
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.lat is None) != (self.lon is None):
            raise InvalidRecordError("expected both or neither", field="lat, lon")
        if self.lat is None and not self.no_coordinates:
            raise InvalidRecordError("expected the reason there are no coordinates", field="no_coordinates")
        if self.lat is not None and self.no_coordinates is not None:
            raise InvalidRecordError("expected only for a place without coordinates", field="no_coordinates")

    @property
    def located(self) -> bool:
        """Whether the place has coordinates (and so can be drawn on a map)."""
        return self.lat is not None

    @property
    def all_names(self) -> tuple[str, ...]:
        """The display name, then every other name."""
        return (self.name, *self.names)


_FOLD: Final = str.maketrans({"ə": "e", "Ə": "e", "ı": "i", "ʻ": "", "’": "", "'": "", "ʼ": "", "`": ""})


@functools.lru_cache(maxsize=4096)
def fold_name(text: str) -> str:
    """A name as names are compared: case, diacritics, hyphens, spaces and apostrophes ignored.

    >>> fold_name("Şuşa"), fold_name("Mets-Shen"), fold_name("Xankəndi"), fold_name("Qubadlı")
    ('susa', 'metsshen', 'xankendi', 'qubadli')
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).casefold()


class Gazetteer:
    """The places, by id and by every name, and which lie in each territory.

    Names are looked up folded (see :func:`~karabakh_status.vocabulary.fold_name`).  Territories are
    found too, by id, display name or alternative name; a territory and the
    town that shares its name (Shusha, Lachin, ...) resolve to the territory,
    so that every answer by district name stays what it was before places.
    """

    __slots__ = ("_by_id", "_names", "_places", "_territory_names", "by_territory")

    def __init__(self, places: Iterable[Place]) -> None:
        """Index ``places``; a repeated id raises ``ValueError``."""
        self._places = tuple(places)
        by_id: dict[str, Place] = {}
        for p in self._places:
            if p.id in by_id:
                raise InvalidRecordError(f"expected a new place id; {p.id!r} is already there", field="id")
            by_id[p.id] = p
        self._by_id = MappingProxyType(by_id)
        names: dict[str, list[str]] = {}
        for p in self._places:
            for n in {fold_name(x) for x in (p.id, *p.all_names)}:
                names.setdefault(n, []).append(p.id)
        self._names = {k: tuple(v) for k, v in names.items()}
        territory_names: dict[str, set[str]] = {}
        for t in TERRITORIES.values():
            for n in {fold_name(x) for x in (t.id, t.name, *t.alt_names)}:
                territory_names.setdefault(n, set()).add(t.id)
        self._territory_names = {k: tuple(sorted(v)) for k, v in territory_names.items()}
        #: The ids of the places in each territory, in gazetteer order.
        self.by_territory: Mapping[str, tuple[str, ...]] = _by_territory(self._places)

    def __reduce__(self) -> tuple[Any, ...]:
        # As its places and its folded names: read back without folding a name again (the compiled log keeps one).
        return (_restored_gazetteer, (self._places, self._names, self._territory_names))

    @property
    def places(self) -> tuple[Place, ...]:
        """Every place, in gazetteer order."""
        return self._places

    @property
    def by_id(self) -> Mapping[str, Place]:
        """Every place by id."""
        return self._by_id

    def __len__(self) -> int:
        return len(self._places)

    def _qualified(self, name: str) -> tuple[str, str]:
        """``"Name, District"``: the place of that name in that district."""
        head, _, tail = name.rpartition(",")
        district = self._territory_names[fold_name(tail)]
        key = fold_name(head)
        ids = [i for i in self._names.get(key, ()) if self._by_id[i].territory == district[0]]
        if len(ids) > 1:
            own = [i for i in ids if key in (fold_name(i), fold_name(self._by_id[i].name))]
            ids = own if len(own) == 1 else ids
        if len(ids) == 1:
            return ("place", ids[0])
        if ids:
            raise AmbiguousNameError(f"{name!r} names more than one place: {', '.join(ids)}; ask by id")
        where = TERRITORIES[district[0]].name
        raise UnknownTerritoryError(f"unknown territory or place {name!r}: no place {head.strip()!r} in {where}"[:300])

    def resolve(self, name: str, *, territories: bool = True) -> tuple[str, str]:
        """What ``name`` means: ``("territory", id)`` or ``("place", id)``.

        Ids match first, exactly; then names, folded.  A place's own name
        beats another place's alternative name.  A name followed by a comma
        and a district (``"Jafarabad, Jabrayil"``) means the place of that
        name in that district.  A name still of more than one place (and of
        no territory) raises :class:`~karabakh_status.AmbiguousNameError`
        listing them; a name of nothing raises
        :class:`~karabakh_status.UnknownTerritoryError` with the closest names.
        """
        if type(name) is not str:
            raise UnknownTerritoryError(f"unknown territory or place {name!r}: expected an id or a name"[:300])
        if territories and name in TERRITORIES:
            return ("territory", name)
        if name in self._by_id:
            return ("place", name)
        head, comma, tail = name.rpartition(",")
        if comma and head.strip() and len(self._territory_names.get(fold_name(tail), ())) == 1:
            return self._qualified(name)
        key = fold_name(name)
        held = self._territory_names.get(key, ()) if territories else ()
        if len(held) == 1:
            return ("territory", held[0])
        ids = self._names.get(key, ())
        if len(ids) > 1 and not held:
            own = [i for i in ids if key in (fold_name(i), fold_name(self._by_id[i].name))]
            if len(own) == 1:
                return ("place", own[0])
        if len(ids) == 1 and not held:
            return ("place", ids[0])
        if held or ids:
            listed = [f"territory {t!r}" for t in held] + [
                f"place {i!r} ({self._by_id[i].name}, {TERRITORIES[self._by_id[i].territory].name} district)"
                for i in ids
            ]
            raise AmbiguousNameError(
                f"{name!r} names more than one thing: {'; '.join(listed)}; ask by id, or add the district "
                f"('{name}, {TERRITORIES[self._by_id[ids[0]].territory].name}')"
                if ids
                else f"{name!r} names more than one thing: {'; '.join(listed)}; ask by id"
            )
        pool = list(self._names) + (list(self._territory_names) if territories else [])
        close = difflib.get_close_matches(key, pool, n=5, cutoff=0.75)
        suggestions = sorted({*(t for k in close for t in self._territory_names.get(k, ()) if territories)}) + sorted(
            {i for k in close for i in self._names.get(k, ())}
        )
        hint = f"; did you mean {', '.join(suggestions[:5])}?" if suggestions else ""
        what = "territory or place" if territories else "place"
        raise UnknownTerritoryError(f"unknown {what} {name!r}{hint}"[:500])


def _place(obj: object) -> Place:
    if type(obj) is not dict:
        raise TypeError("expected a JSON object")
    fields = dict(obj)
    source = fields.pop("source", None)
    if type(source) is not dict:
        raise TypeError("source: expected an object with 'work' (and 'url')")
    refs = source.get("refs", [])
    fields["source"] = Source(work=source["work"], refs=tuple(refs), url=source.get("url"))
    fields["names"] = tuple(fields.get("names", ()))
    for key in ("lat", "lon"):
        if type(fields.get(key)) is int:
            fields[key] = float(fields[key])
    return Place(**fields)


def load_gazetteer(path: str | os.PathLike[str]) -> Gazetteer:
    """Read a places file (one JSON object per line); a bad line is a :class:`LogError` naming it."""
    name = os.fspath(path)
    places: list[Place] = []
    seen: set[str] = set()
    try:
        with open(name, "rb") as f:
            for n, raw in enumerate(f, 1):
                try:
                    place = _place(json.loads(raw))
                except Exception as exc:  # reported with file and line
                    raise LogError(name, n, f"{type(exc).__name__}: {exc}"[:500], LogProblem.SCHEMA) from None
                if place.id in seen:
                    raise LogError(
                        name, n, f"$.id: expected a new id; {place.id!r} is already there", LogProblem.DUPLICATE_ID
                    )
                seen.add(place.id)
                places.append(place)
    except OSError as exc:
        raise LogError(name, None, f"cannot read the places: {exc.strerror or exc}", LogProblem.UNREADABLE) from None
    return Gazetteer(places)


def _restored_gazetteer(
    places: tuple[Place, ...], names: dict[str, tuple[str, ...]], territory_names: dict[str, tuple[str, ...]]
) -> Gazetteer:
    """A gazetteer as :meth:`Gazetteer.__reduce__` gave it: its places and its names already folded.

    >>> import pickle
    >>> from karabakh_status._data import bundled_gazetteer
    >>> g = pickle.loads(pickle.dumps(bundled_gazetteer()))
    >>> g.places == bundled_gazetteer().places, g.resolve("Shushi"), g.resolve("Nor Seysulan")
    (True, ('territory', 'shusha'), ('place', 'mollalar-boyahmedli'))
    """
    gazetteer = Gazetteer.__new__(Gazetteer)
    gazetteer._places = places
    gazetteer._by_id = MappingProxyType({p.id: p for p in places})
    gazetteer._names = names
    gazetteer._territory_names = territory_names
    gazetteer.by_territory = _by_territory(places)
    return gazetteer


def _by_territory(places: Iterable[Place]) -> Mapping[str, tuple[str, ...]]:
    """The ids of the places in each territory, in the places' order (every territory, with or without places)."""
    found: dict[str, list[str]] = {t: [] for t in TERRITORIES}
    for p in places:
        found[p.territory].append(p.id)
    return MappingProxyType({t: tuple(ids) for t, ids in found.items()})
