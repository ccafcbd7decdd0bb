"""What the queries return, piece by piece, and the types they accept.

:func:`~karabakh_status.status_at` returns a :class:`Status`; its parts are
the classes here.  ``DayLike`` is what every query accepts as a day,
``Revision`` what ``as_of`` accepts.

>>> import karabakh_status as ks
>>> s = ks.status_at("2020-11-25")
>>> isinstance(s.territories["agdam"], ks.answers.TerritoryState), isinstance(s.artsakh, ks.answers.ArtsakhState)
(True, True)
"""

from ._audit import Disagreement, place_disagreements
from ._dates import DayLike, When, parse_when
from ._diff import Change
from ._integrity import RepairReport
from ._place_history import PlaceRun
from ._placemap import Claim, PlaceMap, PlaceState
from ._revisions import DataVersion, Revision, Segment
from ._state import ArtsakhState, Conditions, TerritoryMap, TerritoryState
from ._status import Status

__all__ = [
    "ArtsakhState",
    "Change",
    "Claim",
    "Conditions",
    "DataVersion",
    "DayLike",
    "Disagreement",
    "PlaceMap",
    "PlaceRun",
    "PlaceState",
    "RepairReport",
    "Revision",
    "Segment",
    "Status",
    "TerritoryMap",
    "TerritoryState",
    "When",
    "parse_when",
    "place_disagreements",
]
