"""The records of the log, the gazetteer and the actors, and how they read and write.

>>> import karabakh_status as ks
>>> e = ks.records.event_from_dict(ks.records.event_to_dict(ks.events()[0]))
>>> e == ks.events()[0], type(e).__name__
(True, 'StatusChange')
"""

from ._actorbook import ActorBook
from ._actors import Actor
from ._article import ARTICLE, ArticleRead
from ._bundled import bundled_log_path
from ._convert import event_from_dict, event_to_dict, make_converter
from ._events import Correction, Event, Recognition, Source, Statement, StatusChange
from ._places import Place
from ._schema import log_schema

__all__ = [
    "ARTICLE",
    "Actor",
    "ActorBook",
    "ArticleRead",
    "Correction",
    "Event",
    "Place",
    "Recognition",
    "Source",
    "Statement",
    "StatusChange",
    "bundled_log_path",
    "event_from_dict",
    "event_to_dict",
    "log_schema",
    "make_converter",
]
