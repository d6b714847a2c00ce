"""Classification of operative paragraphs: verbs and themes together, as tidy tables."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.coding.actors import (
    Addressee,
    Mandate,
    demand_as_request,
    procedural_decision,
    read_addressees,
    read_mandates,
)
from analysis.coding.money import read_funding_kinds
from analysis.coding.references import short_references
from analysis.coding.subjects import subject_themes
from analysis.coding.themes import ThemeHit, read_themes
from analysis.coding.verbs import VerbHit, VerbReading, lead_end, read_verbs, strengths
from analysis.model import Paragraph, Reference, Resolution

CODEBOOK_VERSION = "2.0"  # docs/codebook.md; what changed in meaning is in CHANGELOG.md

CLASSIFY_COLUMNS = [
    "symbol",
    "language",
    "paragraph",
    "lead",
    "verb",
    "verbs",
    "modifiers",
    "strength",
    "themes",
    "subject_themes",
    "addressees",
    "mandates",
    "funding_kind",
    "evidence",
    "codebook_version",
    "text",
]


@dataclass(frozen=True)
class ParagraphLabels:
    """Everything the classifiers read in one operative paragraph: its verbs and its themes with evidence."""

    symbol: str
    language: str
    paragraph: Paragraph
    verbs: VerbReading
    themes: dict[str, tuple[ThemeHit, ...]]
    subjects: tuple[str, ...] = ()
    addressees: tuple[Addressee, ...] = ()
    mandates: tuple[Mandate, ...] = ()
    funding_kinds: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    @property
    def lead(self) -> str:
        """The paragraph's opening words as printed, up to the end of its primary verb phrase."""
        hits, text = self.verbs.hits, self.paragraph.text.strip()
        return text[: lead_end(text, hits[0], self.language)] if self.verbs.verb and hits else ""

    def addressee_codes(self) -> list[str]:
        """Each addressee code once, in order."""
        return list(dict.fromkeys(a.code for a in self.addressees))

    @property
    def number(self) -> int:
        """The printed paragraph number, or its position for an unnumbered sole clause."""
        return self.paragraph.number if self.paragraph.number is not None else self.paragraph.index

    def evidence(self) -> list[str]:
        """``["verb:requests=请", "theme:funding=资源"]`` — what each label rests on."""
        parts = [f"verb:{h.label}={h.evidence}" for h in self.verbs.hits]
        parts += [
            f"theme:{name}={'/'.join(dict.fromkeys(h.evidence for h in hits))}" for name, hits in self.themes.items()
        ]
        addressed: dict[str, list[str]] = {}
        for a in self.addressees:
            addressed.setdefault(a.code, []).append(a.evidence)
        parts += [f"addressee:{code}={'/'.join(dict.fromkeys(words))}" for code, words in addressed.items()]
        parts += [f"mandate:{m.code}={m.evidence}" for m in self.mandates]
        parts += [f"funding_kind:{kind}={'/'.join(words)}" for kind, words in self.funding_kinds.items()]
        return parts


def classify_paragraph(
    symbol: str, language: str, paragraph: Paragraph, references: tuple[Reference, ...] = ()
) -> ParagraphLabels:
    """Verbs, addressees and mandates from the chapeau; themes and money from chapeau and sub-paragraphs
    (and the short references in them); subjects from the themes' places."""
    text = paragraph.text.strip()
    verbs = _read_verb_classes(text, language)
    themes = read_themes(paragraph.full_text, language, references)
    addressees = read_addressees(text, language, verbs)
    money = read_funding_kinds(paragraph.full_text, language, themes)
    return ParagraphLabels(
        symbol,
        language,
        paragraph,
        verbs,
        themes,
        subject_themes(paragraph.full_text, language, themes, money),
        addressees,
        read_mandates(text, language, verbs, addressees),
        money,
    )


def _read_verb_classes(text: str, language: str) -> VerbReading:
    """The verbs, with the classes that depend on what follows the verb: a demand of a body the Assembly
    directs is a request (要求), a decision about the Assembly's own agenda is procedural."""
    reading = read_verbs(text, language)
    hits: list[VerbHit] = []
    for hit in reading.hits:
        if demand_as_request(hit, text, language):
            hit = dataclasses.replace(hit, label="requests")
        elif hit.label == "decides" and procedural_decision(hit, text, language):
            hit = dataclasses.replace(hit, label="procedural")
        hits.append(hit)
    if not hits:
        return reading
    verb = hits[0].label if reading.verb else ""
    labels = tuple(dict.fromkeys(h.label for h in hits))
    return VerbReading(verb, labels, reading.modifiers, strengths().get(verb), tuple(hits))


def classify_resolution(resolution: Resolution) -> list[ParagraphLabels]:
    """Every operative paragraph, with short names resolved against the resolution's own full names.

    These are the lexicon's labels; :func:`analysis.learned.option.classify_with` gives the learned
    model's themes instead of, or as well as, these.
    """
    references = short_references(resolution)
    return [
        classify_paragraph(resolution.symbol, resolution.language, p, references.get(i, ()))
        for i, p in enumerate(resolution.operative)
    ]


def classification_table(labels: Iterable[ParagraphLabels]) -> pd.DataFrame:
    """One row per operative paragraph (the ``crimepol classify`` table); ``verbs``, ``modifiers``,
    ``themes`` and ``evidence`` are lists."""
    rows = [
        {
            "symbol": x.symbol,
            "language": x.language,
            "paragraph": x.number,
            "lead": x.lead,
            "verb": x.verbs.verb,
            "verbs": list(x.verbs.verbs),
            "modifiers": list(x.verbs.modifiers),
            "strength": x.verbs.strength,
            "themes": list(x.themes),
            "subject_themes": list(x.subjects),
            "addressees": x.addressee_codes(),
            "mandates": [m.code for m in x.mandates],
            "funding_kind": list(x.funding_kinds),
            "evidence": x.evidence(),
            "codebook_version": CODEBOOK_VERSION,
            "text": x.paragraph.text,
        }
        for x in labels
    ]
    return pd.DataFrame(rows, columns=CLASSIFY_COLUMNS).astype({"strength": "Int64"})


def verb_table(labels: Iterable[ParagraphLabels]) -> pd.DataFrame:
    """One row per (paragraph, verb)."""
    rows = [
        {
            "symbol": x.symbol,
            "language": x.language,
            "paragraph": x.number,
            "verb": h.label,
            "primary": i == 0 and bool(x.verbs.verb),
            "modifiers": list(h.modifiers),
            "evidence": h.evidence,
        }
        for x in labels
        for i, h in enumerate(x.verbs.hits)
    ]
    frame = pd.DataFrame(rows, columns=["symbol", "language", "paragraph", "verb", "primary", "modifiers", "evidence"])
    return frame.drop_duplicates(["symbol", "language", "paragraph", "verb"])


def theme_table(labels: Iterable[ParagraphLabels]) -> pd.DataFrame:
    """One row per (paragraph, theme)."""
    rows = [
        {
            "symbol": x.symbol,
            "language": x.language,
            "paragraph": x.number,
            "theme": name,
            "evidence": "/".join(dict.fromkeys(h.evidence for h in hits)),
        }
        for x in labels
        for name, hits in x.themes.items()
    ]
    return pd.DataFrame(rows, columns=["symbol", "language", "paragraph", "theme", "evidence"])
