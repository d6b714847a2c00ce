"""Tidy tables: one row per paragraph, per citation, per footnote, per document."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.model import Resolution

PARAGRAPH_COLUMNS = [
    "symbol",
    "language",
    "part",
    "index",
    "number",
    "ref",
    "lead",
    "text",
    "subparagraphs",
    "footnotes",
]


def paragraph_table(resolutions: Iterable[Resolution]) -> pd.DataFrame:
    """Preambular, operative and annexed paragraphs, one row each; ``subparagraphs`` and ``footnotes``
    are lists (joined with ``|`` only when written to CSV, by :mod:`analysis.serialize`)."""
    rows = []
    for r in resolutions:
        paragraphs = list(r.preamble) + list(r.operative) + [p for a in r.annexes for p in a.paragraphs]
        for p in paragraphs:
            rows.append(
                {
                    "symbol": r.symbol,
                    "language": r.language,
                    "part": p.part,
                    "index": p.index,
                    "number": p.number,
                    "ref": p.ref,
                    "lead": p.lead,
                    "text": p.text,
                    "subparagraphs": [f"({s.label}) {s.text}" if s.label else s.text for s in p.subparagraphs],
                    "footnotes": list(p.footnote_markers),
                }
            )
    frame = pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS)
    return frame.astype({"number": "Int64"})


def citation_table(resolutions: Iterable[Resolution]) -> pd.DataFrame:
    """One row per citation found (symbol cited, organ, kind), with the paragraph that cites it."""
    rows = [
        {
            "symbol": r.symbol,
            "language": r.language,
            "paragraph": c.paragraph,
            "cites": c.symbol,
            "organ": c.organ,
            "kind": c.kind,
            "number": c.number,
        }
        for r in resolutions
        for c in r.citations
    ]
    return pd.DataFrame(rows, columns=["symbol", "language", "paragraph", "cites", "organ", "kind", "number"])


def document_table(resolutions: Iterable[Resolution]) -> pd.DataFrame:
    """One row per resolution: where it came from and how many parts of each kind it has."""
    rows = [
        {
            "symbol": r.symbol,
            "language": r.language,
            "format": r.source_format,
            "adopted": r.adopted.isoformat() if r.adopted else "",
            "title": r.title,
            "preamble": len(r.preamble),
            "operative": len(r.operative),
            "annexed": sum(len(a.paragraphs) for a in r.annexes),
            "footnotes": len(r.footnotes),
            "citations": len(r.citations),
            "warnings": len(r.warnings),
        }
        for r in resolutions
    ]
    return pd.DataFrame(rows)
