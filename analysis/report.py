"""The main job: parse every document in the corpus and write tidy tables.

Later stages (classification, comparison, figures) hang off the same loop.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .corpus import Corpus, Document, file_name
from .errors import InputError
from .files import atomic_write_text
from .lexicon import data_dir
from .model import Resolution
from .parse import parse_file
from .classify import classification_table, classify_resolution, theme_table, verb_table
from .tables import citation_table, document_table, paragraph_table

OFFICIAL_PDF = "https://documents.un.org/api/symbol/access?s={symbol}&l={lang}&t=pdf"


@dataclass
class ReportResult:
    resolutions: list[Resolution] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def comparison_symbols() -> dict:
    with (data_dir() / "comparisons.toml").open("rb") as fh:
        return tomllib.load(fh)


def load_resolutions(corpus: Corpus, documents: list[Document] | None = None) -> tuple[list[Resolution], list[str]]:
    """Parse each available document (the preferred format per symbol and language)."""
    chosen: dict[tuple[str, str], Document] = {}
    for d in documents if documents is not None else corpus.available():
        key = (d.symbol, d.language)
        if key not in chosen:
            chosen[key] = corpus.get(d.symbol, d.language)
    resolutions, failures = [], []
    for key in sorted(chosen, key=lambda k: (_order(k[0]), k[1])):
        try:
            resolutions.append(parse_file(chosen[key].location, language=key[1]))
        except InputError as exc:
            failures.append(str(exc))
    return resolutions, failures


def _order(symbol: str) -> tuple[int, int]:
    parts = symbol.split("/")
    return (int(parts[2]) if parts[2].isdigit() else 0, int(parts[3]))


def missing_comparisons(corpus: Corpus) -> list[str]:
    """Predecessors and successors that are not in the corpus, with how to get them."""
    table = comparison_symbols()
    lines = []
    for entry in table.get("predecessors", []) + table.get("successors", []):
        if not any(d.available for d in corpus.find(entry["symbol"])):
            symbol = entry["symbol"]
            lines.append(f"{symbol} ({entry['year']}) is not in the corpus. Its text must come from the official "
                         f"source: download {OFFICIAL_PDF.format(symbol=symbol, lang='zh')} and save it as "
                         f"{file_name(symbol, 'zh', 'pdf')} in a corpus directory (--corpus DIR).")
    return lines


def run_report(corpus: Corpus, out_dir: Path | None = None) -> ReportResult:
    out_dir = out_dir or data_dir() / "processed"
    result = ReportResult()
    result.resolutions, result.failures = load_resolutions(corpus)
    result.missing = missing_comparisons(corpus)
    labels = [x for r in result.resolutions for x in classify_resolution(r)]
    tables = {
        "documents.csv": document_table(result.resolutions),
        "paragraphs.csv": paragraph_table(result.resolutions),
        "citations.csv": citation_table(result.resolutions),
        "operative.csv": classification_table(labels),
        "verbs.csv": verb_table(labels),
        "themes.csv": theme_table(labels),
    }
    for name, frame in tables.items():
        path = out_dir / name
        atomic_write_text(path, frame.to_csv(index=False, lineterminator="\n"))
        result.written.append(path)
    return result


def summary(result: ReportResult) -> str:
    docs = document_table(result.resolutions)
    if docs.empty:
        return "no documents parsed"
    view = docs[["symbol", "language", "format", "adopted", "preamble", "operative", "footnotes", "citations"]]
    with pd.option_context("display.width", 120, "display.max_rows", 500):
        return view.to_string(index=False)
