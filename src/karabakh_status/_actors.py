"""Actors: everyone who holds ground, speaks or recognises in the log."""

from __future__ import annotations

import json
import os
import re
from typing import Final

import attrs

from ._errors import InvalidRecordError, LogError, LogProblem
from ._vocabulary import ACTOR_KINDS

__all__ = ["Actor", "read_actors"]


def _kind(_inst: object, _a: object, value: str) -> None:
    if value not in ACTOR_KINDS:
        raise InvalidRecordError(f"expected one of {', '.join(ACTOR_KINDS)}; got {value!r}", field="kind")


#: An ISO 3166-1 alpha-2 code (``"AM"``) or an ISO 3166-2 code (``"US-CA"``, ``"FR-20R"``).
ISO_PATTERN: Final = "[A-Z]{2}(-[A-Z0-9]{1,3})?"
_ISO: Final = re.compile(ISO_PATTERN)


def _iso(_inst: object, _a: object, value: str | None) -> None:
    if value is not None and _ISO.fullmatch(value) is None:
        raise InvalidRecordError(
            f"expected an ISO 3166-1 alpha-2 code such as 'AM' or an ISO 3166-2 code such as 'US-CA'; got {value!r}",
            field="iso",
        )


@attrs.frozen(kw_only=True)
class Actor:
    """A state, de facto state, body, region, city, party, court or person.

    Attributes:
        id: Stable slug, as events name it (``Statement.actor``,
            ``Recognition.actor``).
        name: Display name.
        kind: One of ``ACTOR_KINDS``.
        country: The id of the state a subnational actor belongs to.
        iso: The ISO 3166-1 alpha-2 code of a state, or the ISO 3166-2 code
            of a region, where one exists (``"AM"``, ``"US-CA"``); ``None``
            otherwise.
    """

    id: str
    name: str
    kind: str = attrs.field(validator=_kind)
    country: str | None = None
    iso: str | None = attrs.field(default=None, validator=_iso)


def read_actors(path: str | os.PathLike[str]) -> tuple[Actor, ...]:
    """Read an actors file (one JSON object per line); a bad line or a repeated id is a :class:`LogError`."""
    from ._convert import converter, transform_problem  # only to read actors, not to answer status_at

    name = os.fspath(path)
    actors: list[Actor] = []
    seen: set[str] = set()
    try:
        with open(name, "rb") as f:
            for n, raw in enumerate(f, 1):
                try:
                    actor = converter().structure(json.loads(raw), Actor)
                except Exception as exc:  # reported with file and line
                    raise LogError(name, n, transform_problem(exc)) from None
                if actor.id in seen:
                    raise LogError(name, n, f"$.id: expected a new id; {actor.id!r} is already there")
                seen.add(actor.id)
                actors.append(actor)
    except OSError as exc:
        raise LogError(name, None, f"cannot read the actors: {exc.strerror or exc}", LogProblem.UNREADABLE) from None
    return tuple(actors)
