"""The actors a history knows: a mapping by id that finds them by name too, read lazily."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from ._errors import InvalidRecordError, UnknownActorError

if TYPE_CHECKING:
    from ._actors import Actor

__all__ = ["ActorBook"]


class ActorBook(Mapping[str, "Actor"]):
    """The actors a history knows, by id, and their names.

    Read lazily: ``ids`` may be known (cheaply) before the actors are built,
    which happens on the first lookup.

    >>> from karabakh_status._actors import Actor
    >>> book = ActorBook([Actor(id="gyumri", name="Gyumri City Council", kind="municipality", country="armenia")])
    >>> book["gyumri"].name, book.find("gyumri city council").id, "gyumri" in book, len(book)
    ('Gyumri City Council', 'gyumri', True, 1)
    >>> book.find("Gyumry")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    karabakh_status._errors.UnknownActorError: unknown actor 'Gyumry'; did you mean gyumri? ...
    """

    __slots__ = ("_actors", "_ids", "_load", "_names")

    def __init__(
        self, actors: Iterable[Actor] | Callable[[], Iterable[Actor]], ids: Iterable[str] | None = None
    ) -> None:
        """``actors``, or a function returning them (called on first use); ``ids``, their ids if known without it."""
        self._actors: dict[str, Actor] | None = None
        self._names: dict[str, str] | None = None
        if callable(actors):
            self._load: Callable[[], Iterable[Actor]] | None = actors
        else:
            self._load = None
            self._build(actors)
        self._ids: frozenset[str] | None = None if ids is None else frozenset(ids)

    def _build(self, actors: Iterable[Actor]) -> dict[str, Actor]:
        built: dict[str, Actor] = {}
        for a in actors:
            if a.id in built:
                raise InvalidRecordError(f"expected each actor once; {a.id!r} is listed twice", field="id")
            built[a.id] = a
        self._actors = built
        return built

    def _all(self) -> dict[str, Actor]:
        found = self._actors
        if found is None:
            assert self._load is not None
            found = self._build(self._load())
        return found

    @property
    def ids(self) -> frozenset[str]:
        """Every actor id (without building the actors, where they were known beforehand)."""
        if self._ids is None:
            self._ids = frozenset(self._all())
        return self._ids

    def __getitem__(self, key: str) -> Actor:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __contains__(self, key: object) -> bool:
        return key in self.ids

    def __repr__(self) -> str:
        return f"<ActorBook of {len(self.ids)} actors>"

    def extended(self, more: Iterable[Actor]) -> ActorBook:
        """These actors with ``more`` added; an actor of ``more`` replaces the one with its id."""
        merged = dict(self._all())
        for a in more:
            merged[a.id] = a
        return ActorBook(merged.values())

    def find(self, name: str) -> Actor:
        """The actor with this id or display name (case, diacritics, hyphens and spaces ignored).

        Raises :class:`~karabakh_status.UnknownActorError` (a ``KeyError``)
        with the closest ones for a name that is not there.
        """
        actors = self._all()
        if type(name) is str:
            if name in actors:
                return actors[name]
            from ._places import fold_name

            found = self._index().get(fold_name(name))
            if found is not None:
                return actors[found]
        import difflib

        from ._places import fold_name

        key = fold_name(name) if type(name) is str else ""
        index = self._index()
        close = difflib.get_close_matches(key, list(index), n=4, cutoff=0.7) if key else []
        hint = f"; did you mean {', '.join(sorted({index[c] for c in close}))}?" if close else ""
        raise UnknownActorError(f"unknown actor {name!r}{hint} (see the history's actors for the ids)"[:400])

    def _index(self) -> dict[str, str]:
        """Actor ids by folded id and display name (and its short forms before a parenthesis or comma)."""
        if self._names is None:
            from ._places import fold_name

            index: dict[str, str] = {}
            for a in self._all().values():
                short = a.name.split(" (")[0].split(",")[0]
                for n in (a.id, a.name, short, short.replace("United Nations", "UN")):
                    index.setdefault(fold_name(n), a.id)
            self._names = index
        return self._names
