"""The immutable event records the log is made of."""

from __future__ import annotations

from typing import ClassVar, Final, TypeAlias

import attrs
import pendulum

from ._dates import When
from ._errors import InvalidRecordError
from ._validators import _SLUG, SLUG_PATTERN, _one_line, _one_of, _optional_slug, _optional_text, _slug
from ._vocabulary import (
    BASES,
    CONDITIONS,
    CONTROLLERS,
    RECOGNITION_ACTIONS,
    RECOGNITION_LEVELS,
    RECORD_FLAGS,
    STANCES,
    STATE_ACTIONS,
    TERRITORIES,
)

__all__ = [
    "EVENT_TYPES",
    "SLUG_PATTERN",
    "Correction",
    "Event",
    "Recognition",
    "Source",
    "Statement",
    "StatusChange",
]


@attrs.frozen(kw_only=True)
class Source:
    """Where a fact comes from.

    Attributes:
        work: The cited work: author, title, publisher and date, as full as
            the reference gives it.
        refs: The reference numbers of the source article (Wikipedia,
            "Political status of Nagorno-Karabakh") that cite this work;
            empty for an outside source.
        url: Where the work can be read, if known.

    >>> Source(work='"Maine State Legislature HP 987"', refs=(166,)).from_article
    True
    """

    work: str = attrs.field(validator=_one_line)
    refs: tuple[int, ...] = ()
    url: str | None = attrs.field(default=None, validator=_optional_text)

    def __attrs_post_init__(self) -> None:
        for n in self.refs:
            if n < 1:
                raise InvalidRecordError(f"expected reference numbers of 1 or more; got {n}", field="refs")

    @property
    def from_article(self) -> bool:
        """Whether the source article cites this work (by reference number)."""
        return bool(self.refs)

    @property
    def address(self) -> str | None:
        """The address to follow the source at.

        Its ``url``, or for a work the article cites without one, the article's own address.

        The reference numbers belong to the revision :data:`~karabakh_status.records.ARTICLE` describes.

        >>> Source(work='"Maine State Legislature HP 987"', refs=(166,)).address
        'https://en.wikipedia.org/wiki/Political_status_of_Nagorno-Karabakh'
        >>> Source(work="A report", url="https://example.org/r").address
        'https://example.org/r'
        """
        if self.url is None and self.refs:
            from ._article import ARTICLE  # only when asked: a fresh process's first query does not need it

            return ARTICLE.url
        return self.url


@attrs.frozen(kw_only=True)
class _Event:
    """Fields every event has (see the concrete classes)."""

    TYPE: ClassVar[str] = ""

    id: str = attrs.field(validator=_slug)
    date: When
    summary: str = attrs.field(validator=_one_line)
    sources: tuple[Source, ...]
    recorded: pendulum.Date
    note: str | None = attrs.field(default=None, validator=_optional_text)

    def __attrs_post_init__(self) -> None:
        if not self.sources:
            raise InvalidRecordError("expected at least one source", field="sources")

    @property
    def type(self) -> str:
        """The event's kind, as its ``type`` tag in the log."""
        return self.TYPE

    @property
    def effective(self) -> pendulum.Date:
        """The day the event takes effect, the last day of its date window."""
        return self.date.latest

    def gist(self) -> str:
        """What the event does, in a few words (``shusha → azerbaijan``)."""
        return self.summary

    def __repr__(self) -> str:
        text = f"<{type(self).__name__} {self.date} {self.id}: {self.gist()}>"
        return text if len(text) <= 200 else text[:196] + "...>"

    def describe(self) -> str:
        """The whole event, readable: what, when (and how exactly), its sources and its note.

        >>> import karabakh_status as ks
        >>> print(ks.events()[0].describe())  # doctest: +ELLIPSIS
        1991-09-02  status-change  1991-09-02-nkr-proclaimed
          state proclaimed: Nagorno-Karabakh Republic
          A joint session of the Nagorno-Karabakh oblast and Shahumyan district councils proclaims ...
          date: 1991-09-02 (day), recorded 2026-11-27
          source: Wikipedia, "Political status of Nagorno-Karabakh", section Positions and statements [ref 45]
          ...
        """
        lines = [f"{self.date}  {self.type}  {self.id}", f"  {self.gist()}"]
        if self.gist() != self.summary:
            lines.append(f"  {self.summary}")
        lines.append(f"  date: {self.date} ({self.date.precision}), recorded {self.recorded}")
        for src in self.sources:
            refs = f" [ref {', '.join(map(str, src.refs))}]" if src.refs else ""
            lines.append(f"  source: {src.work}{refs}" + (f" <{src.url}>" if src.url else ""))
        if self.note:
            lines.append(f"  note: {self.note}")
        return "\n".join(lines)


