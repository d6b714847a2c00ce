"""Chinese (simplified, as the UN publishes it)."""

from __future__ import annotations

from analysis.lang import LanguageProfile


def _no_unseen_lead(line: str, lead_words: frozenset[str]) -> bool:
    """Chinese has no cue beyond the lexicon's leads and their circumfix form (对…表示关切)."""
    return False


def _lead_as_found(text: str, lead: str) -> str:
    """A Chinese lead is recorded as the lexicon has it."""
    return lead


_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def ordinal(numeral: str) -> int | None:
    """``八十一`` -> 81, ``十七`` -> 17, ``一百零五`` -> 105; None for anything else."""
    total, current = 0, 0
    for character in numeral:
        if character in _DIGITS:
            current = _DIGITS[character]
        elif character == "十":
            total += (current or 1) * 10
            current = 0
        elif character == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    total += current
    return total or None


PROFILE = LanguageProfile(
    code="zh",
    name="Chinese",
    xml_codes=("zho", "chi", "zh"),
    spaced=False,
    cased=False,
    lineage_ngrams=("char", (2, 3)),
    model_ngrams=("char", (1, 3)),
    printed_width=(20, 35),
    lead_span_class="bold",
    kind_follows_number=True,
    dates_in_words=False,
    citation_rules=("list_continuation",),
    script=r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef",  # CJK letters and punctuation, full-width forms
    detection_weight=1.0,
    unseen_lead=_no_unseen_lead,
    extend_lead=_lead_as_found,
    variant_refusal=(
        "the text is in traditional Chinese characters; the UN's official Chinese is "
        "simplified (convert the file, e.g. with OpenCC t2s)"
    ),
    ordinal=ordinal,
)
