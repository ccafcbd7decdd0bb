"""The stable ids and words of the data: territories, controllers, conditions, stances, actions, kinds.

Ids are never renamed; new ones may be added.

>>> import karabakh_status as ks
>>> ks.vocabulary.TERRITORIES["agdam"].name, "artsakh" in ks.vocabulary.CONTROLLERS
('Agdam', True)
>>> ks.vocabulary.fold_name("Şuşa")
'susa'
"""

from ._dates import COVERAGE_START
from ._places import fold_name
from ._vocabulary import (
    ACTOR_KINDS,
    BASES,
    CONDITIONS,
    CONTROLLERS,
    PLACE_KINDS,
    PRECISIONS,
    RECOGNITION_ACTIONS,
    RECOGNITION_LEVELS,
    RECORD_FLAGS,
    STANCES,
    STATE_ACTIONS,
    TERRITORIES,
    Territory,
)

__all__ = [
    "ACTOR_KINDS",
    "BASES",
    "CONDITIONS",
    "CONTROLLERS",
    "COVERAGE_START",
    "PLACE_KINDS",
    "PRECISIONS",
    "RECOGNITION_ACTIONS",
    "RECOGNITION_LEVELS",
    "RECORD_FLAGS",
    "STANCES",
    "STATE_ACTIONS",
    "TERRITORIES",
    "Territory",
    "fold_name",
]