@attrs.frozen(kw_only=True, repr=False)
class StatusChange(_Event):
    """A change of who holds ground, of the de facto state, or of a condition.

    Exactly one of three groups of fields is set: ``territories`` and/or
    ``places`` with ``controller`` (and ``partial`` with ``other_holder``
    when the controller holds only part of the territories; ``basis`` with
    ``announced_by`` says what the change rests on); ``state`` (with ``name``
    when proclaimed or renamed); or ``condition`` with ``value``.

    Attributes:
        id: Stable unique id.
        date: The date, with its precision (:class:`When`).
        summary: One line in our own words.
        sources: At least one :class:`Source`.
        recorded: The day the event was written into the log.
        note: How the date or reading was worked out; disagreements.
        territories: Territory ids the event is about.  Held whole
            (``partial`` false), every place in them passes to
            ``controller`` that day; held in part, the event records the
            district's state and moves no place (its places move only by
            events that name them).  A territory with no places in the
            gazetteer is held as its events say.
        places: Place ids (see :func:`karabakh_status.places`) that pass to
            ``controller`` that day (a ``claimed`` event moves none: it
            records the claim).
        controller: The new controller (see ``CONTROLLERS``).
        partial: Whether the controller holds only part of each territory.
        other_holder: Who holds the rest, when ``partial``.
        basis: What the change rests on (see ``BASES``): one party's
            announcement, independent confirmation, an agreement, or a
            claim that moves nothing; ``None`` in events recorded before
            places existed.
        announced_by: Who announced it (an actor id), when ``basis`` is
            ``announced`` or ``claimed`` (required) or ``confirmed`` (the
            first to announce).
        state: A step in the de facto state's life (see ``STATE_ACTIONS``).
        name: The state's name from this event on.
        condition: A condition id (see ``CONDITIONS``).
        value: The condition's new value.
    """

    TYPE: ClassVar[str] = "status-change"

    territories: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    controller: str | None = attrs.field(default=None, validator=_one_of(tuple(CONTROLLERS)))
    partial: bool = False
    other_holder: str | None = attrs.field(default=None, validator=_one_of(tuple(CONTROLLERS)))
    basis: str | None = attrs.field(default=None, validator=_one_of(BASES))
    announced_by: str | None = attrs.field(default=None, validator=_optional_slug)
    state: str | None = attrs.field(default=None, validator=_one_of(STATE_ACTIONS))
    name: str | None = attrs.field(default=None, validator=_optional_text)
    condition: str | None = attrs.field(default=None, validator=_one_of(tuple(CONDITIONS)))
    value: str | None = None

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        groups = [bool(self.territories or self.places), self.state is not None, self.condition is not None]
        if sum(groups) != 1:
            raise InvalidRecordError(
                "expected exactly one of 'territories' or 'places' (with 'controller'), 'state' or 'condition'"
            )
        if self.territories or self.places:
            self._check_control()
        elif (
            self.controller is not None
            or self.partial
            or self.other_holder is not None
            or self.basis is not None
            or self.announced_by is not None
        ):
            raise InvalidRecordError(
                "only a change of 'territories' or 'places' has a controller and a basis", field="controller"
            )
        if self.state is not None:
            if self.state in ("proclaimed", "renamed") and self.name is None:
                raise InvalidRecordError(f"expected the state's name when it is {self.state}", field="name")
        elif self.name is not None:
            raise InvalidRecordError("only a change of 'state' has a name", field="name")
        if self.condition is not None:
            allowed = CONDITIONS[self.condition]
            if self.value not in allowed:
                raise InvalidRecordError(f"expected one of {', '.join(allowed)}; got {self.value!r}", field="value")
        elif self.value is not None:
            raise InvalidRecordError("only a change of 'condition' has a value", field="value")

    def gist(self) -> str:
        """What the change does: ``shusha → azerbaijan (part; rest artsakh)``, ``state renamed: ...``."""
        if self.territories or self.places:
            what = ", ".join((*self.territories, *self.places))
            if len(what) > 60:
                what = what[:57] + "..."
            rest = f" (part; rest {self.other_holder})" if self.partial else ""
            basis = f" [{self.basis}{' by ' + self.announced_by if self.announced_by else ''}]" if self.basis else ""
            return f"{what} → {self.controller}{rest}{basis}"
        if self.state is not None:
            return f"state {self.state}" + (f": {self.name}" if self.name else "")
        return f"{self.condition} → {self.value}"

    def _check_control(self) -> None:
        for i, t in enumerate(self.territories):
            if t not in TERRITORIES:
                raise InvalidRecordError(
                    f"expected one of {', '.join(TERRITORIES)}; got {t!r}", field=f"territories[{i}]"
                )
        if len(set(self.territories)) != len(self.territories):
            raise InvalidRecordError("expected each territory once", field="territories")
        for i, p in enumerate(self.places):
            if _SLUG.fullmatch(p) is None:
                raise InvalidRecordError(f"expected a place id (a slug); got {p!r}", field=f"places[{i}]")
        if len(set(self.places)) != len(self.places):
            raise InvalidRecordError("expected each place once", field="places")
        if self.controller is None:
            raise InvalidRecordError("expected the new controller of the territories or places", field="controller")
        if self.partial != (self.other_holder is not None):
            raise InvalidRecordError("expected exactly when 'partial' is true", field="other_holder")
        if self.partial and not self.territories:
            raise InvalidRecordError("only territories are held in part; a place is held whole", field="partial")
        if self.other_holder == self.controller:
            raise InvalidRecordError("expected someone other than the controller", field="other_holder")
        if self.basis in ("announced", "claimed") and self.announced_by is None:
            raise InvalidRecordError(
                f"expected who announced it when the basis is {self.basis!r}", field="announced_by"
            )
        if self.announced_by is not None and self.basis not in ("announced", "confirmed", "claimed"):
            raise InvalidRecordError(
                "expected only with the basis 'announced', 'confirmed' or 'claimed'", field="announced_by"
            )
        if self.basis == "claimed" and (self.territories or not self.places):
            raise InvalidRecordError("a claim ('claimed') names places, and only places", field="basis")


