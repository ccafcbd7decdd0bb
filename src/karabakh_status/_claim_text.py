"""How the command line shows claims: one line of text each, and their JSON form."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, TextIO

from ._placemap import Claim

__all__ = ["claim_json", "print_claims"]


def claim_json(c: Claim) -> dict[str, Any]:
    """The stable JSON form of a :class:`Claim`."""
    return {
        "place": c.place,
        "by": c.by,
        "controller": c.controller,
        "made": str(c.event.date),
        "event": c.event.id,
        "basis": c.event.basis,
        "outcome": c.outcome,
        "settled_by": c.settled_by.id if c.settled_by else None,
        "settled": str(c.settled_by.date) if c.settled_by else None,
    }


_CLAIMS_SHOWN = 12


def print_claims(claims: Sequence[Claim], out: TextIO) -> None:
    """The open claims of a day, a line each (the first few, with a count of the rest)."""
    if not claims:
        return
    out.write(f"Open claims on this day: {len(claims)} (one party's word, not yet settled; newest first)\n")
    for c in sorted(claims, key=lambda c: c.event.effective, reverse=True)[:_CLAIMS_SHOWN]:
        line = textwrap.fill(f"{c.place}: {c.describe()}", 100, initial_indent="  ", subsequent_indent="      ")
        out.write(line + "\n")
    if len(claims) > _CLAIMS_SHOWN:
        out.write(f"  ... and {len(claims) - _CLAIMS_SHOWN} more (--json lists them all)\n")
