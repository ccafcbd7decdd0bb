"""How the command line lists events: the records in force (or all, marked), each with what it does."""

from __future__ import annotations

from collections.abc import Sequence

from ._events import Correction, Event, Recognition, Statement, StatusChange

__all__ = ["event_rows", "fates", "in_force"]


def in_force(events: Sequence[Event]) -> list[Event]:
    """The records in force of a revision: not corrections, and nothing a correction superseded or retracted.

    >>> import karabakh_status as ks
    >>> ids = {e.id for e in in_force(ks.events())}
    >>> "2020-10-04-jabrayil-captured" in ids, "1993-08-18-jabrayil-captured" in ids  # superseded; in force
    (False, True)
    """
    dropped = {e.target for e in events if isinstance(e, Correction)}
    return [e for e in events if not isinstance(e, Correction) and e.id not in dropped]


def fates(events: Sequence[Event]) -> dict[str, str]:
    """What became of each event a correction supersedes or retracts: ``"superseded by ID"`` / ``"retracted by ID"``.

    >>> import karabakh_status as ks
    >>> fates(ks.events())["2020-10-04-jabrayil-captured"]
    'superseded by 2020-10-04-jabrayil-captured-town-only'
    """
    out: dict[str, str] = {}
    for e in events:
        if isinstance(e, Correction):
            out[e.target] = f"{'superseded' if e.action == 'supersede' else 'retracted'} by {e.id}"
    return out


def action(e: Event) -> str:
    """What the event does, in a word or two: a recognition's action, a statement's stance, a change's gist."""
    if isinstance(e, Recognition):
        return e.action
    if isinstance(e, Statement):
        return e.stance
    if isinstance(e, StatusChange):
        if e.state is not None:
            return e.state
        if e.condition is not None:
            return f"{e.condition} {e.value}"
        return f"to {e.controller}" + (f" ({e.basis})" if e.basis else "")
    return f"{e.action} {e.target}"


def event_rows(events: Sequence[Event], every: Sequence[Event], *, marked: bool) -> list[list[str]]:
    """The table of ``events``: date, type, action, actor, summary; with ``marked``, a last column says what
    superseded or retracted each (``every`` is the whole revision the events come from)."""
    head = ["date", "type", "action", "actor", "summary"]
    done = fates(every) if marked else {}
    rows = [[*head, "status"]] if marked else [head]
    for e in events:
        who = e.actor if isinstance(e, Statement | Recognition) else ""
        row = [str(e.date), e.type, action(e), who, e.summary]
        rows.append([*row, done.get(e.id, "in force")] if marked else row)
    return rows
