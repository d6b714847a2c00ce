"""Classification of operative paragraphs: verbs and themes together, as tidy tables."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.coding.references import short_references
from analysis.coding.themes import ThemeHit, read_themes
from analysis.coding.verbs import VerbReading, read_verbs
from analysis.model import Paragraph, Reference, Resolution

CLASSIFY_COLUMNS = [
    "symbol",
    "language",
    "paragraph",
    "verb",
    "verbs",
    "modifiers",
    "strength",
    "themes",
    "evidence",
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
        return parts


def classify_paragraph(
    symbol: str, language: str, paragraph: Paragraph, references: tuple[Reference, ...] = ()
) -> ParagraphLabels:
    """Verbs from the chapeau, themes from chapeau and sub-paragraphs (and the short references in them)."""
    return ParagraphLabels(
        symbol,
        language,
        paragraph,
        read_verbs(paragraph.text, language),
        read_themes(paragraph.full_text, language, references),
    )


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
            "verb": x.verbs.verb,
            "verbs": list(x.verbs.verbs),
            "modifiers": list(x.verbs.modifiers),
            "strength": x.verbs.strength,
            "themes": list(x.themes),
            "evidence": x.evidence(),
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
