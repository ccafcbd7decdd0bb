"""The record of recognitions: the written rule (an act's operative clause decides its action), applied by a test."""

from __future__ import annotations

import re

import karabakh_status as ks

LIVE = [e for e in ks.changes_between("1988-01-01", "2100-01-01") if isinstance(e, ks.records.Recognition)]

_ASK = r"(urg|call\w*\s+(up)?on|encourag|invit|appeal|ask|request|demand|demande|appelle|exhorte|affinch|chied)"
_RECOGNISE = r"(recogni[sz]|reconna[iî]t|riconosc|reconoc)"

#: The operative verb patterns of the codebook's rule, in the order they are tried: asking another body to
#: recognise (or saying another body must or should) is a call, though it names recognition too.
RULE = (
    (None, re.compile(r"\bhonou?rs\s+and\s+recogni[sz]es\b", re.IGNORECASE)),  # the honouring template decides nothing
    ("call", re.compile(rf"\b{_ASK}\w*\b(?:[^.;]|\.\.\.)*\b{_RECOGNISE}", re.IGNORECASE)),
    ("call", re.compile(rf"\b(to|must|should)\s+(formally\s+|officially\s+)?{_RECOGNISE}", re.IGNORECASE)),
    (
        "recognize",
        re.compile(
            rf"\b{_RECOGNISE}\w*\s+(formally\s+)?(the\s+)?(independen\w+\s+of\s+)?(the\s+)?"
            r"(nagorno|artsakh|republic|nkr|la\s+r[ée]publique|la\s+repubblica)",
            re.IGNORECASE,
        ),
    ),
    ("support-self-determination", re.compile(r"self-determination|free and independent nation", re.IGNORECASE)),
)


def ruled(quote: str) -> str | None:
    """The action the rule gives an operative clause, or ``None`` when no pattern of the rule decides it."""
    for action, pattern in RULE:
        if pattern.search(quote):
            return action
    return None


def test_the_rule_reads_clauses_as_the_codebook_says() -> None:
    """The rule's patterns read typical operative clauses as the codebook's table does."""
    assert (
        ruled("urges the President and Congress to recognize the independence of the Nagorno-Karabakh Republic")
        == "call"
    )
    assert ruled("encourages the international community to recognize the Republic of Artsakh") == "call"
    assert ruled("Australian Government to recognise the Republic of Artsakh") == "call"
    assert ruled("recognizes the independence of the Nagorno Karabakh Republic") == "recognize"
    assert ruled("reconnaît la République d'Artsakh") == "recognize"
    assert ruled("supports the Republic's continued efforts to develop as a free and independent nation") == (
        "support-self-determination"
    )
    assert ruled("honors the sacrifices of the people of Artsakh") is None
    assert ruled("honors and recognizes the Nagorno-Karabakh Republic and its citizens") is None


def test_records_whose_clauses_share_a_verb_pattern_carry_the_same_action() -> None:
    """Every recognition-type record in force whose quoted clause the rule reads carries the rule's action.

    A rejection or a withdrawal quotes the motion or act it refused or revoked, so the rule reads that motion:
    it must be a recognition or a call, never anything weaker.
    """
    acts = [e for e in LIVE if e.quote and e.action not in ("reject", "withdraw")]
    wrong = [(e.id, e.action, ruled(e.quote)) for e in acts if ruled(e.quote) not in (None, e.action)]
    assert wrong == []
    refused = [e for e in LIVE if e.quote and e.action in ("reject", "withdraw")]
    assert all(ruled(e.quote) in (None, "recognize", "call") for e in refused)


def test_flagged_records_say_what_is_in_doubt() -> None:
    """A flagged record is one whose text, clause or direction was not settled, and its note says what was searched."""
    for e in LIVE:
        for flag in e.flags:
            assert flag in ks.vocabulary.RECORD_FLAGS
            assert len(e.note or "") > 100, e.id


def test_calls_and_verified_recognitions() -> None:
    """Calls stay on the record and never count as recognitions; verified recognitions leave the flagged ones out."""
    s = ks.status_at("2021-06-01")
    assert all(c.action == "call" for c in s.calls)
    assert not {c.id for c in s.calls} & {r.id for r in s.recognitions}
    assert set(s.verified_recognitions) == {r for r in s.recognitions if not r.flags}
    assert ks.status_at("2016-12-31").calls == tuple(
        c for c in s.calls if c.effective <= ks.answers.parse_when("2016-12-31").latest
    )


_QUOTED = re.compile(r"['\"“‘«][^'\"”’»]{12,}['\"”’»]")


def test_every_record_quotes_its_clause_or_says_it_was_not_read() -> None:
    """Each recognition-type record in force quotes the clause it was read from (`quote` or note) or is flagged."""
    silent = [e.id for e in LIVE if not e.quote and not e.flags and not _QUOTED.search(e.note or "")]
    assert silent == []
