"""The immutable event records the log is made of."""

from __future__ import annotations

import re
from typing import Any, ClassVar, Final, TypeAlias

import attrs
import pendulum

from ._dates import When
from ._vocabulary import (
    CONDITIONS,
    CONTROLLERS,
    RECOGNITION_ACTIONS,
    RECOGNITION_LEVELS,
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

#: An id: lowercase ascii letters, digits and hyphens (also used by the log's JSON Schema).
SLUG_PATTERN: Final = "[a-z0-9][a-z0-9-]{0,199}"
_SLUG: Final = re.compile(SLUG_PATTERN)


def _slug(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if _SLUG.fullmatch(value) is None:
        raise ValueError(
            f"{attribute.name}: expected a slug of lowercase ascii letters, digits and hyphens; got {value!r}"
        )


def _optional_slug(inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _slug(inst, attribute, value)


def _one_line(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip() or "\n" in value:
        raise ValueError(f"{attribute.name}: expected one non-empty line of text; got {value!r}")


def _optional_text(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not value.strip():
        raise ValueError(f"{attribute.name}: expected text or no key at all; got an empty string")


def _one_of(choices: tuple[str, ...]) -> Any:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and value not in choices:
            raise ValueError(f"{attribute.name}: expected one of {', '.join(choices)}; got {value!r}")

    return check


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
                raise ValueError(f"refs: expected reference numbers of 1 or more; got {n}")

    @property
    def from_article(self) -> bool:
        """Whether the source article cites this work (by reference number)."""
        return bool(self.refs)


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
            raise ValueError("sources: expected at least one source")

    @property
    def type(self) -> str:
        """The event's kind, as its ``type`` tag in the log."""
        return self.TYPE

    @property
    def effective(self) -> pendulum.Date:
        """The day the event takes effect, the last day of its date window."""
        return self.date.latest


@attrs.frozen(kw_only=True)
class StatusChange(_Event):
    """A change of who holds territory, of the de facto state, or of a condition.

    Exactly one of three groups of fields is set: ``territories`` with
    ``controller`` (and ``partial`` with ``other_holder`` when the controller
    holds only part); ``state`` (with ``name`` when proclaimed or renamed);
    or ``condition`` with ``value``.

    Attributes:
        id: Stable unique id.
        date: The date, with its precision (:class:`When`).
        summary: One line in our own words.
        sources: At least one :class:`Source`.
        recorded: The day the event was written into the log.
        note: How the date or reading was worked out; disagreements.
        territories: Territory ids that pass to ``controller`` that day.
        controller: The new controller (see ``CONTROLLERS``).
        partial: Whether the controller holds only part of each territory.
        other_holder: Who holds the rest, when ``partial``.
        state: A step in the de facto state's life (see ``STATE_ACTIONS``).
        name: The state's name from this event on.
        condition: A condition id (see ``CONDITIONS``).
        value: The condition's new value.
    """

    TYPE: ClassVar[str] = "status-change"

    territories: tuple[str, ...] = ()
    controller: str | None = attrs.field(default=None, validator=_one_of(tuple(CONTROLLERS)))
    partial: bool = False
    other_holder: str | None = attrs.field(default=None, validator=_one_of(tuple(CONTROLLERS)))
    state: str | None = attrs.field(default=None, validator=_one_of(STATE_ACTIONS))
    name: str | None = attrs.field(default=None, validator=_optional_text)
    condition: str | None = attrs.field(default=None, validator=_one_of(tuple(CONDITIONS)))
    value: str | None = None

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        groups = [bool(self.territories), self.state is not None, self.condition is not None]
        if sum(groups) != 1:
            raise ValueError("expected exactly one of 'territories' (with 'controller'), 'state' or 'condition'")
        if self.territories:
            self._check_control()
        elif self.controller is not None or self.partial or self.other_holder is not None:
            raise ValueError("controller: only a change of 'territories' has a controller")
        if self.state is not None:
            if self.state in ("proclaimed", "renamed") and self.name is None:
                raise ValueError(f"name: expected the state's name when it is {self.state}")
        elif self.name is not None:
            raise ValueError("name: only a change of 'state' has a name")
        if self.condition is not None:
            allowed = CONDITIONS[self.condition]
            if self.value not in allowed:
                raise ValueError(f"value: expected one of {', '.join(allowed)}; got {self.value!r}")
        elif self.value is not None:
            raise ValueError("value: only a change of 'condition' has a value")

    def _check_control(self) -> None:
        for i, t in enumerate(self.territories):
            if t not in TERRITORIES:
                raise ValueError(f"territories[{i}]: expected one of {', '.join(TERRITORIES)}; got {t!r}")
        if len(set(self.territories)) != len(self.territories):
            raise ValueError("territories: expected each territory once")
        if self.controller is None:
            raise ValueError("controller: expected the new controller of the territories")
        if self.partial != (self.other_holder is not None):
            raise ValueError("other_holder: expected exactly when 'partial' is true")
        if self.other_holder == self.controller:
            raise ValueError("other_holder: expected someone other than the controller")


@attrs.frozen(kw_only=True)
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

    actor: str = attrs.field(validator=_slug)
    stance: str = attrs.field(validator=_one_of(STANCES))
    document: str | None = attrs.field(default=None, validator=_optional_text)
    quote: str | None = attrs.field(default=None, validator=_optional_text)
    speaker: str | None = attrs.field(default=None, validator=_optional_text)
    vote: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
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

    actor: str = attrs.field(validator=_slug)
    action: str = attrs.field(validator=_one_of(RECOGNITION_ACTIONS))
    level: str = attrs.field(validator=_one_of(RECOGNITION_LEVELS))
    quote: str | None = attrs.field(default=None, validator=_optional_text)
    speaker: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
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

    target: str = attrs.field(validator=_slug)
    action: str = attrs.field(validator=_one_of(("supersede", "retract")))
    replacement: str | None = attrs.field(default=None, validator=_optional_slug)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if (self.action == "supersede") != (self.replacement is not None):
            raise ValueError("replacement: expected exactly when the action is 'supersede'")
        if self.replacement == self.target:
            raise ValueError("replacement: expected an event other than the target")


#: Any event of the log.
Event: TypeAlias = StatusChange | Statement | Recognition | Correction

#: The event classes by their ``type`` tag.
EVENT_TYPES: Final[dict[str, type[Event]]] = {
    cls.TYPE: cls for cls in (StatusChange, Statement, Recognition, Correction)
}
