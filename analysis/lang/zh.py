"""Chinese (simplified, as the UN publishes it)."""

from __future__ import annotations

from analysis.lang import LanguageProfile


def _no_unseen_lead(line: str, lead_words: frozenset[str]) -> bool:
    """Chinese has no cue beyond the lexicon's leads and their circumfix form (对…表示关切)."""
    return False


def _lead_as_found(text: str, lead: str) -> str:
    """A Chinese lead is recorded as the lexicon has it."""
    return lead


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
)
