"""English."""

from __future__ import annotations

import re

from analysis.lang import LanguageProfile

PARTICIPLE = re.compile(r"[A-Z][a-z]+(?:ing|ed)")
LEAD_TAIL = re.compile(
    r"(?: (?:also|further|again|in particular"
    r"|with (?:deep |grave |great |serious )?(?:appreciation|satisfaction|concern)))+\b"
)
OPENING_WORD = re.compile(r"(?:[A-Z][a-z]+ly )?[A-Z][a-z]+\b")


def unseen_lead(line: str, lead_words: frozenset[str]) -> bool:
    """A line opening with the first word of a known lead (``Deeply``) or a capitalised participle."""
    words = line.split()
    first = words[0].rstrip(",") if words else ""
    return first in lead_words or bool(PARTICIPLE.fullmatch(first))


def english_lead(text: str, known: str = "") -> str:
    """The opening participle or adjective of an English preambular paragraph, with its modifiers.

    ``known`` is a lexicon match to extend (``Noting`` -> ``Noting with satisfaction``).
    """
    if not known:
        m = OPENING_WORD.match(text)
        known = m.group(0) if m else ""
    tail = LEAD_TAIL.match(text, len(known)) if known else None
    return known + (tail.group(0) if tail else "")


_UNITS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_TENS = "twent thirt fort fift sixt sevent eight ninet".split()


def ordinal(words: str) -> int | None:
    """``eighty-first`` -> 81, ``thirty-fourth`` -> 34, ``fiftieth`` -> 50; None for anything else (1-99)."""
    words = words.lower()
    if words in _UNITS:
        return _UNITS.index(words) + 1
    tens, _, unit = words.partition("-")
    for i, stem in enumerate(_TENS):
        if unit and tens == stem + "y" and unit in _UNITS[:9]:
            return (i + 2) * 10 + _UNITS.index(unit) + 1
        if not unit and tens == stem + "ieth":
            return (i + 2) * 10
    return None


PROFILE = LanguageProfile(
    code="en",
    name="English",
    xml_codes=("eng", "en"),
    spaced=True,
    cased=True,
    lineage_ngrams=("char_wb", (3, 5)),
    model_ngrams=("char_wb", (2, 5)),
    printed_width=(40, 70),
    lead_span_class="italic",
    kind_follows_number=False,
    dates_in_words=True,
    citation_rules=("list_continuation", "assembly_verb"),
    script="A-Za-z",
    detection_weight=0.2,  # a Chinese character weighs as much as five Latin letters
    unseen_lead=unseen_lead,
    extend_lead=english_lead,
    variant_refusal="",
    ordinal=ordinal,
)
