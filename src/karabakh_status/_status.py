"""The answer to ``status_at``: the situation in force on one day, as an immutable value."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, NoReturn, Protocol

import pendulum

from ._events import Event, Recognition, Statement
from ._fold import PlaceIndex
from ._state import ArtsakhState, Conditions, Snapshot, TerritoryMap

if TYPE_CHECKING:
    from ._placemap import Claim, ClaimBook, PlaceMap

__all__ = ["Status"]


#: The fields of a claim a GeoJSON feature carries (the feature is its place; see ``claim_json`` for the rest).
_FEATURE_CLAIM_KEYS: Final = frozenset({"by", "controller", "made", "event", "outcome", "settled_by"})


class Timeline(Protocol):
    """What a :class:`Status` asks of the folded log it came from (``_timeline.Timeline`` is one)."""

    @property
    def index(self) -> PlaceIndex: ...
    @property
    def claims(self) -> ClaimBook: ...
    def status(self, ordinal: int) -> Status: ...
    def recognitions_in_force(self, ordinal: int) -> tuple[Recognition, ...]: ...
    def calls_made(self, ordinal: int) -> tuple[Recognition, ...]: ...
    def statements_made(self, ordinal: int) -> tuple[Statement, ...]: ...
    def uncertain_on(self, ordinal: int) -> tuple[Event, ...]: ...
    def reduce_status(self, status: Status) -> tuple[Any, ...]: ...


class Status:
    """The situation in force on one calendar day: an immutable value.

    Every event dated on or before :attr:`day` has been applied; an event
    known only within a window takes effect on the window's last day and is
    listed in :attr:`uncertain` on the days before.  Built by
    :meth:`History.status_at <karabakh_status.History.status_at>`.

    Two statuses are equal when their day and everything in force that day
    are equal (whichever log or revision they came from); a status pickles
    (with the log revision it was read from) and copies as itself.

    >>> import karabakh_status as ks
    >>> s = ks.status_at("2020-11-25")
    >>> s.controller("kalbajar")
    'azerbaijan'
    >>> s.artsakh.exists, s.artsakh.name
    (True, 'Republic of Artsakh')
    >>> import pickle
    >>> pickle.loads(pickle.dumps(s)) == s
    True
    """

    __slots__ = ("_ordinal", "_snapshot", "_timeline")

    _ordinal: int
    _snapshot: Snapshot
    _timeline: Timeline

    def __init__(self, ordinal: int, snapshot: Snapshot, timeline: Timeline) -> None:
        """A status for the day with this ordinal: ``snapshot`` is the state folded up to it, in ``timeline``."""
        _set_ordinal(self, ordinal)
        _set_snapshot(self, snapshot)
        _set_timeline(self, timeline)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"a Status is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"a Status is immutable; cannot delete {name!r}")

    @property
    def day(self) -> pendulum.Date:
        """The calendar day this status is for."""
        return pendulum.Date.fromordinal(self._ordinal)

    @property
    def territories(self) -> TerritoryMap:
        """Each territory's :class:`TerritoryState`, by territory id (a read-only :class:`TerritoryMap`)."""
        return self._snapshot.territories

    @property
    def artsakh(self) -> ArtsakhState:
        """Whether the de facto state exists, and under what name."""
        return self._snapshot.artsakh

    @property
    def conditions(self) -> Conditions:
        """Each condition's value, e.g. ``{'lachin-corridor': 'open', ...}`` (a read-only :class:`Conditions`)."""
        return self._snapshot.conditions

    @property
    def recognitions(self) -> tuple[Recognition, ...]:
        """Recognitions in force (made, not withdrawn, and the state not dissolved) on this day.

        Calls for recognition, rejected motions and support for
        self-determination are never recognitions.
        """
        return self._timeline.recognitions_in_force(self._ordinal)

    @property
    def verified_recognitions(self) -> tuple[Recognition, ...]:
        """The recognitions in force whose act was read and whose direction is sure.

        They are :attr:`recognitions` less those whose note carries a flag (see ``RECORD_FLAGS``).

        :attr:`recognitions` is the default answer because the record keeps every act the sources report, with
        its doubts in its note; this is the stricter count, for a reader who wants only acts whose own text
        (or operative clause) was read.

        >>> import karabakh_status as ks
        >>> s = ks.status_at("2021-06-01")
        >>> len(s.verified_recognitions) < len(s.recognitions)
        True
        """
        return tuple(r for r in self.recognitions if not r.flags)

    @property
    def calls(self) -> tuple[Recognition, ...]:
        """Calls on others to recognise the de facto state made on or before this day, in effect order.

        A call is not a recognition (:attr:`recognitions` never counts one); it stays on the record once made.

        >>> import karabakh_status as ks
        >>> calls = ks.status_at("2016-12-31").calls
        >>> sorted({c.actor for c in calls if c.level == "subnational"})[:3]
        ['georgia-house-of-representatives', 'hawaii', 'maine']
        """
        return self._timeline.calls_made(self._ordinal)

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Statements made on or before this day, in effect order."""
        return self._timeline.statements_made(self._ordinal)

    @property
    def uncertain(self) -> tuple[Event, ...]:
        """Events whose date window contains this day but that have not surely happened yet.

        In effect order: by the day each takes effect, whole-district changes first on a day, then log order.
        """
        return self._timeline.uncertain_on(self._ordinal)

    @property
    def places(self) -> PlaceMap:
        """Each place's :class:`~karabakh_status.answers.PlaceState` on this day, by place id.

        The places are those of :func:`~karabakh_status.places`.

        >>> import karabakh_status as ks
        >>> s = ks.status_at("2020-10-20")
        >>> p = s.places[ks.place("Hadrut").id]
        >>> p.controller, p.scope, p.basis
        ('azerbaijan', 'named', 'confirmed')
        >>> ks.status_at("2020-11-20").places["stepanakert-city"].scope
        'whole-territory'

        """
        from ._placemap import PlaceMap  # places are read only when asked for

        timeline = self._timeline
        return PlaceMap(self._snapshot.places, timeline.index, timeline, self._ordinal)

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim about a place open on this day (see :class:`~karabakh_status.answers.Claim`), by place.

        A claim is one party's announcement that it holds a place, open from
        the day it was made until an event sets the place's holder: an
        independent confirmation, an agreement, or the other side holding on.

        >>> import karabakh_status as ks
        >>> claims = ks.status_at("2020-10-10").claims
        >>> [(c.place, c.by, str(c.event.date), c.outcome) for c in claims if c.place == "hadrut-town"]
        [('hadrut-town', 'azerbaijan', '2020-10-09', 'confirmed')]
        """
        return self._timeline.claims.open_all(self._ordinal)

    def controller(self, name: str) -> str:
        """The id of who controls a territory or place on this day.

        ``name``: a territory id (``"shusha"``), a place id
        (``"stepanakert-city"``), or any listed name of either, ignoring
        case, diacritics, hyphens and spaces (``"Shushi"``, ``"Şuşa"``,
        ``"Khankendi"``).  A district and the town that shares its name
        resolve to the district.  A name shared by several places raises
        :class:`~karabakh_status.AmbiguousNameError` listing them; an unknown
        one raises :class:`~karabakh_status.UnknownTerritoryError` with the
        closest names.

        >>> import karabakh_status as ks
        >>> s = ks.status_at("2020-11-25")
        >>> s.controller("kalbajar"), s.controller("Khankendi"), s.controller("Şuşa")
        ('azerbaijan', 'artsakh', 'azerbaijan')
        """
        try:
            return self._snapshot.territories.controller(name)
        except (KeyError, TypeError):
            pass
        kind, found = self._timeline.index.gazetteer().resolve(name)
        if kind == "territory":
            return self._snapshot.territories.controller(found)
        return self.places.controller(found)

    def to_dict(self) -> dict[str, Any]:
        """This status as plain JSON-ready data: the stable form ``karabakh-status at DAY --json`` prints.

        Events are named by id; days are ISO strings.

        >>> import json, karabakh_status as ks
        >>> d = ks.status_at("2020-11-25").to_dict()
        >>> d["territories"]["kalbajar"]["controller"], d["artsakh"]["name"], json.loads(json.dumps(d)) == d
        ('azerbaijan', 'Republic of Artsakh', True)
        """
        from ._claim_text import claim_json

        return {
            "day": self.day.isoformat(),
            "territories": {
                k: {
                    "controller": v.controller,
                    "since": v.since.isoformat(),
                    "partial": v.partial,
                    "other_holder": v.other_holder,
                    "holders": list(v.holders),
                    "event": v.event.id if v.event else None,
                }
                for k, v in self.territories.items()
            },
            "claims": [claim_json(c) for c in self.claims],
            "artsakh": {
                "exists": self.artsakh.exists,
                "name": self.artsakh.name,
                "stage": self.artsakh.stage,
                "since": self.artsakh.since.isoformat(),
                "event": self.artsakh.event.id if self.artsakh.event else None,
            },
            "conditions": dict(self.conditions),
            "recognitions": [r.id for r in self.recognitions],
            "statements": [e.id for e in self.statements],
            "uncertain": [e.id for e in self.uncertain],
        }

    def to_geojson(self) -> dict[str, Any]:
        """Every place on this day as an RFC 7946 FeatureCollection of Points, in plain JSON-serialisable dicts.

        Coordinates are ``[longitude, latitude]``; each feature's properties
        give the place's id, name, kind, territory and rayon, and its
        controller that day, since when, the event and its basis, and
        whether that event names the place.

        >>> import json, karabakh_status as ks
        >>> g = ks.status_at("2020-11-25").to_geojson()
        >>> g["type"], g["features"][0]["geometry"]["type"], len(json.dumps(g)) > 1000
        ('FeatureCollection', 'Point', True)
        """
        from ._claim_text import claim_json

        gazetteer = self._timeline.index.gazetteer()
        places = self.places
        features = []
        for place in gazetteer.places:
            if not place.located:
                continue
            state = places[place.id]
            features.append(
                {
                    "type": "Feature",
                    "id": place.id,
                    "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                    "properties": {
                        "id": place.id,
                        "name": place.name,
                        "kind": place.kind,
                        "territory": place.territory,
                        "rayon": place.rayon,
                        "controller": state.controller,
                        "since": state.since.isoformat(),
                        "event": state.event.id if state.event is not None else None,
                        "basis": state.basis,
                        "named": state.named,
                        "claims": [
                            {k: v for k, v in claim_json(c).items() if k in _FEATURE_CLAIM_KEYS} for c in state.claims
                        ],
                    },
                }
            )
        unlocated = sum(1 for p in gazetteer.places if not p.located)
        return {
            "type": "FeatureCollection",
            "day": self.day.isoformat(),
            "unlocated": unlocated,
            "features": features,
        }

    def _view(self) -> tuple[object, ...]:
        return (
            self._ordinal,
            self.territories,
            self.artsakh,
            self.conditions,
            self._snapshot.places,
            self.recognitions,
            self.statements,
            self.uncertain,
        )

    def __eq__(self, other: object) -> bool:
        if type(other) is not Status:
            return NotImplemented
        if self._timeline is other._timeline:
            return self._ordinal == other._ordinal or (
                self._snapshot == other._snapshot and self._view()[5:] == other._view()[5:]
            )
        return self._view() == other._view()

    def __hash__(self) -> int:
        return hash((self._ordinal, self._snapshot.territories.controllers()))

    def __reduce__(self) -> tuple[Any, ...]:
        # The timeline says how: the bundled log's as a reference to its revision, any other as this day's answers.
        return self._timeline.reduce_status(self)

    def __copy__(self) -> Status:
        return self  # immutable

    def __deepcopy__(self, memo: object) -> Status:
        return self

    def _repr_html_(self) -> str:
        """The day as an HTML table, for Jupyter: each territory's holder, the de facto state, the conditions."""
        from html import escape

        a = self.artsakh
        state = f"exists as the {a.name}" if a.exists else "does not exist"
        rows = "".join(
            f"<tr><td>{escape(k)}</td><td>{escape(v.controller)}</td><td>{v.since}</td>"
            f"<td>{escape(v.other_holder or '')}</td></tr>"
            for k, v in self.territories.items()
        )
        conditions = ", ".join(f"{escape(k)} = {escape(v)}" for k, v in self.conditions.items())
        return (
            f"<div><strong>Status on {self.day}</strong>: the de facto state {escape(state)}; {conditions}; "
            f"{len(self.recognitions)} recognitions in force, {len(self.statements)} statements made.<table>"
            "<thead><tr><th>territory</th><th>controller</th><th>since</th><th>rest held by</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        counts: dict[str, int] = {}
        for state in self.territories.values():
            counts[state.controller] = counts.get(state.controller, 0) + 1
        partial = sum(1 for state in self.territories.values() if state.partial)
        held = ", ".join(f"{n} {c}" for c, n in sorted(counts.items(), key=lambda kv: -kv[1]))
        state = f"{self.artsakh.name} exists" if self.artsakh.exists else "no de facto state"
        corridor = self.conditions["lachin-corridor"]
        return f"<Status {self.day}: {state}; territories {held} ({partial} in part); Lachin corridor {corridor}>"


# The slots' own setters: a Status refuses attribute assignment, so its constructor uses these.
_set_ordinal = vars(Status)["_ordinal"].__set__
_set_snapshot = vars(Status)["_snapshot"].__set__
_set_timeline = vars(Status)["_timeline"].__set__


def _status_of(timeline: Timeline, ordinal: int) -> Status:
    """The status a pickled :class:`Status` stood for (used by pickle)."""
    return timeline.status(ordinal)
