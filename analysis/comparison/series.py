"""comparison.series: from the former report.py."""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass, field

import pandas as pd

from analysis.coding.labels import ParagraphLabels, classify_resolution
from analysis.coding.themes import required_themes
from analysis.comparison.lineage import lineage, lineage_summary
from analysis.comparison.shares import compare_two, js_distance, label_counts, strength_profile
from analysis.corpus.registry import Corpus, how_to_get
from analysis.model import Resolution
from analysis.util.locations import data_dir


@dataclass
class SeriesAnalysis:
    """62/175 with its predecessors and successors that are in the corpus: each in the series language
    when the corpus has it, else in the other language (``languages``; compared on the canonical labels
    the two languages share)."""

    language: str
    series: list[tuple[str, int]]  # (symbol, year) in order
    resolutions: dict[str, Resolution]
    labels: list[ParagraphLabels]
    themes: pd.DataFrame  # label_counts(kind="theme")
    verbs: pd.DataFrame  # label_counts(kind="verb", primary only)
    strength: pd.DataFrame
    differences: pd.DataFrame  # required themes: focus vs every other member
    lineage: pd.DataFrame
    lineage_summary: pd.DataFrame
    summary: pd.DataFrame
    languages: dict[str, str] = field(default_factory=dict)  # symbol -> language of the text read

    @property
    def other_language(self) -> list[str]:
        """Members read in the other language than the series'."""
        return [s for s, lang in self.languages.items() if lang != self.language]


def comparison_symbols() -> dict:
    """The focus resolution, its predecessors and successors, and the series language (comparisons.toml)."""
    with (data_dir() / "comparisons.toml").open("rb") as fh:
        return tomllib.load(fh)


def symbol_tag(symbol: str) -> str:
    """``A/RES/62/175`` -> ``62_175``: a symbol as part of a column or file name."""
    return symbol.removeprefix("A/RES/").replace("/", "_")


def missing_comparisons(corpus: Corpus) -> list[str]:
    """Predecessors and successors that are not in the corpus, with how to get them."""
    table = comparison_symbols()
    lines = []
    for entry in table.get("predecessors", []) + table.get("successors", []):
        if not corpus.has(entry["symbol"]):
            symbol = entry["symbol"]
            lang = table["language"]
            lines.append(
                f"{symbol} ({entry['year']}) is not in the corpus. Its text must come from the official "
                f"source: {how_to_get(symbol, lang)}."
            )
    return lines


def analyse_series(resolutions: list[Resolution], labels: list[ParagraphLabels] | None = None) -> SeriesAnalysis | None:
    """Distributions, differences, strength, lineage for the series members present in the corpus.

    ``labels``: the classification of ``resolutions`` when the caller already has it.
    """
    table = comparison_symbols()
    language, focus = table["language"], table["focus"]
    by_symbol = {r.symbol: r for r in resolutions if r.language != language}  # the other language, if alone
    by_symbol.update({r.symbol: r for r in resolutions if r.language == language})
    if focus not in by_symbol:
        return None
    filter_language = None  # the tables hold one language per symbol: the one read for it
    members = [(e["symbol"], e["year"]) for e in table.get("predecessors", []) if e["symbol"] in by_symbol]
    members.append((focus, table["focus_year"]))
    members += [(e["symbol"], e["year"]) for e in table.get("successors", []) if e["symbol"] in by_symbol]
    members.sort(key=lambda m: m[1])
    chosen = {s: by_symbol[s] for s, _ in members}
    if labels is None:
        labels = [x for s, _ in members for x in classify_resolution(chosen[s])]
    else:
        by_key: dict[tuple[str, str], list[ParagraphLabels]] = {}
        for x in labels:
            by_key.setdefault((x.symbol, x.language), []).append(x)
        labels = [x for s, _ in members for x in by_key[(s, chosen[s].language)]]
    themes = label_counts(labels, "theme")
    verbs = label_counts(labels, "verb", primary_only=True)
    strength = strength_profile(labels)
    differences = (
        pd.concat(
            [
                compare_two(themes, focus, s, filter_language, required_themes())
                if y > table["focus_year"]
                else compare_two(themes, s, focus, filter_language, required_themes())
                for s, y in members
                if s != focus
            ],
            ignore_index=True,
        )
        if len(members) > 1
        else pd.DataFrame()
    )
    # lineage aligns paragraph texts, so only two texts in the same language
    pairs = [
        lineage(chosen[a], chosen[b])
        for (a, _), (b, _) in itertools.pairwise(members)
        if chosen[a].language == chosen[b].language
    ]
    lineage_frame = (
        pd.concat(pairs, ignore_index=True)
        if pairs
        else pd.DataFrame(columns=["from", "to", "earlier", "later", "similarity", "status"])
    )
    summary_rows = []
    for s, year in members:
        row = {
            "symbol": s,
            "year": year,
            "language": chosen[s].language,
            "reading": reading(chosen[s]),
            "operative": len(chosen[s].operative),
        }
        for theme in required_themes():
            share = themes[(themes["symbol"] == s) & (themes["label"] == theme)]["share"].sum()
            row[theme] = round(float(share) * 100)
        row["mean_strength"] = round(float(strength.loc[strength["symbol"] == s, "mean_strength"].iloc[0]), 2)
        row[f"js_to_{symbol_tag(focus)}"] = round(js_distance(themes, focus, s, filter_language), 3)
        summary_rows.append(row)
    read_in = chosen[focus].language  # the series language, unless the focus itself is only in the other one
    return SeriesAnalysis(
        read_in,
        members,
        chosen,
        labels,
        themes,
        verbs,
        strength,
        differences,
        lineage_frame,
        lineage_summary(pairs),
        pd.DataFrame(summary_rows),
        {s: chosen[s].language for s, _ in members},
    )


def reading(r: Resolution) -> str:
    """How the text of ``r`` was read: the display name of its format in the registry (the UN's XML, a
    text file, an HTML page, a PDF's text layer …) or by OCR (with its mean confidence)."""
    from analysis.io import display_name

    if r.source_format == "ocr":
        if r.ocr_confidence is None:
            return "OCR of a scanned PDF"
        return f"OCR of a scanned PDF (mean confidence {r.ocr_confidence:.2f})"
    return display_name(r.source_format)