@attrs.frozen(kw_only=True, repr=False)
class Statement(_Event):
    """A position taken by an actor: a resolution, declaration, judgment or speech.

    Attributes:
        id: Stable unique id.
        date: The date, with its precision (:class:`When`).
        summary: One line in our own words.
        sources: At least one :class:`Source`.
        recorded: The day the event was written into the log.
        note: How the date or reading was worked out; disagreements.
        actor: The actor's id (see :func:`karabakh_status.actors`).
        stance: The position taken (see ``STANCES``).
        document: The resolution's or document's title or number.
        quote: A short quote, exactly as the source gives it.
        speaker: Who said the quote.
        vote: The vote, as ``for-against-abstentions``.
    """

    TYPE: ClassVar[str] = "statement"

    def gist(self) -> str:
        """Who takes what position: ``un-security-council: territorial-integrity``."""
        return f"{self.actor}: {self.stance}" + (f" ({self.document})" if self.document else "")

    actor: str = attrs.field(validator=_slug)
    stance: str = attrs.field(validator=_one_of(STANCES))
    document: str | None = attrs.field(default=None, validator=_optional_text)
    quote: str | None = attrs.field(default=None, validator=_optional_text)
    speaker: str | None = attrs.field(default=None, validator=_optional_text)
    vote: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True, repr=False)
