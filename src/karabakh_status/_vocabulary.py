"""The closed vocabularies the log is written in.

Territory and condition ids are stable: new ones may be added, none is ever
renamed.  Actors (states, parliaments, cities, courts, ...) live in the data
file ``actors.jsonl`` beside the log; see :func:`karabakh_status.actors`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

import attrs

__all__ = [
    "ACTOR_KINDS",
    "BASES",
    "CONDITIONS",
    "CONTROLLERS",
    "INITIAL_CONDITIONS",
    "INITIAL_CONTROLLER",
    "PLACE_KINDS",
    "PRECISIONS",
    "RECOGNITION_ACTIONS",
    "RECOGNITION_LEVELS",
    "RECORD_FLAGS",
    "STANCES",
    "STATE_ACTIONS",
    "TERRITORIES",
    "Territory",
]


@attrs.frozen
class Territory:
    """A territory whose control the log follows.

    Attributes:
        id: The stable id, e.g. ``"kalbajar"``.
        name: The display name in English usage.
        group: ``"nkao"`` (a district of the former Nagorno-Karabakh
            Autonomous Oblast), ``"surrounding"`` (one of the seven districts
            around it), ``"claimed"`` (claimed by the de facto state outside
            both) or ``"corridor"``.
        alt_names: Other names in use (Armenian and Azerbaijani usage).
    """

    id: str
    name: str
    group: str
    alt_names: tuple[str, ...] = ()


def _territories(*items: Territory) -> MappingProxyType[str, Territory]:
    return MappingProxyType({t.id: t for t in items})


#: Every territory the log follows, by id, in a stable display order.
TERRITORIES: Final = _territories(
    Territory("stepanakert", "Stepanakert", "nkao", ("Khankendi", "Xankəndi")),
    Territory("shusha", "Shusha", "nkao", ("Shushi", "Şuşa")),
    Territory("hadrut", "Hadrut", "nkao", ("Hadrut district",)),
    Territory("askeran", "Askeran", "nkao", ("Khojaly district", "Xocalı")),
    Territory("martakert", "Martakert", "nkao", ("Mardakert", "Aghdara", "Ağdərə")),
    Territory("martuni", "Martuni", "nkao", ("Khojavend", "Xocavənd")),
    Territory("kalbajar", "Kalbajar", "surrounding", ("Karvachar", "Kəlbəcər")),
    Territory("lachin", "Lachin", "surrounding", ("Kashatagh", "Berdzor", "Laçın")),
    Territory("qubadli", "Qubadli", "surrounding", ("Kubatly", "Sanasar", "Qubadlı", "Gubadly", "Gubadli")),
    Territory("zangilan", "Zangilan", "surrounding", ("Kovsakan", "Zəngilan")),
    Territory("jabrayil", "Jabrayil", "surrounding", ("Jebrail", "Jrakan", "Cəbrayıl")),
    Territory("fuzuli", "Fuzuli", "surrounding", ("Varanda", "Füzuli")),
    Territory("agdam", "Agdam", "surrounding", ("Akna", "Ağdam", "Aghdam")),
    Territory("shahumyan", "Shahumyan", "claimed", ("Goranboy", "Goranboy district")),
    Territory("lachin-corridor", "Lachin corridor", "corridor", ("Berdzor corridor",)),
)

#: Who can hold a territory, with display names.
CONTROLLERS: Final = MappingProxyType(
    {
        "ussr": "USSR (Azerbaijan SSR)",
        "azerbaijan": "Azerbaijan",
        "artsakh": "Nagorno-Karabakh Republic / Republic of Artsakh",
        "armenia": "Armenia",
        "russia": "Russia (peacekeepers)",
    }
)

#: Controller of every territory on the first day of coverage (1988-01-01):
#: the Nagorno-Karabakh Autonomous Oblast and its surroundings lay inside the
#: Azerbaijan SSR of the USSR.
INITIAL_CONTROLLER: Final = "ussr"

#: Conditions and the values each can take, the first being its initial value.
CONDITIONS: Final = MappingProxyType(
    {
        "lachin-corridor": ("none", "open", "blocked", "closed", "under-azerbaijani-control"),
        "russian-peacekeepers": ("not-deployed", "deployed", "withdrawn"),
    }
)

#: Each condition's value on the first day of coverage.
INITIAL_CONDITIONS: Final = MappingProxyType({k: v[0] for k, v in CONDITIONS.items()})

#: Lifecycle steps of the de facto state, as a status change records them.
STATE_ACTIONS: Final = (
    "proclaimed",
    "autonomy-abolished",
    "independence-referendum",
    "independence-declared",
    "renamed",
    "dissolution-decreed",
    "dissolved",
    "dissolution-annulled",
)

#: Positions a statement can take.
STANCES: Final = (
    "territorial-integrity",
    "self-determination",
    "balanced",
    "non-recognition",
    "no-special-status",
    "considers-recognition",
    "finding",
    "other",
)

#: What a recognition event does.  Only ``recognize`` puts a recognition in
#: force and only ``withdraw`` ends one; the others are recorded as what they
#: were and never count as recognitions.
RECOGNITION_ACTIONS: Final = ("recognize", "withdraw", "call", "reject", "support-self-determination")

#: The level of the actor that acts.
RECOGNITION_LEVELS: Final = (
    "un-member-state",
    "non-un-state",
    "national-legislature",
    "subnational",
    "municipal",
    "party",
)

#: Flags a record's note carries, in capitals, when what it rests on is in doubt: its act's text (or the
#: operative clause that decides its action) was not read, or who recognised whom is uncertain.
#: :attr:`Status.verified_recognitions <karabakh_status.Status.verified_recognitions>` leaves such records out.
RECORD_FLAGS: Final = ("TEXT NOT READ", "OPERATIVE CLAUSE NOT READ", "DIRECTION IN DOUBT")

#: Kinds of actor in ``actors.jsonl``.
ACTOR_KINDS: Final = (
    "un-member-state",
    "non-un-state",
    "de-facto-state",
    "subnational",
    "municipality",
    "parliament",
    "party",
    "international-organisation",
    "court",
    "office-holder",
)

#: How exactly an event's date is known.
PRECISIONS: Final = ("day", "month", "year", "range", "on-or-before")

#: Kinds of place in the gazetteer (``places.jsonl``).
PLACE_KINDS: Final = ("city", "town", "village", "height", "pass", "road-section")

#: What a control event rests on.  ``announced``: one party announced it
#: (``announced_by`` names which) and nobody independent confirmed it;
#: ``confirmed``: independent reports, or the other side's admission, confirm
#: it; ``agreement``: ground passed under an agreement (the 2020 handovers);
#: ``claimed``: one party announced it, but independent reports contradict it
#: or date the act later, so the event records the claim and moves no place.
BASES: Final = ("announced", "confirmed", "agreement", "claimed")
