"""English."""

from __future__ import annotations

from analysis.lang import LanguageProfile

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
    refuses_traditional=False,
)