class Recognition(_Event):
    """An actor recognises the de facto state, withdraws, calls for or rejects recognition.

    Only ``action == "recognize"`` puts a recognition in force, and a later
    ``withdraw`` by the same actor ends it; calls for recognition, rejected
    motions and support for self-determination are recorded as what they
    were and never count as recognitions.

    Attributes:
        id: Stable unique id.
        date: The date, with its precision (:class:`When`).
        summary: One line in our own words.
        sources: At least one :class:`Source`.
        recorded: The day the event was written into the log.
        note: How the date or reading was worked out; disagreements.
        actor: The actor's id (see :func:`karabakh_status.actors`).
        action: See ``RECOGNITION_ACTIONS``.
        level: See ``RECOGNITION_LEVELS``.
        quote: A short quote, exactly as the source gives it.
        speaker: Who said the quote.
    """

    TYPE: ClassVar[str] = "recognition"

    def gist(self) -> str:
        """Who does what: ``maine call (subnational)``."""
        return f"{self.actor} {self.action} ({self.level})"

    @property
    def flags(self) -> tuple[str, ...]:
        """The doubts its note records (see ``RECORD_FLAGS``): its text not read, or its direction in doubt."""
        return tuple(flag for flag in RECORD_FLAGS if flag in (self.note or ""))

    actor: str = attrs.field(validator=_slug)
    action: str = attrs.field(validator=_one_of(RECOGNITION_ACTIONS))
    level: str = attrs.field(validator=_one_of(RECOGNITION_LEVELS))
    quote: str | None = attrs.field(default=None, validator=_optional_text)
    speaker: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True, repr=False)
class Correction(_Event):
    """Supersedes or retracts an earlier event without touching its line.

    From this event on, the ``target`` no longer counts; a query pinned
    (``as_of``) to a revision before the correction still sees it.  To
    correct an event, append the corrected event under a new id first, then a
    correction that supersedes the old id with the new one.

    Attributes:
        id: Stable unique id.
        date: The day the correction was made.
        summary: One line in our own words: what was wrong.
        sources: At least one :class:`Source` supporting the correction.
        recorded: The day the event was written into the log.
        note: Anything more.
        target: The id of the event corrected; it must come earlier in the log.
        action: ``"supersede"`` (replaced by ``replacement``) or ``"retract"``.
        replacement: The id of the event that replaces the target; it must
            come earlier in the log.
    """

    TYPE: ClassVar[str] = "correction"

    def gist(self) -> str:
        """What it corrects: ``supersede x with y``."""
        return f"{self.action} {self.target}" + (f" with {self.replacement}" if self.replacement else "")

    target: str = attrs.field(validator=_slug)
    action: str = attrs.field(validator=_one_of(("supersede", "retract")))
    replacement: str | None = attrs.field(default=None, validator=_optional_slug)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if (self.action == "supersede") != (self.replacement is not None):
            raise InvalidRecordError("expected exactly when the action is 'supersede'", field="replacement")
        if self.replacement == self.target:
            raise InvalidRecordError("expected an event other than the target", field="replacement")


#: Any event of the log.
Event: TypeAlias = StatusChange | Statement | Recognition | Correction

#: The event classes by their ``type`` tag.
EVENT_TYPES: Final[dict[str, type[Event]]] = {
    cls.TYPE: cls for cls in (StatusChange, Statement, Recognition, Correction)
}
