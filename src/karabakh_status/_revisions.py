"""What pins and cites an answer: the revisions ``as_of`` accepts, a data version, a run of unchanged days."""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import pendulum

from ._dates import Revision
from ._events import Event
from ._status import Status

__all__ = ["DataVersion", "Revision", "Segment"]

# Revision lives with the dates (no attrs class is needed to name it); re-exported here with them.


@attrs.frozen
class DataVersion:
    """Exactly which data an answer came from, for a citation.

    Attributes:
        revision: The number of events in the log (``as_of`` this pins it).
        digest: The SHA-256 of the log's bytes (``sha256:...``).
        last_recorded: The ``recorded`` day of the last event.
        source: Where the log was read from.
    """

    revision: int
    digest: str
    last_recorded: str | None
    source: str

    @property
    def last_reviewed(self) -> str | None:
        """The last day the record was reviewed, which is the ``recorded`` day of its last event.

        A later day still has an answer (the state then known), but events after
        this day are not in the record.
        """
        return self.last_recorded


@attrs.frozen
class Segment:
    """A run of days on which no answer changes (see :meth:`History.segments`).

    Attributes:
        first: The first day of the run.
        last: The last day of the run.
        status: The :class:`Status` of :attr:`first`; every day of the run has
            the same answers but its :attr:`~Status.day`.
    """

    first: pendulum.Date
    last: pendulum.Date
    status: Status

    @property
    def days(self) -> int:
        """How many days the run has."""
        return self.last.toordinal() - self.first.toordinal() + 1


def log_digest(events: Iterable[Event]) -> str:
    """The SHA-256 of ``events`` written as a log's lines: the digest of a log built in memory.

    >>> log_digest(()) == "sha256:" + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    True
    """
    import hashlib
    import json

    from ._convert import event_to_dict

    h = hashlib.sha256()
    for e in events:
        h.update(json.dumps(event_to_dict(e), ensure_ascii=False).encode() + b"\n")
    return "sha256:" + h.hexdigest()
