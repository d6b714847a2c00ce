"""Chinese (simplified, as the UN publishes it)."""

from __future__ import annotations

from analysis.lang import LanguageProfile

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
    refuses_traditional=True,
)
