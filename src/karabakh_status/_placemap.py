"""Each place's state on one day (:class:`PlaceMap`), and the claims about it (:class:`Claim`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Final, Protocol

import attrs
import pendulum

from ._dates import COVERAGE_START
from ._events import StatusChange
from ._fold import PlaceIndex, covers, repeats
from ._state import Hold, PlaceHolds
from ._vocabulary import INITIAL_CONTROLLER

__all__ = ["Claim", "ClaimBook", "PlaceMap", "PlaceState"]

_NEVER: Final = 2**31 - 1


@attrs.frozen(repr=False)
class Claim:
    """One party's announcement that it holds a place, and what became of it.

    A claim is open from the day it was made until the next event that sets
    the place's holder (:attr:`settled_by`): an independent confirmation, an
    agreement, the other side holding on, or a later announcement.

    Attributes:
        place: The place's id.
        event: The announcement: a status change with the basis
            ``announced`` (the place passed on the announcement's day, on
            that party's word) or ``claimed`` (independent reports contradict
            it or date the act later, so it moved nothing).
        settled_by: The next event that set the place's holder, in this
            revision of the log, or ``None`` while nothing has.
    """

    place: str
    event: StatusChange
    settled_by: StatusChange | None = None

    @property
    def by(self) -> str:
        """Who made the claim (an actor id)."""
        return self.event.announced_by or "?"

    @property
    def controller(self) -> str:
        """Who the claim says holds the place."""
        return self.event.controller or "?"

    @property
    def made(self) -> pendulum.Date:
        """The day the claim was made (its event's day)."""
        return self.event.effective

    @property
    def outcome(self) -> str:
        """What became of the claim, in this revision of the log.

        ``"unconfirmed"``: nothing has settled it; ``"confirmed"``: the claimed
        holder holds the place by a confirmed or agreed event (or one covering
        its whole district); ``"repeated"``: announced again; ``"changed hands"``:
        an announcement the place rested on, until someone else took it before
        any confirmation; ``"not borne out"``: a claim that moved nothing, and
        someone else held the place next.
        """
        after = self.settled_by
        if after is None:
            return "unconfirmed"
        if after.controller != self.controller:
            return "changed hands" if self.event.basis == "announced" else "not borne out"
        return "repeated" if after.basis in ("announced", "claimed") else "confirmed"

    def describe(self) -> str:
        """The claim in one line.

        >>> import karabakh_status as ks
        >>> claim = ks.status_at("2020-10-10").places["hadrut-town"].claims[0]
        >>> print(claim.describe())  # doctest: +NORMALIZE_WHITESPACE
        azerbaijan announced its capture on 2020-10-09 (a claim that moved nothing);
        confirmed on 2020-10-14/2020-10-15 (2020-10-14-hadrut-town-taken-cited)
        """
        if self.by == self.controller:
            text = f"{self.by} announced its capture on {self.event.date}"
        else:
            text = f"{self.by} announced that {self.controller} held it on {self.event.date}"
        if self.event.basis == "claimed":
            text += " (a claim that moved nothing)"
        after = self.settled_by
        outcome = self.outcome
        if after is None:
            return text + "; not confirmed by any later event"
        if outcome in ("changed hands", "not borne out"):
            return f"{text}; {outcome}: {after.controller} held it from {after.date} ({after.id})"
        verb = "confirmed" if outcome == "confirmed" else "announced again"
        return f"{text}; {verb} on {after.date} ({after.id})"

    def __repr__(self) -> str:
        return f"<Claim {self.place}: {self.describe()}>"


@attrs.frozen(repr=False)
class PlaceState:
    """Who holds a place on a day, on what basis, and the open claims about it.

    Attributes:
        controller: The holder's id.
        since: The day this holder began to hold it.
        event: The status change that set it: one naming the place, or one
            covering its whole territory (``None`` on the first day of coverage).
        basis: What that event rests on (see ``BASES``): ``"announced"`` (one
            party's word only), ``"confirmed"`` or ``"agreement"``; ``None``
            for an event recorded before places existed.
        named: Whether ``event`` names the place (else it covered the place's whole territory).
        claims: The claims about the place open on the day (:class:`Claim`),
            oldest first: an announcement it still rests on, or one that has
            not moved it.
    """

    controller: str
    since: pendulum.Date
    event: StatusChange | None = None
    basis: str | None = None
    named: bool = False
    claims: tuple[Claim, ...] = ()

    @property
    def scope(self) -> str:
        """``"named"`` (an event names the place), ``"whole-territory"`` (an event covered its
        whole territory) or ``"initial"`` (held as on the first day of coverage)."""
        if self.event is None:
            return "initial"
        return "named" if self.named else "whole-territory"

    def __repr__(self) -> str:
        how = f", {self.basis}" if self.basis else ""
        claims = f", {len(self.claims)} open claim(s)" if self.claims else ""
        eid = "None" if self.event is None else repr(self.event.id)
        return f"PlaceState({self.controller}, since {self.since}{how}, {self.scope}{claims}, event={eid})"


_INITIAL: Final = PlaceState(INITIAL_CONTROLLER, COVERAGE_START)


def _day(event: StatusChange) -> int:
    return event.effective.toordinal()


class ClaimBook:
    """Every claim of one revision of a log, by place position, with the days each is open."""

    __slots__ = ("_by_place",)

    def __init__(self, effective: Iterable[tuple[StatusChange, PlaceHolds]], index: PlaceIndex) -> None:
        """``effective``: the status changes of a revision in effect order, each with the holds just before it."""
        by_place: dict[int, list[Claim]] = {}
        open_claims: dict[int, list[int]] = {}  # positions in by_place[i] of the claims still open
        for event, holds in effective:
            for i in index.covered(event):
                if repeats(holds, i, event):
                    continue
                for k in open_claims.pop(i, ()):
                    c = by_place[i][k]
                    by_place[i][k] = Claim(c.place, c.event, event)
            if event.basis in ("announced", "claimed"):
                for p in event.places:
                    at = index.position.get(p)
                    if at is None:
                        continue
                    claims = by_place.setdefault(at, [])
                    if repeats(holds, at, event):  # already held so on better grounds: settled at once
                        hold = holds[at]
                        claims.append(Claim(p, event, hold.event if hold is not None else None))
                        continue
                    open_claims.setdefault(at, []).append(len(claims))
                    claims.append(Claim(p, event))
        self._by_place: Mapping[int, tuple[tuple[int, int, Claim], ...]] = {
            i: tuple(
                (
                    c.made.toordinal(),
                    _NEVER if c.settled_by is None else max(c.settled_by, c.event, key=_day).effective.toordinal(),
                    c,
                )
                for c in claims
            )
            for i, claims in by_place.items()
        }

    @classmethod
    def restored(cls, by_place: Mapping[int, tuple[tuple[int, int, Claim], ...]]) -> ClaimBook:
        """A book holding ``by_place`` as :attr:`by_place` gives it (what a compiled timeline keeps)."""
        book = cls.__new__(cls)
        book._by_place = by_place
        return book

    @property
    def by_place(self) -> Mapping[int, tuple[tuple[int, int, Claim], ...]]:
        """Each place position's claims, oldest first, as ``(day made, day settled, claim)`` (ordinals; a claim
        never settled has ``2**31 - 1``)."""
        return self._by_place

    @classmethod
    def of_day(cls, open_claims: Mapping[int, tuple[Claim, ...]], ordinal: int) -> ClaimBook:
        """A book of only the claims open on one day (by place position): what a pickled :class:`Status` keeps."""
        book = cls.__new__(cls)
        book._by_place = {i: tuple((ordinal, ordinal + 1, c) for c in claims) for i, claims in open_claims.items()}
        return book

    def open_on(self, position: int, ordinal: int) -> tuple[Claim, ...]:
        """The claims about the place at ``position`` open on the day with this ordinal."""
        claims = self._by_place.get(position)
        if not claims:
            return ()
        return tuple(c for made, settled, c in claims if made <= ordinal < settled)

    def open_all(self, ordinal: int) -> tuple[Claim, ...]:
        """Every claim open on the day with this ordinal, by place (gazetteer order), oldest first."""
        return tuple(
            c for i in sorted(self._by_place) for made, settled, c in self._by_place[i] if made <= ordinal < settled
        )

    def of(self, position: int) -> tuple[Claim, ...]:
        """Every claim about the place at ``position``, in effect order."""
        return tuple(c for _, _, c in self._by_place.get(position, ()))


class HasClaims(Protocol):
    """What keeps a revision's claims (a timeline): asked for them only when a place's state is built."""

    @property
    def claims(self) -> ClaimBook: ...


class PlaceMap(Mapping[str, PlaceState]):
    """Each place's :class:`PlaceState` on one day, by place id, in gazetteer order.  Read-only."""

    __slots__ = ("_holds", "_index", "_ordinal", "_timeline")

    def __init__(self, holds: PlaceHolds, index: PlaceIndex, timeline: HasClaims, ordinal: int) -> None:
        """The places of ``index`` as ``holds`` has them on the day with this ordinal; ``timeline.claims`` their
        claims (read when a place's state is first asked for: a holder alone needs none)."""
        self._holds = holds
        self._index = index
        self._timeline = timeline
        self._ordinal = ordinal

    def __getitem__(self, place: str) -> PlaceState:
        i = self._index.position[place]
        hold: Hold | None = self._holds[i]
        claims = self._timeline.claims.open_on(i, self._ordinal)
        if hold is None:
            return _INITIAL if not claims else attrs.evolve(_INITIAL, claims=claims)
        event = hold.event
        return PlaceState(
            hold.controller, pendulum.Date.fromordinal(hold.since), event, event.basis, hold.named, claims
        )

    def controller(self, place: str) -> str:
        """Who holds ``place`` (``KeyError`` if unknown): ``self[place].controller``, made faster."""
        hold = self._holds[self._index.position[place]]
        return INITIAL_CONTROLLER if hold is None else hold.controller

    def controllers(self) -> tuple[str, ...]:
        """Every place's holder, in gazetteer order."""
        return tuple(INITIAL_CONTROLLER if h is None else h.controller for h in self._holds._holds)

    def __iter__(self) -> Iterator[str]:
        return iter(self._index.ids)

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, place: object) -> bool:
        return place in self._index.position

    def __repr__(self) -> str:
        named = sum(1 for h in self._holds._holds if h is not None and h.named)
        return f"<PlaceMap of {len(self)} places, {named} held through events that name them>"


def sets_place(event: StatusChange, territory: str, place: str) -> bool:
    """Whether ``event`` sets the holder of ``place`` (which lies in ``territory``)."""
    if event.basis == "claimed":
        return False
    return place in event.places or (covers(event) and territory in event.territories)


def claims_of(claims: ClaimBook, index: PlaceIndex, place: str) -> Sequence[Claim]:
    """Every claim about ``place``, in effect order."""
    return claims.of(index.position[place])
