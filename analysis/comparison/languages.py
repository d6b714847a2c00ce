"""The English and Chinese readings of one resolution side by side: paragraph by paragraph, the labels
that differ, each with the words that gave it in the one language that has it.

A label one reading has and the other lacks is either a classification difference (the same meaning,
read differently) or text present in one language only (a funding condition the other text dropped);
the evidence column quotes the official text so a reader can tell which. Nothing here decides it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

import pandas as pd

from analysis.coding.labels import ParagraphLabels

DISCREPANCY_COLUMNS = ["symbol", "paragraph", "dimension", "label", "only_in", "evidence", "other_text"]

# What one paragraph is read as, by dimension, with the words behind each code (docs/codebook.md).
DIMENSIONS: dict[str, Callable[[ParagraphLabels], dict[str, str]]] = {
    "primary verb": lambda x: {x.verbs.verb: x.verbs.hits[0].evidence} if x.verbs.verb and x.verbs.hits else {},
    "theme": lambda x: {name: " / ".join(dict.fromkeys(h.evidence for h in hits)) for name, hits in x.themes.items()},
    "subject theme": lambda x: {name: "" for name in x.subjects},
    "addressee": lambda x: _joined((a.code, a.evidence) for a in x.addressees),
    "funding kind": lambda x: {kind: " / ".join(words) for kind, words in x.funding_kinds.items()},
}


def _joined(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for code, words in pairs:
        out.setdefault(code, []).append(words)
    return {code: " / ".join(dict.fromkeys(words)) for code, words in out.items()}


def _by_paragraph(labels: Iterable[ParagraphLabels]) -> dict[tuple[int, int], ParagraphLabels]:
    """Labels by (printed number, occurrence among equal numbers): the key that pairs the two texts."""
    out, seen = {}, Counter[int]()
    for x in labels:
        out[(x.number, seen[x.number])] = x
        seen[x.number] += 1
    return out


def reading_discrepancies(first: Iterable[ParagraphLabels], second: Iterable[ParagraphLabels]) -> pd.DataFrame:
    """Per operative paragraph of one resolution read in two languages: every label one reading gives
    and the other does not, with the words read (``evidence``) and the other text of the paragraph
    (``other_text``, to check whether the words have a counterpart there).

    A paragraph present in one text only is one row with dimension ``paragraph``.
    """
    a, b = _by_paragraph(first), _by_paragraph(second)
    rows = []
    for key in sorted(a.keys() | b.keys()):
        x, y = a.get(key), b.get(key)
        if x is None or y is None:
            present = x or y
            assert present is not None
            rows.append(_row(present, "paragraph", "", present.paragraph.text, ""))
            continue
        for dimension, read in DIMENSIONS.items():
            mine, theirs = read(x), read(y)
            rows += [_row(x, dimension, c, words, y.paragraph.text) for c, words in mine.items() if c not in theirs]
            rows += [_row(y, dimension, c, words, x.paragraph.text) for c, words in theirs.items() if c not in mine]
    return pd.DataFrame(rows, columns=DISCREPANCY_COLUMNS)


def _row(x: ParagraphLabels, dimension: str, label: str, evidence: str, other_text: str) -> dict:
    return {
        "symbol": x.symbol,
        "paragraph": x.number,
        "dimension": dimension,
        "label": label,
        "only_in": x.language,
        "evidence": evidence,
        "other_text": other_text,
    }


def discrepancy_summary(discrepancies: pd.DataFrame, paragraphs: int) -> pd.DataFrame:
    """Per dimension: paragraphs (of ``paragraphs``) whose two readings differ, and how many labels."""
    rows = []
    for dimension in ["paragraph", *DIMENSIONS]:
        part = discrepancies[discrepancies["dimension"] == dimension]
        rows.append(
            {
                "dimension": dimension,
                "paragraphs_differing": int(part["paragraph"].nunique()),
                "paragraphs": paragraphs,
                "labels_differing": len(part),
            }
        )
    return pd.DataFrame(rows)
